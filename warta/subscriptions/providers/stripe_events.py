"""Stripe's webhook events, checked and read: no database, no network.

Stripe signs each delivery (https://docs.stripe.com/webhooks#verify-manually): the header
``Stripe-Signature: t=<unix time>,v1=<hex>[,v1=<hex>...]`` carries an HMAC-SHA256, keyed with the
endpoint's secret, of ``"<t>.<raw body>"``. The check runs over the raw bytes exactly as they
arrived: any re-encoding (or a single changed byte) breaks it, which is the point. A timestamp
older than the tolerance is refused, so a captured delivery cannot be replayed later.

What warta needs from an event is read into frozen dataclasses here. Stripe's payloads differ by
API version (``current_period_end`` moved from the subscription to its items, an invoice's
subscription moved under ``parent``), so each fact is looked up in both places.
"""

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..models import SubscriptionStatus

SIGNATURE_SCHEME = "v1"
WEBHOOK_NOT_CONFIGURED = "Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET is empty)."
SIGNATURE_MISSING = "The Stripe-Signature header is missing or unreadable."
SIGNATURE_MISMATCH = "The Stripe signature does not match the body."
SIGNATURE_STALE = "The Stripe signature is too old."
EVENT_MALFORMED = "The body is not a Stripe event."


class WebhookRejected(Exception):
    """A delivery that is not provably Stripe's, or not an event: refused, nothing stored."""


@dataclass(frozen=True)
class StripeEvent:
    id: str
    type: str
    created: datetime  # when Stripe created the event: the order events are applied in
    object: Mapping[str, Any]  # ``data.object``: read it through the functions below


