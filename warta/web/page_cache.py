"""warta's own cache of anonymous pages, in front of the views (Redis in production, the local
memory cache in the demo). docs/decisions/0010-caching.md.

Only what a shared cache could keep is kept here (the rule of ``cache_policy``): GET and HEAD of
anonymous readers, answered ``public`` and without cookies. A request is anonymous when it carries
none of the cookies that change a page (a session, a gift grant, flash messages) and no gift
token. Entries are keyed by the site's content version, so publishing anything makes every cached
page stale at once (``newsroom.content_version``), and they expire after
``WARTA_PAGE_CACHE_SECONDS`` in any case. A hit costs two cache reads and no database query.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from warta.gifts.grants import COOKIE as GIFT_GRANTS_COOKIE
from warta.newsroom.content_version import content_version

KEY_PREFIX = "warta:page:"
HIT_HEADER = "X-Warta-Cache"
# Headers a stored page is served with; the rest (cookies above all) are never stored.
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Vary", "Content-Language", "Location", "Link")


def _personal_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, GIFT_GRANTS_COOKIE, "messages")


def request_is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.WARTA_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and "gift" not in request.GET
        and not any(name in request.COOKIES for name in _personal_cookies())
        and not request.path.startswith(("/admin/", "/accounts/", "/account/", "/static/"))
    )


def response_is_storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        not response.streaming
        and not response.cookies
        and "public" in cache_control
        and "private" not in cache_control
    )


def _key(request: HttpRequest, version: int) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{KEY_PREFIX}{version}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = _key(request, content_version())
        stored = cache.get(key)
        if stored is not None:
            return _replay(stored, head=request.method == "HEAD")
        response = self.get_response(request)
        if response_is_storable(response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
            entry = (response.status_code, headers, response.content)
            cache.set(key, entry, timeout=settings.WARTA_PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response


def _replay(entry: tuple, *, head: bool) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(b"" if head else content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    response[HIT_HEADER] = "hit"
    return response
