"""Redirects that depend on the scheme the request came in by are never shared.

With ``WARTA_SSL_REDIRECT=true`` Django's SecurityMiddleware answers a plain-HTTP request with a
301 to ``https://`` and no Cache-Control. A shared cache in front (Varnish, a CDN) that keys on
the URL alone would keep it and hand it to HTTPS readers too: a redirect loop. This middleware
sits outside SecurityMiddleware (first in MIDDLEWARE) and marks such a redirect private; the
shipped Varnish configuration also keeps the two schemes apart (docs/operations.md, Varnish).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


def redirects_to_https(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        300 <= response.status_code < 400
        and not request.is_secure()
        and response.get("Location", "").startswith("https://")
    )


class SchemeRedirectsNotSharedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if redirects_to_https(request, response):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["X-Forwarded-Proto"])
        return response
