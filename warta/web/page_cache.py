"""warta's own cache of anonymous pages, in front of Django (Redis in production, the local memory
cache in the demo). docs/decisions/0010-caching.md.

It wraps the WSGI application (config/wsgi.py) rather than sitting in Django's middleware, so a
hit costs no request object, no signal, no middleware and no query: a few dictionary lookups, two
cache reads and the bytes. Only what a shared cache could keep is kept here (the rule of
``cache_policy``): answers to GET requests of anonymous readers that Django marked ``public``,
that set no cookie and vary on nothing but cookies. A request is anonymous when it carries none of
the cookies that change a page (a session, a gift grant, flash messages) and no gift token.

Each entry knows what its page shows (the keys of its ``Surrogate-Key`` header) and which content
changes its process had read when it was rendered (``newsroom/fresh_cache.py``): a publication makes
stale only the pages that show the article (decision 0017), and every page is stale after
``WARTA_PAGE_CACHE_SECONDS`` in any case. The entry's key is made of the raw request inputs Django
builds the URL from, so two requests share an entry only when Django would have seen the same
scheme, host, path and query.

No stampede: when a page is stale, the first request to find it so renders it anew; until that
render is stored (at most ``RENDER_HELD_SECONDS``), every other request, in any process, is
answered with the stale copy (``X-Warta-Cache: stale``), for at most ``WARTA_PAGE_STALE_SECONDS``
past its lifetime.
"""

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.http.cookie import parse_cookie

from warta.cache_table import PAGE_RENDERS, PAGES
from warta.newsroom.content_changes import content_fresh, content_may_serve_stale, content_seen
from warta.newsroom.content_keys import article_key, keys_shown
from warta.newsroom.fresh_cache import Kept, kept_lookup, kept_set
from warta.request_keys import request_digest

from .cache_policy import SHAREABLE_STATUS
from .grant_cookie import COOKIE as GIFT_GRANTS_COOKIE

HIT_HEADER = "X-Warta-Cache"
# Never stored: the server adds its own, and a cookie is never shared.
DROPPED_HEADERS = frozenset({"date", "server", "content-length", "set-cookie", "connection"})
# The API's answers are never kept here: they may depend on tokens this cache does not know, and
# carry their own ETags and keys for the app and Varnish (docs/decisions/0019).
EXCLUDED_PATHS = ("/admin/", "/accounts/", "/account/", "/static/", "/gift/", "/media/", "/api/")
# Vary values that do not split the anonymous audience: anonymous requests carry no cookie
# that changes a page, whatever else they carry.
HARMLESS_VARY = frozenset({"cookie", "accept-encoding"})

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]
# How long one render of a stale page holds off the others (they answer with the stale copy):
# longer than any render takes, short enough that a render that died is soon tried again.
RENDER_HELD_SECONDS = 10
# Told to the application: a page may leave its story cards to the page cache (web/views.py),
# which says so in CARDS_HEADER and names the keys of the page without them in PAGE_KEYS_HEADER.
CARDS_LATER = "warta.cards_later"
CARDS_HEADER = "X-Warta-Cards"
PAGE_KEYS_HEADER = "X-Warta-Page-Keys"
INNER_HEADERS = frozenset({CARDS_HEADER.lower(), PAGE_KEYS_HEADER.lower()})
CARD_MARKER = re.compile(rb"<!--warta:card:([0-9:]+)-->")
STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=1"


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
        digest = request_digest(environ)
        key = PAGES.key(digest)
        now = time.time()
        fresh, stale = kept_lookup(key, now, lifetime=settings.WARTA_PAGE_CACHE_SECONDS)
        head = environ["REQUEST_METHOD"] == "HEAD"
        if fresh is not None:
            return _answer(fresh, start_response, "hit", head)
        if head:  # the body of a HEAD answer is not the page: do not store it
            return self.app(environ, start_response)
        seen = content_seen()  # before the render reads anything
        rendering = PAGE_RENDERS.key(digest)
        if cache.add(rendering, 1, timeout=RENDER_HELD_SECONDS):
            try:
                return self._fill(environ, start_response, key, seen)
            finally:
                cache.delete(rendering)
        if (
            stale is not None
            and stale.age(now)
            < settings.WARTA_PAGE_CACHE_SECONDS + settings.WARTA_PAGE_STALE_SECONDS
            and content_may_serve_stale(stale.seen, stale.keys)
        ):
            return _answer(stale, start_response, "stale", head)
        # Nothing to answer with meanwhile (never cached, or long gone): render it here too.
        return self._fill(environ, start_response, key, seen)

    def _fill(
        self, environ: Environ, start_response: StartResponse, key: str, seen: int
    ) -> Iterable[bytes]:
        found: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            found["status"], found["headers"], found["exc_info"] = status, headers, exc_info
            return lambda data: None  # Django never uses the write() callable

        environ[CARDS_LATER] = True
        result = self.app(environ, capture)
        status, headers = found["status"], found["headers"]
        named = {name.lower(): value for name, value in headers}
        with_cards = CARDS_HEADER.lower() in named
        streaming = getattr(result, "streaming", True)
        storable = response_is_storable(status, headers)
        if streaming or not (storable or with_cards):
            start_response(status, headers, found["exc_info"])
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's request_finished: connections go back, as after any response
        kept = [(n, v) for n, v in headers if n.lower() not in DROPPED_HEADERS]
        content: bytes | tuple[bytes, ...] = body
        shows = keys_shown(kept)
        if with_cards:
            content = tuple(CARD_MARKER.split(body))  # text, card name, text... (web/cards.py)
            shows = tuple(named.get(PAGE_KEYS_HEADER.lower(), "").split()) or shows
            kept = [(n, v) for n, v in kept if n.lower() not in INNER_HEADERS]
        if not storable:  # a page for this request alone (it sets a cookie...): as it came
            filled = _filled(content)
            passed = [
                (n, v)
                for n, v in headers
                if n.lower() not in INNER_HEADERS and n.lower() != "content-length"
            ]
            start_response(
                status, [*passed, ("Content-Length", str(len(filled)))], found["exc_info"]
            )
            return [filled]
        page = kept_set(
            key,
            (status, kept, content),
            seen=seen,
            keys=shows,
            lifetime=settings.WARTA_PAGE_CACHE_SECONDS,
        )
        return _answer(page, start_response, "miss", False)


