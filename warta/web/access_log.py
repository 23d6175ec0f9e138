"""One line per request, written by the outermost WSGI layer (config/wsgi.py).

It wraps warta's page cache, so a page answered from the cache (which runs no Django middleware)
is logged like any other. The line is written when the server has sent the whole body, with the
status, the bytes sent, the time taken and whether the page cache answered (``cache``: hit, miss
or empty). Logger ``warta.access`` at INFO; ``WARTA_ACCESS_LOG`` (on in production) turns it on,
``WARTA_LOG_FORMAT=json`` makes it (and every other line) JSON: warta/web/logs.py.

A gift link's token is a key to an article, so the query string is logged with it blanked.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from .page_cache import HIT_HEADER

logger = logging.getLogger("warta.access")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]
SECRET_PARAMETERS = frozenset({"gift"})


def _text(value: str) -> str:
    """A WSGI string (bytes as latin-1) as the UTF-8 text the client sent."""
    return value.encode("latin-1", "replace").decode("utf-8", "replace")


def _query(environ: Environ) -> str:
    query = _text(environ.get("QUERY_STRING", ""))
    if not query or not any(name in query for name in SECRET_PARAMETERS):
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, "-" if k in SECRET_PARAMETERS else v) for k, v in pairs], safe="/:,")


def _fields(environ: Environ, seen: dict[str, Any], sent: int, started: float) -> dict[str, Any]:
    headers = {name.lower(): value for name, value in seen.get("headers", [])}
    length = headers.get("content-length", "")
    return {
        "method": environ.get("REQUEST_METHOD", ""),
        "path": _text(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")),
        "query": _query(environ),
        "status": int(str(seen.get("status", "500")).split(" ", 1)[0]),
        "bytes": int(length) if length.isdigit() else sent,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "cache": headers.get(HIT_HEADER.lower(), ""),
        "remote_addr": environ.get("REMOTE_ADDR", ""),
        "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
        "host": environ.get("HTTP_HOST", ""),
        "user_agent": environ.get("HTTP_USER_AGENT", ""),
    }


def _write(fields: dict[str, Any]) -> None:
    target = fields["path"] + ("?" + fields["query"] if fields["query"] else "")
    logger.info(
        '%s "%s %s" %s %s %sms%s',
        fields["remote_addr"] or "-",
        fields["method"],
        target,
        fields["status"],
        fields["bytes"],
        fields["duration_ms"],
        " cache=" + fields["cache"] if fields["cache"] else "",
        extra=fields,
    )


class _LoggedBody:
    """The application's body, passed on as it is, logged once the server closes it."""

    def __init__(self, body: Iterable[bytes], done: Callable[[int], None]) -> None:
        self.chunks = body
        self.done = done
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.sent += len(chunk)
            yield chunk

    def close(self) -> None:
        try:
            close = getattr(self.chunks, "close", None)
            if close is not None:
                close()
        finally:
            self.done(self.sent)


class AccessLog:
    """The WSGI application ``app``, with each request logged once."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if not settings.WARTA_ACCESS_LOG:
            return self.app(environ, start_response)
        started = time.perf_counter()
        seen: dict[str, Any] = {}

        def recording(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        try:
            body = self.app(environ, recording)
        except BaseException:
            _write(_fields(environ, {"status": "500"}, 0, started))
            raise
        return _LoggedBody(body, lambda sent: _write(_fields(environ, seen, sent, started)))
