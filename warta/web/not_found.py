"""Readers get the site's own "Page not found", also where DEBUG is on.

With DEBUG on (the demo, a developer's machine) Django answers a missing page with its technical
page, which lists every route of the site; without it, Django renders ``404.html``. Readers are
shown ``404.html`` either way, through Django's own ``page_not_found``, so what the demo shows is
what production shows. The back office (``/admin/``) keeps Wagtail's and Django's pages.

Two ways a page is missing: no route matches the address (Django raises ``Resolver404`` before any
view runs, where no middleware hook sees it, so this middleware resolves the address itself,
under DEBUG only) or a view raises ``Http404`` (``process_exception``). The middleware sits after
the others, so ``CommonMiddleware`` still redirects ``/world`` to ``/world/`` and the page is
rendered for a reader whose session and user are known.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.views.defaults import page_not_found

BACK_OFFICE_PREFIX = "/admin/"


def _for_readers(request: HttpRequest) -> bool:
    return settings.DEBUG and not request.path_info.startswith(BACK_OFFICE_PREFIX)


class ReaderNotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _for_readers(request):
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exc:
                return page_not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404) and _for_readers(request):
            return page_not_found(request, exception)
        return None
