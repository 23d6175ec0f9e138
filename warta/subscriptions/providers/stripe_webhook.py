"""Applying Stripe's webhook events: each once, in order, through the subscription services.

Each event is stored (``ProviderEvent``, unique per event id) in the same transaction as its
effect: Stripe delivers at least once, so a repeated delivery finds its row and changes nothing,
and an effect that fails rolls the row back too, so Stripe's retry gets a second chance.
Stripe does not deliver in order either: the services compare the event's time with the last
one applied and ignore older news.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import Plan, Subscription, SubscriptionStatus
from ..periods import period_end_after
from ..selectors import (
    entitlement_for_user,
    plan_get_by_slug,
    plan_get_by_stripe_price,
    subscription_get_by_provider_id,
    user_get_by_id,
)
from ..services import (
    provider_event_note_outcome,
    provider_event_record,
    subscription_set_status_from_provider,
    subscription_sync_from_provider,
    subscription_update_from_provider,
)
from .stripe_events import (
    StripeEvent,
    SubscriptionState,
    checkout_completed_from,
    invoice_facts_from,
    subscription_state_from,
)

PROVIDER = "stripe"

ALREADY_PROCESSED = "already processed"
OUTCOME_APPLIED = "applied: subscription {status}"
OUTCOME_STALE = "ignored: a newer event was applied already"
OUTCOME_UNKNOWN_TYPE = "ignored: warta does not act on this event type"
OUTCOME_NOT_SUBSCRIPTION_CHECKOUT = "ignored: not a subscription checkout"
OUTCOME_NO_USER = "ignored: no active user for client_reference_id"
OUTCOME_NO_PLAN = "ignored: no plan for the session's plan_slug or price"
OUTCOME_NO_SUBSCRIPTION = "ignored: no subscription with this provider id"
OUTCOME_UNHANDLED_STATUS = "ignored: Stripe status {stripe_status!r}"
OUTCOME_USER_PAID_UP_ELSEWHERE = "ignored: the user has another paid-up subscription"


@dataclass(frozen=True)
class WebhookResult:
    duplicate: bool
    outcome: str


def stripe_event_handle(*, event: StripeEvent) -> WebhookResult:
    """Store ``event`` and apply its effect, both or neither; a repeated event does nothing."""
    with transaction.atomic():
        record = provider_event_record(
            provider=PROVIDER, event_id=event.id, event_type=event.type, created_at=event.created
        )
        if record is None:
            return WebhookResult(duplicate=True, outcome=ALREADY_PROCESSED)
        handler = HANDLERS.get(event.type)
        outcome = handler(event) if handler else OUTCOME_UNKNOWN_TYPE
        provider_event_note_outcome(event=record, outcome=outcome)
    return WebhookResult(duplicate=False, outcome=outcome)


def _applied(subscription: Subscription | None) -> str:
    if subscription is None:
        return OUTCOME_STALE
    return OUTCOME_APPLIED.format(status=subscription.status)


def _checkout_completed(event: StripeEvent) -> str:
    checkout = checkout_completed_from(event)
    if checkout.mode != "subscription":
        return OUTCOME_NOT_SUBSCRIPTION_CHECKOUT
    user = user_get_by_id(user_id=checkout.user_id)
    if user is None:
        return OUTCOME_NO_USER
    plan = plan_get_by_slug(slug=checkout.plan_slug) or next(
        filter(None, (plan_get_by_stripe_price(price_id=p) for p in checkout.price_ids)), None
    )
    if plan is None:
        return OUTCOME_NO_PLAN
    subscription = subscription_sync_from_provider(
        user=user,
        plan=plan,
        provider=PROVIDER,
        status=SubscriptionStatus.ACTIVE,
        # Paid at the event's time; without the subscription expanded, one period from then.
        period_end=checkout.period_end or period_end_after(start=event.created, period=plan.period),
        event_time=event.created,
        provider_customer_id=checkout.customer_id,
        provider_subscription_id=checkout.subscription_id,
        source=checkout.source,
    )
    return _applied(subscription)


def _subscription_changed(event: StripeEvent) -> str:
    state = subscription_state_from(event)
    if state.status is None:
        return OUTCOME_UNHANDLED_STATUS.format(stripe_status=state.stripe_status)
    plan = plan_get_by_stripe_price(price_id=state.price_id)  # a plan change in the portal
    if subscription_get_by_provider_id(
        provider=PROVIDER, provider_subscription_id=state.subscription_id
    ):
        if state.period_end is None:
            return _applied(
                subscription_set_status_from_provider(
                    provider=PROVIDER,
                    provider_subscription_id=state.subscription_id,
                    status=state.status,
                    event_time=event.created,
                )
            )
        return _applied(
            subscription_update_from_provider(
                provider=PROVIDER,
                provider_subscription_id=state.subscription_id,
                status=state.status,
                period_end=state.period_end,
                event_time=event.created,
                plan=plan,
            )
        )
    # The subscription's own event came before checkout.session.completed: the metadata set at
    # checkout names the reader and the plan, so it can be recorded now.
    return _subscription_first_seen(
        event, state=state, plan=plan or plan_get_by_slug(slug=state.plan_slug)
    )


def _subscription_first_seen(
    event: StripeEvent, *, state: SubscriptionState, plan: Plan | None
) -> str:
    user = user_get_by_id(user_id=state.user_id)
    if user is None or plan is None or state.status is None or not state.subscription_id:
        return OUTCOME_NO_SUBSCRIPTION
    if entitlement_for_user(user=user, now=timezone.now()).paid_up:
        return OUTCOME_USER_PAID_UP_ELSEWHERE
    subscription = subscription_sync_from_provider(
        user=user,
        plan=plan,
        provider=PROVIDER,
        status=state.status,
        period_end=state.period_end or period_end_after(start=event.created, period=plan.period),
        event_time=event.created,
        provider_customer_id=state.customer_id,
        provider_subscription_id=state.subscription_id,
        source=state.source,
    )
    return _applied(subscription)


def _invoice(event: StripeEvent, *, status: SubscriptionStatus) -> str:
    invoice = invoice_facts_from(event)
    if not invoice.subscription_id or not subscription_get_by_provider_id(
        provider=PROVIDER, provider_subscription_id=invoice.subscription_id
    ):
        return OUTCOME_NO_SUBSCRIPTION
    if status == SubscriptionStatus.ACTIVE and invoice.period_end is not None:
        return _applied(
            subscription_update_from_provider(
                provider=PROVIDER,
                provider_subscription_id=invoice.subscription_id,
                status=status,
                period_end=invoice.period_end,
                event_time=event.created,
            )
        )
    # A failed payment leaves the period that was paid for as it was.
    return _applied(
        subscription_set_status_from_provider(
            provider=PROVIDER,
            provider_subscription_id=invoice.subscription_id,
            status=status,
            event_time=event.created,
        )
    )


def _invoice_paid(event: StripeEvent) -> str:
    return _invoice(event, status=SubscriptionStatus.ACTIVE)


def _invoice_payment_failed(event: StripeEvent) -> str:
    return _invoice(event, status=SubscriptionStatus.PAST_DUE)


HANDLERS: dict[str, Callable[[StripeEvent], str]] = {
    "checkout.session.completed": _checkout_completed,
    "customer.subscription.created": _subscription_changed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "invoice.paid": _invoice_paid,
    "invoice.payment_failed": _invoice_payment_failed,
}
