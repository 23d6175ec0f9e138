"""Who may read an article's body: one pure function.

``decide_access`` takes plain values (the article's access level, what we know of the reader, an
optional gift grant, the metered allowance and the time) and returns a ``Decision``: the whole
body or the teaser, and why. It reads no request, no database and no clock, so one table of cases
tests it completely (tests/test_rules.py). Every output that can carry body text asks it through
``visible_body`` (docs/decisions/0002).

The order of the checks is the policy:

1. free articles are for everyone;
2. newsroom staff read everything;
3. a subscriber whose subscription is paid up reads everything;
4. a signed-in reader reads "registered" articles;
5. a valid gift grant for this article opens it, to anyone;
6. a signed-in reader may read premium articles on the metered allowance, when it is on;
7. otherwise the teaser, with the reason that fits the reader best.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Level(StrEnum):
    FREE = "free"
    REGISTERED = "registered"
    PREMIUM = "premium"


class SubscriptionStatus(StrEnum):
    NONE = "none"
    ACTIVE = "active"
    CANCELLED = "cancelled"  # cancelled, but paid until the period ends
    PAST_DUE = "past_due"
    EXPIRED = "expired"


class GiftState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    FULL = "full"  # the link has admitted as many browsers as it may
    INVALID = "invalid"  # unknown, tampered with, or for another article


class Reason(StrEnum):
    # allowed
    FREE = "free"
    STAFF = "staff"
    SUBSCRIBER = "subscriber"
    REGISTERED = "registered"
    GIFT = "gift"
    METER = "meter"
    # teaser only
    SIGN_IN_REQUIRED = "sign_in_required"
    SUBSCRIPTION_REQUIRED = "subscription_required"
    SUBSCRIPTION_LAPSED = "subscription_lapsed"
    PAYMENT_PAST_DUE = "payment_past_due"
    METER_EXHAUSTED = "meter_exhausted"
    GIFT_EXPIRED = "gift_expired"
    GIFT_REVOKED = "gift_revoked"
    GIFT_FULL = "gift_full"
    GIFT_INVALID = "gift_invalid"


@dataclass(frozen=True)
class Reader:
    signed_in: bool = False
    newsroom_staff: bool = False
    subscription: SubscriptionStatus = SubscriptionStatus.NONE
    paid_until: datetime | None = None


ANONYMOUS = Reader()


@dataclass(frozen=True)
class Meter:
    """The metered allowance of premium articles for signed-in readers (``limit`` 0 = off)."""

    limit: int = 0
    used: int = 0  # distinct premium articles read on the allowance this month
    already_counted: bool = False  # this article is one of them


NO_METER = Meter()


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason


_GIFT_DENIED = {
    GiftState.EXPIRED: Reason.GIFT_EXPIRED,
    GiftState.REVOKED: Reason.GIFT_REVOKED,
    GiftState.FULL: Reason.GIFT_FULL,
    GiftState.INVALID: Reason.GIFT_INVALID,
}


# Statuses whose subscriber has paid for the current period (cancelled: until it ends).
PAYING = frozenset({SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED})


def paid_up(*, status: str, paid_until: datetime | None, now: datetime) -> bool:
    """ "Paid up", defined once: a paying status and a period that has not ended at ``now``.

    Everything that asks (the rule below, what a user is entitled to, the reader's cached facts,
    the account page) asks this.
    """
    return status in PAYING and paid_until is not None and now < paid_until


def is_paid_up(reader: Reader, now: datetime) -> bool:
    return paid_up(status=reader.subscription, paid_until=reader.paid_until, now=now)


def decide_access(
    *,
    level: Level,
    reader: Reader,
    now: datetime,
    gift: GiftState | None = None,
    meter: Meter = NO_METER,
) -> Decision:
    if level == Level.FREE:
        return Decision(True, Reason.FREE)
    if reader.newsroom_staff:
        return Decision(True, Reason.STAFF)
    if is_paid_up(reader, now):
        return Decision(True, Reason.SUBSCRIBER)
    if level == Level.REGISTERED and reader.signed_in:
        return Decision(True, Reason.REGISTERED)
    if gift == GiftState.VALID:
        return Decision(True, Reason.GIFT)
    on_meter = reader.signed_in and meter.limit > 0
    if on_meter and (meter.already_counted or meter.used < meter.limit):
        return Decision(True, Reason.METER)
    return Decision(False, _denial(level=level, reader=reader, gift=gift, on_meter=on_meter))


def _denial(*, level: Level, reader: Reader, gift: GiftState | None, on_meter: bool) -> Reason:
    if gift is not None and gift in _GIFT_DENIED:
        return _GIFT_DENIED[gift]
    if level == Level.REGISTERED:
        return Reason.SIGN_IN_REQUIRED
    if reader.subscription == SubscriptionStatus.PAST_DUE:
        return Reason.PAYMENT_PAST_DUE
    if reader.subscription != SubscriptionStatus.NONE:
        return Reason.SUBSCRIPTION_LAPSED
    if on_meter:
        return Reason.METER_EXHAUSTED
    return Reason.SUBSCRIPTION_REQUIRED
