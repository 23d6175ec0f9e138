"""The answer of ``/me``: who the signed-in reader is, what they read whole, their text size
and their gifts this month. Always private: it is one reader's."""

from dataclasses import dataclass
from datetime import datetime

from warta.access.rules import Level, SubscriptionStatus
from warta.accounts.models import TextSize, User
from warta.gifts.allowance_words import allowance_renews_on, gifts_left_words
from warta.reading.entitlements import PlanRef, reader_entitlements

from .http_caching import Answer


@dataclass(frozen=True)
class Entitlements:
    """What the reader has paid for and reads whole now (decided as every article is)."""

    subscription_status: SubscriptionStatus
    plan: PlanRef | None
    paid_until: datetime | None
    paid_up: bool
    reads_whole: tuple[Level, ...]


@dataclass(frozen=True)
class Gifts:
    """This calendar month's gift articles, in the newsroom's time zone."""

    per_month: int
    used: int
    left: int
    renews_on: str  # the first day of next month, ISO 8601
    text: str  # as the site says it: "3 gifts left this month." (empty without a plan's gifts)


@dataclass(frozen=True)
class MeResource:
    """The signed-in reader. Never the e-mail address of anyone else; this is their own."""

    id: int
    username: str
    email: str
    display_name: str  # what others see (a gift banner)
    text_size: TextSize  # the article text size kept on the account (the site's too)
    entitlements: Entitlements
    gifts: Gifts


def me_answer(*, user: User, now: datetime) -> Answer[MeResource]:
    found = reader_entitlements(user=user, now=now)
    me = MeResource(
        id=user.pk,
        username=user.get_username(),
        email=user.email,
        display_name=user.public_name(),
        text_size=TextSize(user.text_size),
        entitlements=Entitlements(
            subscription_status=found.subscription_status,
            plan=found.plan,
            paid_until=found.paid_until,
            paid_up=found.paid_up,
            reads_whole=found.reads_whole,
        ),
        gifts=Gifts(
            per_month=found.gifts.total,
            used=found.gifts.used,
            left=found.gifts.left,
            renews_on=allowance_renews_on(now).isoformat(),
            text=gifts_left_words(left=found.gifts.left, now=now) if found.gifts.total else "",
        ),
    )
    return Answer(me, keys=(), personal=True)
