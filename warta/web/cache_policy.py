"""Which responses shared caches (a CDN, Varnish) may keep: docs/caching.md.

The rule: a response may be shared only when every reader who asks for that URL would get the
same bytes. So a response is private when the reader is signed in, when the request carries a
gift grant (``request.warta_personal``), when it sets a cookie (Django sends the CSRF cookie
again with every page that holds a token, so every form page is private), or when it answers
anything but
GET/HEAD. Anything else is the anonymous page, identical for all, and is public for a short time.
Views that know better set Cache-Control themselves and are left alone (the admin does).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# How long a shared cache may keep an anonymous page.
SHARED_MAX_AGE = 60
# Names what a shared page shows, for caches that purge by key (Fastly's Surrogate-Key; the
# shipped Varnish configuration bans by it too): "article-12 section-world", "home"...
SURROGATE_KEY_HEADER = "Surrogate-Key"
SHAREABLE_STATUS = {200, 203, 204, 300, 301, 404, 410}


def response_is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or getattr(request, "warta_personal", False)
        or response.cookies
        or request.method not in ("GET", "HEAD")
        or response.status_code not in SHAREABLE_STATUS
    )


def with_surrogate_keys(response: HttpResponse, *keys: str) -> HttpResponse:
    response[SURROGATE_KEY_HEADER] = " ".join(keys)
    return response


class CachePolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if response_is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
            del response[SURROGATE_KEY_HEADER]  # nothing shared to purge
        else:
            patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
        return response