def _signature_header(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == SIGNATURE_SCHEME and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise WebhookRejected(SIGNATURE_MISSING)
    return timestamp, signatures


def stripe_signature(*, payload: bytes, secret: str, timestamp: int) -> str:
    """The v1 signature of ``payload`` sent at ``timestamp``: what Stripe puts in the header."""
    signed = str(timestamp).encode("ascii") + b"." + payload
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def stripe_event_verify(
    *,
    payload: bytes,
    signature_header: str | None,
    secret: str,
    tolerance: int,
    now: float | None = None,
) -> StripeEvent:
    """The event in ``payload`` if Stripe signed it within ``tolerance`` seconds of ``now``."""
    if not secret:
        raise WebhookRejected(WEBHOOK_NOT_CONFIGURED)
    timestamp, signatures = _signature_header(signature_header or "")
    expected = stripe_signature(payload=payload, secret=secret, timestamp=timestamp).encode()
    if not any(
        hmac.compare_digest(expected, candidate.encode("utf-8", "replace"))
        for candidate in signatures
    ):
        raise WebhookRejected(SIGNATURE_MISMATCH)
    if timestamp < (time.time() if now is None else now) - tolerance:
        raise WebhookRejected(SIGNATURE_STALE)
    return stripe_event_parse(payload=payload)


def stripe_event_parse(*, payload: bytes) -> StripeEvent:
    try:
        data = json.loads(payload)
    except ValueError as exc:  # also UnicodeDecodeError
        raise WebhookRejected(EVENT_MALFORMED) from exc
    if not isinstance(data, dict):
        raise WebhookRejected(EVENT_MALFORMED)
    event_id, event_type, created = data.get("id"), data.get("type"), data.get("created")
    obj = _mapping(_mapping(data, "data"), "object")
    if not (isinstance(event_id, str) and event_id and isinstance(event_type, str)):
        raise WebhookRejected(EVENT_MALFORMED)
    moment = _moment(created)
    if moment is None:
        raise WebhookRejected(EVENT_MALFORMED)
    return StripeEvent(id=event_id, type=event_type, created=moment, object=obj)


# --- Reading an event's object -------------------------------------------------------------


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _id(data: Mapping[str, Any], key: str) -> str:
    """An object's id, whether Stripe sent the id or the expanded object."""
    value = data.get(key)
    if isinstance(value, Mapping):
        return _text(value, "id")
    return value if isinstance(value, str) else ""


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The entries of a Stripe list object (``{"object": "list", "data": [...]}``)."""
    entries = _mapping(data, key).get("data")
    if not isinstance(entries, list):
        return []
    return [entry for entry in entries if isinstance(entry, Mapping)]


def _moment(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def _user_id(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _latest(moments: list[datetime | None]) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _subscription_period_end(subscription: Mapping[str, Any]) -> datetime | None:
    """Older API versions put the period end on the subscription, newer ones on its items."""
    return _moment(subscription.get("current_period_end")) or _latest(
        [_moment(item.get("current_period_end")) for item in _items(subscription, "items")]
    )


@dataclass(frozen=True)
class CheckoutCompleted:
    mode: str
    user_id: int | None
    plan_slug: str
    price_ids: tuple[str, ...]
    customer_id: str
    subscription_id: str
    period_end: datetime | None
    source: str = ""


def checkout_completed_from(event: StripeEvent) -> CheckoutCompleted:
    session = event.object
    metadata = _mapping(session, "metadata")
    return CheckoutCompleted(
        mode=_text(session, "mode"),
        user_id=_user_id(_text(session, "client_reference_id") or _text(metadata, "user_id")),
        plan_slug=_text(metadata, "plan_slug"),
        source=_text(metadata, "source"),
        price_ids=tuple(
            price for item in _items(session, "line_items") if (price := _id(item, "price"))
        ),
        customer_id=_id(session, "customer"),
        subscription_id=_id(session, "subscription"),
        period_end=_subscription_period_end(_mapping(session, "subscription")),
    )


def subscription_status_for(*, stripe_status: str, cancelling: bool) -> SubscriptionStatus | None:
    """warta's status for a Stripe subscription status; None for one warta does not act on."""
    if stripe_status in {"active", "trialing"}:
        return SubscriptionStatus.CANCELLED if cancelling else SubscriptionStatus.ACTIVE
    if stripe_status in {"past_due", "unpaid", "incomplete", "paused"}:
        return SubscriptionStatus.PAST_DUE
    if stripe_status in {"canceled", "incomplete_expired"}:
        return SubscriptionStatus.EXPIRED
    return None


@dataclass(frozen=True)
class SubscriptionState:
    subscription_id: str
    customer_id: str
    stripe_status: str
    status: SubscriptionStatus | None
    period_end: datetime | None
    price_id: str
    user_id: int | None
    plan_slug: str
    source: str = ""


def subscription_state_from(event: StripeEvent) -> SubscriptionState:
    """A ``customer.subscription.*`` event: the subscription as it was when the event happened."""
    subscription = event.object
    stripe_status = _text(subscription, "status")
    period_end = _subscription_period_end(subscription)
    cancel_at = _moment(subscription.get("cancel_at"))
    if event.type == "customer.subscription.deleted":
        status: SubscriptionStatus | None = SubscriptionStatus.EXPIRED
        period_end = _moment(subscription.get("ended_at")) or period_end
    else:
        cancelling = subscription.get("cancel_at_period_end") is True or cancel_at is not None
        status = subscription_status_for(stripe_status=stripe_status, cancelling=cancelling)
        if cancel_at is not None and (period_end is None or cancel_at < period_end):
            period_end = cancel_at  # cancelled before the period's end: paid until then
    items = _items(subscription, "items")
    metadata = _mapping(subscription, "metadata")
    return SubscriptionState(
        subscription_id=_text(subscription, "id"),
        customer_id=_id(subscription, "customer"),
        stripe_status=stripe_status,
        status=status,
        period_end=period_end,
        price_id=_id(items[0], "price") if items else "",
        user_id=_user_id(_text(metadata, "user_id")),
        plan_slug=_text(metadata, "plan_slug"),
        source=_text(metadata, "source"),
    )


@dataclass(frozen=True)
class InvoiceFacts:
    subscription_id: str
    period_end: datetime | None


def invoice_facts_from(event: StripeEvent) -> InvoiceFacts:
    """An ``invoice.*`` event: which subscription it bills, and until when."""
    invoice = event.object
    details = _mapping(_mapping(invoice, "parent"), "subscription_details")
    return InvoiceFacts(
        subscription_id=_id(invoice, "subscription") or _id(details, "subscription"),
        period_end=_latest(
            [_moment(_mapping(line, "period").get("end")) for line in _items(invoice, "lines")]
        ),
    )
