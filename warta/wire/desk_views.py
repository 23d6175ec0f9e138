"""The wire desk in the back office: what came in, what it became, and each source's health."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from .desk_selectors import DESK_FILTERS, desk_rows
from .selectors import source_rows


def desk(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("newsroom.change_article"):
        raise PermissionDenied
    shown = request.GET.get("show", "")
    if shown not in DESK_FILTERS:
        shown = ""
    rows = desk_rows(show=shown, limit=200)
    return TemplateResponse(
        request,
        "wire/admin/desk.html",
        {
            "rows": rows,
            "sources": source_rows(),
            "filters": [(key, label) for key, label in DESK_FILTERS.items()],
            "shown": shown,
            "desk_url": reverse("wire_desk"),
        },
    )
