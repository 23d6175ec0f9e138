"""The plans page and the back-office listings cost the same number of queries for 2 rows as
for 12 (no N+1)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from warta.subscriptions.models import Plan, ProviderEvent, SubscriptionStatus

from .factories import PlanFactory, ReaderFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 12


def _queries(client, url: str) -> tuple[CaptureQueriesContext, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
    return queries, body


def _assert_list_is_flat(client, url: str, make) -> None:
    """Render ``url`` with FEW rows made by ``make(i)``, then with MANY: the same count of
    queries, and every row ("Listed N:") on the page."""
    for i in range(FEW):
        make(i)
    few, _ = _queries(client, url)
    for i in range(FEW, MANY):
        make(i)
    many, body = _queries(client, url)

    assert len(set(re.findall(r"Listed (\d+):", body))) == MANY
    if len(few) != len(many):
        listing = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(many.captured_queries, 1))
        counts = f"{len(few)} queries for {FEW} rows, {len(many)} for {MANY}"
        pytest.fail(f"{url}: {counts}:\n{listing}")


def _plan(i: int) -> Plan:
    return PlanFactory(name=f"Listed {i}:", slug=f"listed-{i}", price=Decimal(50000 + i))


def _subscription(i: int) -> None:
    statuses = list(SubscriptionStatus)
    SubscriptionFactory(
        user=ReaderFactory(username=f"listed{i}", email=f"listed{i}@readers.example"),
        plan=_plan(i),
        status=statuses[i % len(statuses)],
        provider=["stripe", "development"][i % 2],
    )


def _provider_event(i: int) -> None:
    ProviderEvent.objects.create(
        provider="stripe",
        event_id=f"evt_{i}",
        event_type="invoice.paid",
        created_at=timezone.now() - timedelta(minutes=i),
        outcome=f"Listed {i}: applied",
    )


@pytest.mark.parametrize("signed_in", ["stranger", "reader", "subscriber"])
def test_plans_page_queries_do_not_grow_with_plans(client, signed_in):
    if signed_in != "stranger":
        reader = ReaderFactory()
        if signed_in == "subscriber":
            SubscriptionFactory(user=reader)
        client.force_login(reader)
    Plan.objects.update(is_active=False)  # only the plans made here are on offer

    _assert_list_is_flat(client, "/subscribe/", _plan)


@pytest.mark.parametrize(
    ("model", "make"),
    [("plan", _plan), ("subscription", _subscription), ("providerevent", _provider_event)],
)
def test_back_office_listing_queries_do_not_grow_with_rows(client, model, make):
    client.force_login(ReaderFactory(username="boss", is_staff=True, is_superuser=True))

    _assert_list_is_flat(client, f"/admin/snippets/subscriptions/{model}/", make)
