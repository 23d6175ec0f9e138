"""The triage listing and its exports cost the same number of queries for 2 messages as for 12."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from warta.accounts.models import User
from warta.feedback.models import FeedbackStatus
from warta.feedback.tests.factories import FeedbackFactory
from warta.subscriptions.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 12
LIST = "/admin/snippets/feedback/feedback/"


def _queries(client, url: str) -> tuple[CaptureQueriesContext, bytes]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        # Exports stream: their queries run while the body is read.
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return queries, body


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

    _add(FEW)
    few, _ = _queries(client, url)
    _add(MANY - FEW)
    many, body = _queries(client, url)

    assert _messages_shown(body, xlsx=query.endswith("xlsx")) == MANY
    if len(few) != len(many):
        listing = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(many.captured_queries, 1))
        counts = f"{len(few)} queries for {FEW} messages, {len(many)} for {MANY}"
        pytest.fail(f"{url}: {counts}:\n{listing}")
