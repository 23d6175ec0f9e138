"""One line per request, written by the outermost WSGI layer (config/wsgi.py).

It wraps warta's page cache, so a page answered from the cache (which runs no Django middleware)
is logged like any other. The line has the status, the bytes, the time taken and whether the
page cache answered (``cache``: hit, miss or empty). Logger ``warta.access`` at INFO;
``WARTA_ACCESS_LOG`` (on in production) turns it on, ``WARTA_LOG_FORMAT=json`` makes it (and
every other line) JSON: warta/web/logs.py; lines are written in batches: warta/web/log_batches.py.

It costs a cache hit little (decision 0018, with the figures). A request only notes what its
line needs (method, path, query, addresses, status and headers, bytes and times); the lines are
made 64 requests at a time, or within a second (warta/web/log_batches.py), one log record each,
copied from one record the factory made for the batch. A body given whole (a list, as the page
cache answers) is noted at once and handed on as it is, since granian sends a list in one go but
walks any other iterable from Rust, a call into Python a chunk; any other body is noted when the
server closes it, having sent it all.

A gift link's token is a key to an article, so the query string is logged with it blanked.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from .log_batches import Batch, flush_all, record_batch
from .page_cache import HIT_HEADER

logger = logging.getLogger("warta.access")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]
SECRET_PARAMETERS = frozenset({"gift"})
_CACHE_HEADER = HIT_HEADER.lower()
_MESSAGE = '%s "%s %s" %s %s %sms%s'


def _text(value: str) -> str:
    """A WSGI string (bytes as latin-1) as the UTF-8 text the client sent."""
    if value.isascii():
        return value
    return value.encode("latin-1", "replace").decode("utf-8", "replace")


def _query(raw: str) -> str:
    query = _text(raw)
    if not query or not any(name in query for name in SECRET_PARAMETERS):
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, "-" if k in SECRET_PARAMETERS else v) for k, v in pairs], safe="/:,")


# What a request notes of its environ, in this order (a missing one is None).
_ENVIRON_KEYS = (
    "REQUEST_METHOD",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "REMOTE_ADDR",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_HOST",
    "HTTP_USER_AGENT",
)
# (environ values, status, response headers, bytes sent, seconds taken, time.time() at the end)
Noted = tuple[tuple[str | None, ...], str, list[tuple[str, str]], int, float, float]


def _note(environ: Environ, seen: dict[str, Any], sent: int, started: float) -> None:
    took = time.perf_counter() - started
    _noted.add(
        (
            tuple(map(environ.get, _ENVIRON_KEYS)),
            seen.get("status", "500"),
            seen.get("headers", []),
            sent,
            took,
            time.time(),
        )
    )


def _fields(noted: Noted) -> dict[str, Any]:
    values, status, headers, sent, took, _ended = noted
    method, script, path, query, remote, forwarded, host, agent = (v or "" for v in values)
    length = cache = ""
    for name, value in headers:
        lowered = name.lower()
        if lowered == "content-length":
            length = value
        elif lowered == _CACHE_HEADER:
            cache = value
    return {
        "method": method,
        "path": _text(script + path),
        "query": _query(query),
        "status": int(status[:3]),
        "bytes": int(length) if length.isdigit() else sent,
        "duration_ms": round(took * 1000, 1),
        "cache": cache,
        "remote_addr": remote,
        "forwarded_for": forwarded,
        "host": host,
        "user_agent": agent,
    }


def _make_records(batch: list[Noted]) -> None:
    """The lines of a batch of requests, as log records of ``warta.access``."""
    if not logger.isEnabledFor(logging.INFO):
        return
    # What logger.info(..., extra=fields) would make for each, made for the batch at once: one
    # record made by the record factory, with what it works out for every record (the file, the
    # thread and process and their names), copied for each request with its own message, time
    # and fields (fixed names, none a record's own: test_logs.py). Without the logging module's
    # walk up the stack for the calling line (always this one), a line costs a third less.
    template = logging.getLogRecordFactory()(
        logger.name, logging.INFO, __file__, 0, _MESSAGE, (), None, "_make_records"
    ).__dict__
    started = template["created"] - template["relativeCreated"] / 1000
    for noted in batch:
        fields = _fields(noted)
        ended = noted[5]
        record = _new_record(logging.LogRecord)
        record.__dict__ = template | fields
        record.args = (
            fields["remote_addr"] or "-",
            fields["method"],
            fields["path"] + ("?" + fields["query"] if fields["query"] else ""),
            fields["status"],
            fields["bytes"],
            fields["duration_ms"],
            " cache=" + fields["cache"] if fields["cache"] else "",
        )
        # Dated when the request ended, not when its line was made.
        record.created = ended
        record.msecs = float(int(ended * 1000) % 1000)
        record.relativeCreated = (ended - started) * 1000
        logger.handle(record)


_new_record = object.__new__


_noted: Batch[Noted] = record_batch(_make_records)


def flush() -> None:
    """The lines of every request noted so far, made and written now."""
    flush_all()


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
            _note(environ, {"status": "500"}, 0, started)
            raise
        if isinstance(body, list):
            # Whole already: noted now, and handed on as a list, which granian sends in one go.
            _note(environ, seen, sum(map(len, body)), started)
            return body
        return _LoggedBody(body, lambda sent: _note(environ, seen, sent, started))
