"""Reads about plans, subscriptions and the meter."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from warta.access.rules import PAYING, paid_up
from warta.access.rules import SubscriptionStatus as ReaderStatus
from warta.accounts.models import User

from .calendar import month_of
from .models import MeteredRead, Plan, Subscription


@dataclass(frozen=True)
class Entitlement:
    """What a user has paid for, as of ``now``."""

    status: ReaderStatus  # the subscription's status, or NONE
    paid_until: datetime | None
    plan: Plan | None
    paid_up: bool

    @property
    def gifts_per_month(self) -> int:
        return self.plan.gifts_per_month if self.plan and self.paid_up else 0

    @property
    def lapsed(self) -> bool:
        """Paying, as last recorded, but the period ran out before any update came."""
        return self.status in PAYING and not self.paid_up


NO_ENTITLEMENT = Entitlement(status=ReaderStatus.NONE, paid_until=None, plan=None, paid_up=False)


def plan_list_offered() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True)


def subscription_list_for_staff() -> QuerySet[Subscription]:
    """Every subscription for the back office, with the reader and the plan its listing names."""
    return Subscription.objects.select_related("user", "plan")


def subscription_user_ids_for_plan(*, plan: Plan) -> list[int]:
    return list(Subscription.objects.filter(plan=plan).values_list("user_id", flat=True))


def subscription_for_user(*, user: User) -> Subscription | None:
    if not user.is_authenticated:
        return None
    return Subscription.objects.select_related("plan").filter(user=user).first()


def entitlement_for_user(*, user: User, now: datetime) -> Entitlement:
    """The one answer to "what is this user entitled to now"."""
    subscription = subscription_for_user(user=user)
    if subscription is None:
        return NO_ENTITLEMENT
    status = ReaderStatus(subscription.status)
    return Entitlement(
        status=status,
        paid_until=subscription.current_period_end,
        plan=subscription.plan,
        paid_up=paid_up(status=status, paid_until=subscription.current_period_end, now=now),
    )


@dataclass(frozen=True)
class MeterUse:
    used: int
    already_counted: bool


def meter_use(*, user: User, article_id: int, now: datetime) -> MeterUse:
    reads = MeteredRead.objects.filter(user=user, month=month_of(now))
    article_ids = set(reads.values_list("article_id", flat=True))
    return MeterUse(used=len(article_ids), already_counted=article_id in article_ids)


def plan_get_offered(*, slug: str) -> Plan | None:
    """A plan new subscribers may buy (inactive plans keep their subscribers but are not sold)."""
    return plan_list_offered().filter(slug=slug).first()


def plan_get_by_slug(*, slug: str) -> Plan | None:
    return Plan.objects.filter(slug=slug).first() if slug else None


def plan_get_by_stripe_price(*, price_id: str) -> Plan | None:
    return Plan.objects.filter(stripe_price_id=price_id).first() if price_id else None


def user_get_by_id(*, user_id: int | None) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first() if user_id else None


def subscription_get_by_provider_id(
    *, provider: str, provider_subscription_id: str
) -> Subscription | None:
    if not provider_subscription_id:
        return None
    return Subscription.objects.filter(
        provider=provider, provider_subscription_id=provider_subscription_id
    ).first()
