"""Which page of a list the reader asked for: ``?page=N``, the first page without it.

A page that is not there (past the end, 0, "abc", "2.5") is not found, with the site's own page:
the last page is not served again under any number, so crawlers do not wander an endless series
of copies, and a mistyped address says so. The first page of an empty list is there.
"""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

NO_SUCH_PAGE = "There is no such page of this list."


def list_page(request: HttpRequest, items: QuerySet[Any] | Sequence[Any], *, per_page: int) -> Page:
    number = request.GET.get("page", "1")
    try:
        return Paginator(items, per_page, allow_empty_first_page=True).page(number)
    except InvalidPage as exc:
        raise Http404(NO_SUCH_PAGE) from exc
