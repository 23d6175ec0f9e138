"""warta's own cache of anonymous pages, in front of Django (Redis in production, the local memory
cache in the demo). docs/decisions/0010-caching.md.

It wraps the WSGI application (config/wsgi.py) rather than sitting in Django's middleware, so a
hit costs no request object, no signal, no middleware and no query: a few dictionary lookups, two
cache reads and the bytes. Only what a shared cache could keep is kept here (the rule of
``cache_policy``): answers to GET requests of anonymous readers that Django marked ``public``,
that set no cookie and vary on nothing but cookies. A request is anonymous when it carries none of
the cookies that change a page (a session, a gift grant, flash messages) and no gift token.

Entries are keyed by the site's content version, so publishing anything makes every cached page
stale at once (``newsroom.content_version``), and they expire after ``WARTA_PAGE_CACHE_SECONDS``
in any case. The key is made of the raw request inputs Django builds the URL from, so two
requests share an entry only when Django would have seen the same scheme, host, path and query.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.http.cookie import parse_cookie

from warta.cache_table import PAGES
from warta.local_cache import local_get, local_set
from warta.newsroom.content_version import content_version

from .cache_policy import SHAREABLE_STATUS
from .grant_cookie import COOKIE as GIFT_GRANTS_COOKIE

HIT_HEADER = "X-Warta-Cache"
# Never stored: the server adds its own, and a cookie is never shared.
DROPPED_HEADERS = frozenset({"date", "server", "content-length", "set-cookie", "connection"})
EXCLUDED_PATHS = ("/admin/", "/accounts/", "/account/", "/static/", "/gift/", "/media/")
# Vary values that do not split the anonymous audience: anonymous requests carry no cookie
# that changes a page, whatever else they carry.
HARMLESS_VARY = frozenset({"cookie", "accept-encoding"})

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]
Entry = tuple[str, list[tuple[str, str]], bytes]


def _personal_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, GIFT_GRANTS_COOKIE, "messages")


def _carries_personal_cookie(cookie_header: str) -> bool:
    if not cookie_header:
        return False
    names = _personal_cookies()
    if not any(name in cookie_header for name in names):  # the usual case: no parsing at all
        return False
    cookies = parse_cookie(cookie_header)  # as Django will read them
    return any(name in cookies for name in names)


def request_is_cacheable(environ: Environ) -> bool:
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    return (
        settings.WARTA_PAGE_CACHE_SECONDS > 0
        and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and not path.startswith(EXCLUDED_PATHS)
        and not (query and any(name == "gift" for name, _ in parse_qsl(query, True)))
        and not _carries_personal_cookie(environ.get("HTTP_COOKIE", ""))
    )


def _key(environ: Environ, version: int) -> str:
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    parts = (
        environ.get("wsgi.url_scheme", ""),
        environ.get(proxy_header, "") if proxy_header else "",
        environ.get("HTTP_HOST", ""),
        environ.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else "",
        environ.get("SERVER_NAME", ""),
        environ.get("SERVER_PORT", ""),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return PAGES.key(version, digest)


def response_is_storable(status: str, headers: list[tuple[str, str]]) -> bool:
    code = int(status.split(" ", 1)[0])
    if code not in SHAREABLE_STATUS or code == 204:
        return False
    found = {name.lower(): value for name, value in headers}
    cache_control = found.get("cache-control", "")
    vary = {v.strip().lower() for v in found.get("vary", "").split(",") if v.strip()}
    return (
        "set-cookie" not in found
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
        and vary <= HARMLESS_VARY
    )


class PageCache:
    """The WSGI application ``app`` with anonymous pages answered from the cache."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if not request_is_cacheable(environ):
            return self.app(environ, start_response)
        key = _key(environ, content_version())
        stored: Entry | None = local_get(key)
        head = environ["REQUEST_METHOD"] == "HEAD"
        if stored is not None:
            status, headers, body = stored
            start_response(status, _with(headers, body, "hit"))
            return [b"" if head else body]
        if head:  # the body of a HEAD answer is not the page: do not store it
            return self.app(environ, start_response)
        return self._fill(environ, start_response, key)

    def _fill(self, environ: Environ, start_response: StartResponse, key: str) -> Iterable[bytes]:
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"], seen["exc_info"] = status, headers, exc_info
            return lambda data: None  # Django never uses the write() callable

        result = self.app(environ, capture)
        status, headers = seen["status"], seen["headers"]
        if getattr(result, "streaming", True) or not response_is_storable(status, headers):
            start_response(status, headers, seen["exc_info"])
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's request_finished: connections go back, as after any response
        kept = [(n, v) for n, v in headers if n.lower() not in DROPPED_HEADERS]
        local_set(key, (status, kept, body), seconds=settings.WARTA_PAGE_CACHE_SECONDS)
        start_response(status, _with(kept, body, "miss"))
        return [body]


def _with(headers: list[tuple[str, str]], body: bytes, state: str) -> list[tuple[str, str]]:
    return [*headers, ("Content-Length", str(len(body))), (HIT_HEADER, state)]