def _answer(page: Kept, start_response: StartResponse, state: str, head: bool) -> Iterable[bytes]:
    status, headers, content = page.value
    body = _filled(content)
    start_response(status, _with(headers, body, state))
    return [b"" if head else body]


def _filled(content: bytes | tuple[bytes, ...]) -> bytes:
    """A page as stored, with its story cards filled in as they stand now: an article page's
    related stories (web/cards.py). An update to one of them then leaves the page in the cache
    and only its card is rendered anew. The filled page is kept in this process until one of
    its cards' stories changes: a hit then costs a look at their keys, not a fill."""
    if isinstance(content, bytes):
        return content
    with _fills_lock:
        kept = _fills.get(id(content))
    if kept is not None and kept[0] is content and content_fresh(kept[1], kept[2]):
        return kept[3]
    from .cards import cards_for_markers  # models: not before Django is set up (access_log)

    seen = content_seen()  # before the cards are read
    names = [name.decode("ascii") for name in content[1::2]]
    cards = cards_for_markers(names)
    parts = list(content)
    for i, name in zip(range(1, len(parts), 2), names, strict=True):
        parts[i] = cards[name].encode("utf-8")
    body = b"".join(parts)
    shows = tuple(article_key(int(name.split(":", 1)[0])) for name in names)
    with _fills_lock:
        _fills[id(content)] = (content, seen, shows, body)
        _fills.move_to_end(id(content))
        while len(_fills) > max(settings.WARTA_LOCAL_CACHE_ENTRIES, 1):
            _fills.popitem(last=False)
    return body


# Filled pages, by the stored page they were filled from (kept alive with them).
_fills: OrderedDict[int, tuple[tuple[bytes, ...], int, tuple[str, ...], bytes]] = OrderedDict()
_fills_lock = threading.Lock()


def _with(headers: list[tuple[str, str]], body: bytes, state: str) -> list[tuple[str, str]]:
    if state == "stale":
        # A cache in front keeps a stale copy a second, not its minute: the new one is coming.
        headers = [
            ("Cache-Control", STALE_CACHE_CONTROL) if n.lower() == "cache-control" else (n, v)
            for n, v in headers
        ]
    return [*headers, ("Content-Length", str(len(body))), (HIT_HEADER, state)]
