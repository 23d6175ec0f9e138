"""Billing periods and prices in words."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from warta.subscriptions.periods import period_end_after
from warta.subscriptions.templatetags.subscription_tags import price_label

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (datetime(2026, 1, 8, 21, 0, tzinfo=JAKARTA), "month", datetime(2026, 2, 8, 21, 0)),
        (datetime(2026, 1, 31, 9, 30, tzinfo=JAKARTA), "month", datetime(2026, 2, 28, 9, 30)),
        (datetime(2026, 12, 15, 9, 0, tzinfo=JAKARTA), "month", datetime(2027, 1, 15, 9, 0)),
        (datetime(2028, 2, 29, 9, 0, tzinfo=JAKARTA), "year", datetime(2029, 2, 28, 9, 0)),
        # 20:00 UTC on 31 January is 1 February in Jakarta: the month is counted there.
        (datetime(2026, 1, 31, 20, 0, tzinfo=UTC), "month", datetime(2026, 3, 1, 3, 0)),
    ],
)
def test_one_period_ends_on_the_same_day_and_time_in_the_newsrooms_zone(start, period, end):
    assert period_end_after(start=start, period=period) == end.replace(tzinfo=JAKARTA)


def test_unknown_period_is_an_error():
    with pytest.raises(ValueError):
        period_end_after(start=datetime(2026, 1, 1, tzinfo=UTC), period="week")


@pytest.mark.parametrize(
    ("amount", "currency", "period", "label"),
    [
        (Decimal("55000.00"), "IDR", "month", "IDR 55,000 a month"),
        (Decimal("850000"), "idr", "year", "IDR 850,000 a year"),
        (Decimal("9.99"), "USD", "month", "USD 9.99 a month"),
        (Decimal("1200.50"), "EUR", "year", "EUR 1,200.50 a year"),
    ],
)
def test_price_label(amount, currency, period, label):
    assert price_label(amount=amount, currency=currency, period=period) == label
