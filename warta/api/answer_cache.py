"""warta's cache of the API's shared answers, in front of Django as the page cache is in front
of the site (decision 0022).

The page cache never keeps an API answer: its rule of who is anonymous is the site's (cookies),
and the app's readers are known by headers it does not look at. This cache keeps only what a
shared cache could keep of the API, by the API's own rule:

- the request is a GET or HEAD under ``/api/v1/`` carrying none of the headers a reader is known
  by (``X-Session-Token``, ``Authorization``, ``X-Gift-Grants``, ``X-Gift-Token``) and no session
  cookie: an anonymous app, asking what every anonymous app gets;
- the answer is a 200 that Django marked ``public`` and sets no cookie. It may vary on the
  headers a reader is known by (an article's read, a search: another reader gets another
  answer); the request carried none of them, so it is what every such request gets.

An entry knows the keys of what it shows (its ``Surrogate-Key``) and the content changes read
before it was made (``newsroom/fresh_cache.py``): a publication makes stale only the answers that
show the story, in every process within a second, and every answer is stale after
``WARTA_PAGE_CACHE_SECONDS`` in any case. There is no stale serving here: a stale answer is made
again by the request that finds it so, as a GET even for a HEAD or a conditional request (which
are then answered from what was kept), so that apps revalidating keep the entry filled.

A hit costs no request object, no middleware and no query; it answers ``If-None-Match`` with a
``304`` as Django would. Like an answer from Varnish, it is not counted against a rate limit,
which protects what warta must compute: it carries the policy (``RateLimit-Policy``) and not a
state (``RateLimit``) that was another client's. ``X-Warta-Api-Cache`` says ``hit`` or ``miss``.
"""

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http.cookie import parse_cookie

from warta.cache_table import API_ANSWERS
from warta.newsroom.content_changes import content_seen
from warta.newsroom.content_keys import keys_shown
from warta.newsroom.fresh_cache import Kept, kept_lookup, kept_set
from warta.request_keys import request_digest

from .rate_limits import STATE_HEADER
from .reader_inputs import READER_HEADERS

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]

PREFIX = "/api/v1/"
HIT_HEADER = "X-Warta-Api-Cache"
# The WSGI names of the request headers that may tell who the reader is (reader_inputs.py).
READER_ENVIRON = (
    "HTTP_X_SESSION_TOKEN",
    "HTTP_AUTHORIZATION",
    "HTTP_X_GIFT_GRANTS",
    "HTTP_X_GIFT_TOKEN",
)
# Never stored: the server adds its own, a cookie is never shared, the rate state was the
# client's who was answered.
DROPPED_HEADERS = frozenset(
    {"date", "server", "content-length", "set-cookie", "connection", STATE_HEADER.lower()}
)
# The request carried none of the reader's headers (and no session cookie, the one cookie the
# API reads): an answer varying on them is the one every such request gets.
HARMLESS_VARY = frozenset({"accept-encoding", *(name.lower() for name in READER_HEADERS)})


def _lifetime() -> int:
    return settings.WARTA_PAGE_CACHE_SECONDS


def _carries_session(cookie_header: str) -> bool:
    name = settings.SESSION_COOKIE_NAME
    return bool(cookie_header) and name in cookie_header and name in parse_cookie(cookie_header)


def request_is_cacheable(environ: Environ) -> bool:
    return (
        _lifetime() > 0
        and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and environ.get("PATH_INFO", "").startswith(PREFIX)
        and not any(name in environ for name in READER_ENVIRON)  # present, even empty
        and not _carries_session(environ.get("HTTP_COOKIE", ""))
    )


def response_is_storable(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200"):
        return False
    found = {name.lower(): value for name, value in headers}
    cache_control = {part.strip() for part in found.get("cache-control", "").split(",")}
    vary = {v.strip().lower() for v in found.get("vary", "").split(",") if v.strip()}
    return (
        "set-cookie" not in found
        and "public" in cache_control
        and not {"private", "no-store"} & cache_control
        and vary <= HARMLESS_VARY
    )


def _not_modified(environ: Environ, headers: list[tuple[str, str]]) -> bool:
    asked = environ.get("HTTP_IF_NONE_MATCH", "")
    if not asked:
        return False
    etag = next((v for n, v in headers if n.lower() == "etag"), None)
    tags = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
    return etag is not None and ("*" in tags or etag in tags)


def _answer(
    kept: Kept,
    environ: Environ,
    start_response: StartResponse,
    *,
    state: str = "hit",
    extra: tuple[tuple[str, str], ...] = (),
) -> Iterable[bytes]:
    status, kept_headers, body = kept.value
    headers = [*kept_headers, *extra, (HIT_HEADER, state)]
    if _not_modified(environ, headers):
        passed = [(n, v) for n, v in headers if n.lower() != "content-type"]
        start_response("304 Not Modified", passed)
        return [b""]
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]


class ApiAnswerCache:
    """The WSGI application ``app`` with the API's shared answers answered from the cache."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if not request_is_cacheable(environ):
            return self.app(environ, start_response)
        key = API_ANSWERS.key(request_digest(environ))
        fresh, _ = kept_lookup(key, time.time(), lifetime=_lifetime())
        if fresh is not None:
            return _answer(fresh, environ, start_response)
        seen = content_seen()  # before the answer reads anything
        found: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            found["status"], found["headers"], found["exc_info"] = status, headers, exc_info
            return lambda data: None  # Django never uses the write() callable

        plain = environ["REQUEST_METHOD"] == "GET" and "HTTP_IF_NONE_MATCH" not in environ
        as_get = {**environ, "REQUEST_METHOD": "GET"}
        as_get.pop("HTTP_IF_NONE_MATCH", None)
        result = self.app(as_get, capture)
        status, headers = found["status"], found["headers"]
        if getattr(result, "streaming", True) or not response_is_storable(status, headers):
            if plain:
                start_response(status, headers, found["exc_info"])
                return result
            _close(result)
            return self.app(environ, start_response)  # as asked, kept nowhere
        try:
            body = b"".join(result)
        finally:
            _close(result)
        kept = [(n, v) for n, v in headers if n.lower() not in DROPPED_HEADERS]
        entry = kept_set(
            key, (status, kept, body), seen=seen, keys=keys_shown(kept), lifetime=_lifetime()
        )
        if not plain:  # a HEAD or a revalidation: answered from what was just kept
            state = tuple((n, v) for n, v in headers if n.lower() == STATE_HEADER.lower())
            return _answer(entry, environ, start_response, state="miss", extra=state)
        passed = [(n, v) for n, v in headers if n.lower() != "content-length"]
        start_response(status, [*passed, ("Content-Length", str(len(body))), (HIT_HEADER, "miss")])
        return [body]


def _close(result: Iterable[bytes]) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()  # Django's request_finished: connections go back, as after any response
