"""Everything that writes subscriptions; payment providers call these, nothing else does."""

from datetime import datetime

from django.db import IntegrityError, transaction

from warta.accounts.models import User

from .calendar import month_of
from .models import MeteredRead, Plan, Subscription, SubscriptionStatus


@transaction.atomic
def subscription_start(
    *,
    user: User,
    plan: Plan,
    provider: str,
    period_end: datetime,
    provider_customer_id: str = "",
    provider_subscription_id: str = "",
    event_time: datetime | None = None,
) -> Subscription:
    """Make ``user`` a subscriber to ``plan`` until ``period_end`` (new or renewed)."""
    subscription, _ = Subscription.objects.select_for_update().update_or_create(
        user=user,
        defaults={
            "plan": plan,
            "status": SubscriptionStatus.ACTIVE,
            "current_period_end": period_end,
            "provider": provider,
            "provider_customer_id": provider_customer_id,
            "provider_subscription_id": provider_subscription_id,
            "provider_updated_at": event_time,
        },
    )
    return subscription


@transaction.atomic
def subscription_update_from_provider(
    *,
    provider: str,
    provider_subscription_id: str,
    status: SubscriptionStatus,
    period_end: datetime,
    event_time: datetime,
    plan: Plan | None = None,
) -> Subscription | None:
    """Apply the provider's view of a subscription, unless a newer one was applied already.

    Returns None when there is no such subscription or the update is older than what we have
    (events can arrive out of order).
    """
    subscription = (
        Subscription.objects.select_for_update()
        .filter(provider=provider, provider_subscription_id=provider_subscription_id)
        .first()
    )
    if subscription is None:
        return None
    if subscription.provider_updated_at and event_time < subscription.provider_updated_at:
        return None
    subscription.status = status
    subscription.current_period_end = period_end
    subscription.provider_updated_at = event_time
    fields = ["status", "current_period_end", "provider_updated_at", "updated_at"]
    if plan is not None:
        subscription.plan = plan
        fields.append("plan")
    subscription.save(update_fields=fields)
    return subscription


def metered_read_record(*, user: User, article_id: int, now: datetime) -> None:
    """Count a premium article against the reader's monthly allowance (once per month)."""
    try:
        with transaction.atomic():
            MeteredRead.objects.get_or_create(user=user, article_id=article_id, month=month_of(now))
    except IntegrityError:
        pass  # a simultaneous request counted it first: counted once, as it should be
