"""What a signed-in reader is entitled to now, as a channel shows it (the app's ``me``).

Nothing here decides anew: the plan and the period are the subscriptions' answer
(``entitlement_for_user``), the levels read whole are the paywall rule's answer for the reader's
facts with no gift and no meter (``decide_access``, as every article asks it), and the gifts are
the gifts' allowance (``gift_allowance``).
"""

from dataclasses import dataclass
from datetime import datetime

from warta.access.rules import Level, SubscriptionStatus, decide_access
from warta.accounts.models import User
from warta.gifts.selectors import Allowance, gift_allowance
from warta.subscriptions.selectors import entitlement_for_user

from .facts import reader_facts


@dataclass(frozen=True)
class PlanRef:
    slug: str
    name: str
    gifts_per_month: int


@dataclass(frozen=True)
class ReaderEntitlements:
    subscription_status: SubscriptionStatus
    plan: PlanRef | None
    paid_until: datetime | None
    paid_up: bool
    reads_whole: tuple[Level, ...]  # every article of these levels, whole
    gifts: Allowance  # this calendar month's


def reader_entitlements(*, user: User, now: datetime) -> ReaderEntitlements:
    entitlement = entitlement_for_user(user=user, now=now)
    reader = reader_facts(user, now=now).reader()
    plan = entitlement.plan
    return ReaderEntitlements(
        subscription_status=entitlement.status,
        plan=PlanRef(plan.slug, plan.name, plan.gifts_per_month) if plan is not None else None,
        paid_until=entitlement.paid_until,
        paid_up=entitlement.paid_up,
        reads_whole=tuple(
            level for level in Level if decide_access(level=level, reader=reader, now=now).allowed
        ),
        gifts=gift_allowance(user=user, now=now),
    )
