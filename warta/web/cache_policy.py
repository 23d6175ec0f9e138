"""Which responses shared caches (a CDN, Varnish) may keep: docs/caching.md.

The rule: a response may be shared only when every reader who asks for that URL would get the
same bytes. So a response is private when the reader is signed in, when it sets a cookie (Django
sends the CSRF cookie again with every page that holds a token, so every form page is private),
when it answers anything but GET/HEAD, or when its view says so (``personal``: an article page
opened by a gift grant). Anything else is the anonymous page, identical for all, and is public for
a short time. Views that know better set Cache-Control themselves and are left alone (the admin
does).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from warta.newsroom.content_keys import (
    FEEDS,
    OTHER,
    SEARCH,
    SITEMAPS,
    SURROGATE_KEY_HEADER,
    section_feeds_key,
)

from .content_security import response_used_nonce

# How long a shared cache may keep an anonymous page.
SHARED_MAX_AGE = 60
# Names what a shared page shows, for caches that purge by key (Fastly's Surrogate-Key; the
# shipped Varnish configuration and warta's own page cache go by it too, decision 0017):
# "article-12 article-7", "home", "section-world"... (newsroom/content_keys.py).
# Shared pages whose views name nothing: what they show, by where they are.
_KEYS_BY_PATH = (("/feeds/", FEEDS), ("/sitemap", SITEMAPS), ("/search/", SEARCH))
SHAREABLE_STATUS = {200, 203, 204, 300, 301, 404, 410}


def response_is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or response.cookies
        or request.method not in ("GET", "HEAD")
        or response.status_code not in SHAREABLE_STATUS
        # A page that carries a CSP nonce is for this request only (decision 0023).
        or response_used_nonce(request)
    )


def personal(response: HttpResponse) -> HttpResponse:
    """For this reader only: no shared cache keeps it, and it names nothing to purge."""
    patch_cache_control(response, private=True, no_store=True)
    if response.has_header(SURROGATE_KEY_HEADER):
        del response[SURROGATE_KEY_HEADER]
    return response


def with_surrogate_keys(response: HttpResponse, *keys: str) -> HttpResponse:
    response[SURROGATE_KEY_HEADER] = " ".join(keys)
    return response


def _path_keys(path: str) -> str:
    parts = path.strip("/").split("/")
    if len(parts) == 3 and parts[0] == "feeds":  # a section's feed: its section's stories only
        return section_feeds_key(parts[1])
    for prefix, key in _KEYS_BY_PATH:
        if path.startswith(prefix):
            return key
    return OTHER


class CachePolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if response_is_personal(request, response):
            personal(response)
        else:
            patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
            if not response.has_header(SURROGATE_KEY_HEADER):
                response[SURROGATE_KEY_HEADER] = _path_keys(request.path)
        return response
