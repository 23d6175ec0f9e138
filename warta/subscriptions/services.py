"""Everything that writes subscriptions; payment providers call these, nothing else does."""

from datetime import datetime

from django.db import IntegrityError, transaction

from warta.accounts.models import User
from warta.accounts.reader_cache import reader_cache_forget

from .calendar import month_of
from .models import MeteredRead, Plan, ProviderEvent, Subscription, SubscriptionStatus


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
    source: str = "",
) -> Subscription:
    """Make ``user`` a subscriber to ``plan`` until ``period_end`` (new or renewed)."""
    return _subscription_write(
        user=user,
        source=source,
        plan=plan,
        status=SubscriptionStatus.ACTIVE,
        current_period_end=period_end,
        provider=provider,
        provider_customer_id=provider_customer_id,
        provider_subscription_id=provider_subscription_id,
        provider_updated_at=event_time,
    )


def _subscription_write(*, user: User, source: str, **state: object) -> Subscription:
    """Set ``user``'s one subscription row to ``state``. The credit (``source``) goes to the
    first thing that brought the reader; renewals do not move it."""
    subscription, _ = Subscription.objects.select_for_update().update_or_create(
        user=user, defaults=state
    )
    if source and not subscription.source:
        subscription.source = source
        subscription.save(update_fields=["source"])
    reader_cache_forget(user.pk)
    return subscription


@transaction.atomic
def subscription_cancel(*, user: User, event_time: datetime) -> Subscription | None:
    """Stop ``user``'s subscription from renewing: still paid up until the period end.

    For providers that make the change themselves (development); Stripe's own arrives by its
    webhook. None, changing nothing, when there is no active subscription to cancel.
    """
    subscription = (
        Subscription.objects.select_for_update()
        .filter(user=user, status=SubscriptionStatus.ACTIVE)
        .first()
    )
    if subscription is None:
        return None
    subscription.status = SubscriptionStatus.CANCELLED
    subscription.provider_updated_at = event_time
    subscription.save(update_fields=["status", "provider_updated_at", "updated_at"])
    reader_cache_forget(user.pk)
    return subscription


@transaction.atomic
def subscription_change_plan(
    *, user: User, plan: Plan, event_time: datetime
) -> Subscription | None:
    """Move ``user``'s subscription to ``plan`` from now on, for the period already paid.

    For providers that make the change themselves (development). None, changing nothing, when
    there is no subscription.
    """
    subscription = Subscription.objects.select_for_update().filter(user=user).first()
    if subscription is None:
        return None
    subscription.plan = plan
    subscription.provider_updated_at = event_time
    subscription.save(update_fields=["plan", "provider_updated_at", "updated_at"])
    reader_cache_forget(user.pk)
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
    reader_cache_forget(subscription.user_id)
    return subscription


def metered_read_record(*, user: User, article_id: int, now: datetime) -> None:
    """Count a premium article against the reader's monthly allowance (once per month)."""
    try:
        with transaction.atomic():
            MeteredRead.objects.get_or_create(user=user, article_id=article_id, month=month_of(now))
    except IntegrityError:
        pass  # a simultaneous request counted it first: counted once, as it should be


EVENT_OUTSIDE_TRANSACTION = (
    "Record a provider event inside the transaction that applies its effect, so both commit "
    "together or neither does."
)


def provider_event_record(
    *, provider: str, event_id: str, event_type: str, created_at: datetime
) -> ProviderEvent | None:
    """Store a provider's event the first time it arrives; None when it was stored before.

    The unique constraint on (provider, event_id) decides, also between two simultaneous
    deliveries of the same event: the second one waits for the first and then finds the row.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(EVENT_OUTSIDE_TRANSACTION)
    try:
        with transaction.atomic():  # a savepoint: a duplicate leaves the outer transaction usable
            return ProviderEvent.objects.create(
                provider=provider,
                event_id=event_id,
                event_type=event_type,
                created_at=created_at,
            )
    except IntegrityError:
        return None


def provider_event_note_outcome(*, event: ProviderEvent, outcome: str) -> None:
    """Keep what an event did (or why it did nothing), for staff reading the event log."""
    event.outcome = outcome[: ProviderEvent._meta.get_field("outcome").max_length]
    event.save(update_fields=["outcome"])


@transaction.atomic
def subscription_sync_from_provider(
    *,
    user: User,
    plan: Plan,
    provider: str,
    status: SubscriptionStatus,
    period_end: datetime,
    event_time: datetime,
    provider_customer_id: str,
    provider_subscription_id: str,
    source: str = "",
) -> Subscription | None:
    """Make ``user``'s subscription the provider's subscription, in the state it had at
    ``event_time`` (checkout completed, or the subscription's own event arriving first).

    Returns None, changing nothing, when a newer state of that same provider subscription was
    applied already: the event that links a user to a subscription can arrive last.
    """
    current = Subscription.objects.select_for_update().filter(user=user).first()
    if (
        current is not None
        and current.provider == provider
        and current.provider_subscription_id == provider_subscription_id
        and current.provider_updated_at is not None
        and event_time < current.provider_updated_at
    ):
        return None
    return _subscription_write(
        user=user,
        source=source,
        plan=plan,
        status=status,
        current_period_end=period_end,
        provider=provider,
        provider_customer_id=provider_customer_id,
        provider_subscription_id=provider_subscription_id,
        provider_updated_at=event_time,
    )


@transaction.atomic
def subscription_set_status_from_provider(
    *,
    provider: str,
    provider_subscription_id: str,
    status: SubscriptionStatus,
    event_time: datetime,
) -> Subscription | None:
    """Like ``subscription_update_from_provider``, keeping the period end we have (a failed
    payment says nothing about how long the subscriber has paid for)."""
    period_end = (
        Subscription.objects.select_for_update()
        .filter(provider=provider, provider_subscription_id=provider_subscription_id)
        .values_list("current_period_end", flat=True)
        .first()
    )
    if period_end is None:
        return None
    return subscription_update_from_provider(
        provider=provider,
        provider_subscription_id=provider_subscription_id,
        status=status,
        period_end=period_end,
        event_time=event_time,
    )
