"""The triage listing and its exports cost the same number of queries for 2 messages as for 12."""

import io
import re

import pytest
from openpyxl import load_workbook

from warta.accounts.models import User
from warta.feedback.models import FeedbackStatus
from warta.feedback.tests.factories import FeedbackFactory
from warta.subscriptions.tests.factories import ReaderFactory
from warta.testing.query_counts import assert_list_is_flat

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/feedback/feedback/"


def _add(n: int) -> None:
    """``n`` messages, from signed-in readers and anonymous ones, in every status."""
    statuses = list(FeedbackStatus)
    for i in range(n):
        FeedbackFactory(
            user=ReaderFactory() if i % 2 else None,
            reply_email=f"reader{i}@example.org",
            status=statuses[i % len(statuses)],
        )


def _messages_shown(body: bytes, *, xlsx: bool) -> int:
    if xlsx:
        sheet = load_workbook(io.BytesIO(body)).active
        body = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row).encode()
    return len(set(re.findall(rb"Feedback number (\d+):", body)))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?created_at_after=2000-01-01&created_at_before=2100-01-01",
        "?q=phone",
        "?export=csv",
        "?export=xlsx",
    ],
)
def test_triage_listing_and_exports_queries_do_not_grow_with_messages(client, query):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    url = LIST + query

    # The pages as bytes: the XLSX export is a binary file.
    assert_list_is_flat(
        client,
        url,
        _add,
        count_items=lambda body: _messages_shown(body, xlsx=query.endswith("xlsx")),
        binary=True,
    )
