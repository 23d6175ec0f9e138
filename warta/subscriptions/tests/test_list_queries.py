"""The plans page and the back-office listings cost the same number of queries for 2 rows as
for 12 (no N+1)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from warta.subscriptions.models import Plan, ProviderEvent, SubscriptionStatus
from warta.testing.query_counts import assert_list_is_flat, numbered

from .factories import PlanFactory, ReaderFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def _rows_shown(body: str) -> int:
    """How many rows ("Listed N:") the page shows."""
    return len(set(re.findall(r"Listed (\d+):", body)))


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

    assert_list_is_flat(client, "/subscribe/", numbered(_plan), count_items=_rows_shown)


@pytest.mark.parametrize(
    ("model", "make"),
    [("plan", _plan), ("subscription", _subscription), ("providerevent", _provider_event)],
)
def test_back_office_listing_queries_do_not_grow_with_rows(client, model, make):
    client.force_login(ReaderFactory(username="boss", is_staff=True, is_superuser=True))

    url = f"/admin/snippets/subscriptions/{model}/"
    assert_list_is_flat(client, url, numbered(make), count_items=_rows_shown)
