"""A list page costs the same number of SQL queries for a few rows as for many (no N+1).

``assert_list_is_flat`` renders a page with FEW rows, adds rows up to MANY, renders it again and
compares the counts; on unequal counts it lists the queries of the second view.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

FEW, MANY = 2, 12


def view_queries(
    client: Client, url: str, *, binary: bool = False
) -> tuple[CaptureQueriesContext, str | bytes]:
    """The queries of one view of ``url``, after a first view that makes image renditions, and
    the page: text, or bytes when ``binary`` (a file export). The body is read while the queries
    are captured: a streamed one (an export) runs its queries then."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.getvalue()  # joins a streamed body
    return queries, body if binary else body.decode()


def occurrences(mark: str) -> Callable[[str], int]:
    """A ``count_items`` that counts the places ``mark`` stands in the page."""
    return lambda body: body.count(mark)


def numbered(make: Callable[[int], object]) -> Callable[[int], None]:
    """An ``add(n)`` that makes the next ``n`` rows with ``make(i)``, numbering them on from 0
    across calls: rows 0 and 1, then 2 to 11."""
    made = 0

    def add(n: int) -> None:
        nonlocal made
        for i in range(made, made + n):
            make(i)
        made += n

    return add


def assert_list_is_flat(
    client: Client,
    url: str,
    add: Callable[[int], object],
    *,
    count_items: Callable[[Any], int],
    expected: int = MANY,
    binary: bool = False,
) -> str | bytes:
    """Render ``url`` after ``add(FEW)``, again after ``add(MANY - FEW)`` more: the same count of
    queries, and ``count_items(body)`` finds ``expected`` rows on the second page. Returns that
    page (bytes when ``binary``, see ``view_queries``) for checks of its own."""
    add(FEW)
    few, _ = view_queries(client, url, binary=binary)
    add(MANY - FEW)
    many, body = view_queries(client, url, binary=binary)

    shown = count_items(body)
    assert shown == expected, f"{url} shows {shown} rows, not {expected}"
    if len(few) != len(many):
        listing = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(many.captured_queries, 1))
        counts = f"{len(few)} queries for {FEW} rows, {len(many)} for {MANY}"
        pytest.fail(f"{url}: {counts}:\n{listing}")
    return body
