"""What the article page needs to know about a signed-in reader, kept in the cache between
requests: the subscription (status, paid until, gifts a month), the gifts used this month and the
newsroom rights. A subscriber's page view then asks the database only for the session and the
user. Services forget a reader's entry when they change it (accounts/reader_cache.py); entries
also expire after ``WARTA_READER_FACTS_SECONDS``.

The facts are data, not decisions: the paywall rule is still applied to them on every request
(``paid_until`` against the time of the request), in ``reader_access``.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache

from warta.accounts.models import User
from warta.accounts.reader_cache import reader_cache_key
from warta.gifts.models import Gift
from warta.local_cache import local_get
from warta.newsroom.roles import user_is_newsroom_staff
from warta.subscriptions.calendar import month_of
from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.selectors import entitlement_for_user

PAYING = (SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED)
MEMO = "_warta_reader_facts"  # on the request's user object


@dataclass(frozen=True)
class ReaderFacts:
    subscription_status: str  # a SubscriptionStatus value, or "none"
    paid_until: datetime | None
    paying: bool  # active or cancelled-until-period-end: the plan's gifts apply while paid up
    plan_gifts_per_month: int
    month: date  # the month ``gifts_used`` counts
    gifts_used: int
    newsroom_staff: bool
    back_office: bool

    def gifts_per_month(self, now: datetime) -> int:
        paid_up = self.paying and self.paid_until is not None and now < self.paid_until
        return self.plan_gifts_per_month if paid_up else 0


def _gather(user: User, now: datetime) -> ReaderFacts:
    entitlement = entitlement_for_user(user=user, now=now)
    month = month_of(now)
    return ReaderFacts(
        subscription_status=entitlement.status,
        paid_until=entitlement.paid_until,
        paying=entitlement.status in PAYING,
        plan_gifts_per_month=entitlement.plan.gifts_per_month if entitlement.plan else 0,
        month=month,
        gifts_used=Gift.objects.filter(gifter=user, month=month).count(),
        newsroom_staff=user_is_newsroom_staff(user),
        back_office=user.has_perm("wagtailadmin.access_admin"),
    )


def reader_facts(user: User, *, now: datetime) -> ReaderFacts:
    """The facts about ``user``, from the cache when they are there and of this month; read once
    per request (the request's user object keeps them)."""
    month = month_of(now)
    facts: ReaderFacts | None = getattr(user, MEMO, None)
    if facts is not None and facts.month == month:
        return facts
    key = reader_cache_key(user.pk)
    facts = local_get(key, keep_seconds=settings.WARTA_READER_TRUST_SECONDS)
    if facts is None or facts.month != month:
        facts = _gather(user, now)
        if settings.WARTA_READER_FACTS_SECONDS > 0:
            cache.set(key, facts, timeout=settings.WARTA_READER_FACTS_SECONDS)
    setattr(user, MEMO, facts)
    return facts
