"""What deciding access needs to know about a signed-in reader, kept in the cache between
requests: the subscription (status, paid until, gifts a month), the gifts used this month and the
newsroom rights. A subscriber's page view then asks the database only for the session and the
user. Services forget a reader's entry when they change it (accounts/reader_cache.py); entries
also expire after ``WARTA_READER_FACTS_SECONDS`` (warta/cache_table.py lists every cache).

The facts are data, not decisions: the paywall rule is still applied to them on every request
(``paid_until`` against the time of the request), in ``article_reading``.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache

from warta.access.rules import Reader, SubscriptionStatus, paid_up
from warta.accounts.models import User
from warta.accounts.reader_cache import reader_cache_key
from warta.gifts.selectors import gifts_used_in_month
from warta.local_cache import local_get
from warta.newsroom.roles import user_is_newsroom_staff
from warta.subscriptions.calendar import month_of
from warta.subscriptions.selectors import entitlement_for_user

MEMO = "_warta_reader_facts"  # on the request's user object


@dataclass(frozen=True)
class ReaderFacts:
    subscription_status: SubscriptionStatus
    paid_until: datetime | None
    plan_gifts_per_month: int
    month: date  # the month ``gifts_used`` counts
    gifts_used: int
    newsroom_staff: bool
    back_office: bool

    def paid_up(self, now: datetime) -> bool:
        return paid_up(status=self.subscription_status, paid_until=self.paid_until, now=now)

    def gifts_per_month(self, now: datetime) -> int:
        """The plan's gifts apply while the subscription is paid up."""
        return self.plan_gifts_per_month if self.paid_up(now) else 0

    def reader(self) -> Reader:
        """The reader as the pure rule takes them."""
        return Reader(
            signed_in=True,
            newsroom_staff=self.newsroom_staff,
            subscription=self.subscription_status,
            paid_until=self.paid_until,
        )


def _gather(user: User, now: datetime) -> ReaderFacts:
    entitlement = entitlement_for_user(user=user, now=now)
    month = month_of(now)
    return ReaderFacts(
        subscription_status=entitlement.status,
        paid_until=entitlement.paid_until,
        plan_gifts_per_month=entitlement.plan.gifts_per_month if entitlement.plan else 0,
        month=month,
        gifts_used=gifts_used_in_month(user=user, month=month),
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
    if not isinstance(facts, ReaderFacts) or facts.month != month:
        facts = _gather(user, now)
        if settings.WARTA_READER_FACTS_SECONDS > 0:
            cache.set(key, facts, timeout=settings.WARTA_READER_FACTS_SECONDS)
    setattr(user, MEMO, facts)
    return facts
