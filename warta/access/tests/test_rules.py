"""The paywall rule, as one table: every level for every kind of reader, gift and meter."""

from datetime import UTC, datetime, timedelta

import pytest

from warta.access.rules import (
    ANONYMOUS,
    Decision,
    GiftState,
    Level,
    Meter,
    Reader,
    Reason,
    SubscriptionStatus,
    decide_access,
)

NOW = datetime(2026, 1, 31, 16, 30, tzinfo=UTC)
LATER = NOW + timedelta(days=10)
EARLIER = NOW - timedelta(seconds=1)

REGISTERED = Reader(signed_in=True)
STAFF = Reader(signed_in=True, newsroom_staff=True)
SUBSCRIBER = Reader(signed_in=True, subscription=SubscriptionStatus.ACTIVE, paid_until=LATER)
CANCELLED_PAID = Reader(signed_in=True, subscription=SubscriptionStatus.CANCELLED, paid_until=LATER)
CANCELLED_ENDED = Reader(
    signed_in=True, subscription=SubscriptionStatus.CANCELLED, paid_until=EARLIER
)
ACTIVE_UNPAID = Reader(signed_in=True, subscription=SubscriptionStatus.ACTIVE, paid_until=EARLIER)
EXPIRED = Reader(signed_in=True, subscription=SubscriptionStatus.EXPIRED, paid_until=EARLIER)
PAST_DUE = Reader(signed_in=True, subscription=SubscriptionStatus.PAST_DUE, paid_until=LATER)
ENDS_NOW = Reader(signed_in=True, subscription=SubscriptionStatus.ACTIVE, paid_until=NOW)

METER_ON = Meter(limit=3, used=1)
METER_FULL = Meter(limit=3, used=3)
METER_FULL_BUT_COUNTED = Meter(limit=3, used=3, already_counted=True)

FREE, REG, PREMIUM = Level.FREE, Level.REGISTERED, Level.PREMIUM
OK, NO = True, False

CASES = [
    # level, reader, gift, meter, allowed, reason
    (FREE, ANONYMOUS, None, None, OK, Reason.FREE),
    (FREE, REGISTERED, None, None, OK, Reason.FREE),
    (FREE, SUBSCRIBER, None, None, OK, Reason.FREE),
    (FREE, STAFF, None, None, OK, Reason.FREE),
    (FREE, EXPIRED, GiftState.REVOKED, None, OK, Reason.FREE),
    (REG, ANONYMOUS, None, None, NO, Reason.SIGN_IN_REQUIRED),
    (REG, REGISTERED, None, None, OK, Reason.REGISTERED),
    (REG, EXPIRED, None, None, OK, Reason.REGISTERED),
    (REG, SUBSCRIBER, None, None, OK, Reason.SUBSCRIBER),
    (REG, STAFF, None, None, OK, Reason.STAFF),
    (REG, ANONYMOUS, GiftState.VALID, None, OK, Reason.GIFT),
    (REG, ANONYMOUS, GiftState.EXPIRED, None, NO, Reason.GIFT_EXPIRED),
    (PREMIUM, ANONYMOUS, None, None, NO, Reason.SUBSCRIPTION_REQUIRED),
    (PREMIUM, REGISTERED, None, None, NO, Reason.SUBSCRIPTION_REQUIRED),
    (PREMIUM, SUBSCRIBER, None, None, OK, Reason.SUBSCRIBER),
    (PREMIUM, CANCELLED_PAID, None, None, OK, Reason.SUBSCRIBER),
    (PREMIUM, CANCELLED_ENDED, None, None, NO, Reason.SUBSCRIPTION_LAPSED),
    (PREMIUM, ACTIVE_UNPAID, None, None, NO, Reason.SUBSCRIPTION_LAPSED),
    (PREMIUM, EXPIRED, None, None, NO, Reason.SUBSCRIPTION_LAPSED),
    (PREMIUM, PAST_DUE, None, None, NO, Reason.PAYMENT_PAST_DUE),
    (PREMIUM, ENDS_NOW, None, None, NO, Reason.SUBSCRIPTION_LAPSED),
    (PREMIUM, STAFF, None, None, OK, Reason.STAFF),
    (PREMIUM, ANONYMOUS, GiftState.VALID, None, OK, Reason.GIFT),
    (PREMIUM, REGISTERED, GiftState.VALID, None, OK, Reason.GIFT),
    (PREMIUM, EXPIRED, GiftState.VALID, None, OK, Reason.GIFT),
    (PREMIUM, SUBSCRIBER, GiftState.REVOKED, None, OK, Reason.SUBSCRIBER),
    (PREMIUM, ANONYMOUS, GiftState.EXPIRED, None, NO, Reason.GIFT_EXPIRED),
    (PREMIUM, ANONYMOUS, GiftState.REVOKED, None, NO, Reason.GIFT_REVOKED),
    (PREMIUM, ANONYMOUS, GiftState.FULL, None, NO, Reason.GIFT_FULL),
    (PREMIUM, ANONYMOUS, GiftState.INVALID, None, NO, Reason.GIFT_INVALID),
    (PREMIUM, SUBSCRIBER, GiftState.INVALID, None, OK, Reason.SUBSCRIBER),
    (PREMIUM, EXPIRED, GiftState.EXPIRED, None, NO, Reason.GIFT_EXPIRED),
    (PREMIUM, ANONYMOUS, None, METER_ON, NO, Reason.SUBSCRIPTION_REQUIRED),
    (PREMIUM, REGISTERED, None, METER_ON, OK, Reason.METER),
    (PREMIUM, REGISTERED, None, METER_FULL, NO, Reason.METER_EXHAUSTED),
    (PREMIUM, REGISTERED, None, METER_FULL_BUT_COUNTED, OK, Reason.METER),
    (PREMIUM, EXPIRED, None, METER_ON, OK, Reason.METER),
    (PREMIUM, EXPIRED, None, METER_FULL, NO, Reason.SUBSCRIPTION_LAPSED),
    (PREMIUM, PAST_DUE, None, METER_FULL, NO, Reason.PAYMENT_PAST_DUE),
    (PREMIUM, SUBSCRIBER, None, METER_FULL, OK, Reason.SUBSCRIBER),
    (PREMIUM, REGISTERED, GiftState.EXPIRED, METER_ON, OK, Reason.METER),
]


@pytest.mark.parametrize(("level", "reader", "gift", "meter", "allowed", "reason"), CASES)
def test_decision_table(level, reader, gift, meter, allowed, reason):
    kwargs = {"meter": meter} if meter is not None else {}

    decision = decide_access(level=level, reader=reader, now=NOW, gift=gift, **kwargs)

    assert decision == Decision(allowed, reason)


def test_every_reason_is_reached_by_the_table():
    assert {case[-1] for case in CASES} == set(Reason)


def test_every_level_meets_every_kind_of_reader():
    kinds = {ANONYMOUS, REGISTERED, SUBSCRIBER, STAFF}
    for level in Level:
        assert kinds <= {case[1] for case in CASES if case[0] == level}, level


def test_decision_does_not_depend_on_anything_but_its_arguments():
    first = decide_access(level=PREMIUM, reader=SUBSCRIBER, now=NOW)
    second = decide_access(level=PREMIUM, reader=SUBSCRIBER, now=LATER + timedelta(days=1))

    assert first.allowed and not second.allowed
