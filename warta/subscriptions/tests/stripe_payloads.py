"""Stripe webhook deliveries for tests: event bodies shaped like Stripe's, and real signatures.

The signature is computed here from the documented v1 scheme (HMAC-SHA256 of "<t>.<body>" with
the endpoint secret), independently of the code under test.
"""

import hashlib
import hmac
import itertools
import json
import time
from datetime import datetime
from typing import Any

from django.urls import reverse

WEBHOOK_SECRET = "whsec_test_0123456789abcdef"
_ids = itertools.count(1)


def unix(moment: datetime) -> int:
    return int(moment.timestamp())


def event(event_type: str, obj: dict[str, Any], *, created: int | None = None) -> dict[str, Any]:
    return {
        "id": f"evt_test_{next(_ids)}",
        "object": "event",
        "api_version": "2026-01-28.clover",
        "type": event_type,
        "created": int(time.time()) if created is None else created,
        "livemode": False,
        "data": {"object": obj},
    }


def checkout_completed(
    *,
    user_id: int | str,
    plan_slug: str = "digital",
    subscription_id: str = "sub_1",
    customer_id: str = "cus_1",
    created: int | None = None,
    mode: str = "subscription",
) -> dict[str, Any]:
    return event(
        "checkout.session.completed",
        {
            "id": "cs_test_1",
            "object": "checkout.session",
            "mode": mode,
            "status": "complete",
            "payment_status": "paid",
            "client_reference_id": str(user_id),
            "customer": customer_id,
            "subscription": subscription_id,
            "metadata": {"plan_slug": plan_slug, "user_id": str(user_id)},
        },
        created=created,
    )


def subscription_event(
    event_type: str,
    *,
    subscription_id: str,
    status: str,
    period_end: int,
    created: int,
    cancel_at_period_end: bool = False,
    price_id: str = "price_digital",
    period_end_on_items: bool = True,
    metadata: dict[str, str] | None = None,
    ended_at: int | None = None,
) -> dict[str, Any]:
    """A ``customer.subscription.*`` event; newer API versions keep the period on the items."""
    item: dict[str, Any] = {"id": "si_1", "price": {"id": price_id, "object": "price"}}
    obj: dict[str, Any] = {
        "id": subscription_id,
        "object": "subscription",
        "customer": "cus_1",
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "cancel_at": period_end if cancel_at_period_end else None,
        "ended_at": ended_at,
        "metadata": metadata or {},
        "items": {"object": "list", "data": [item]},
    }
    if period_end_on_items:
        item["current_period_end"] = period_end
    else:
        obj["current_period_end"] = period_end
    return event(event_type, obj, created=created)


def invoice_event(
    event_type: str, *, subscription_id: str, period_end: int, created: int
) -> dict[str, Any]:
    return event(
        event_type,
        {
            "id": "in_1",
            "object": "invoice",
            "parent": {
                "type": "subscription_details",
                "subscription_details": {"subscription": subscription_id},
            },
            "lines": {"object": "list", "data": [{"period": {"start": 0, "end": period_end}}]},
        },
        created=created,
    )


def body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def signature_header(
    payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None
) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliver(client, payload: bytes, *, header: str | None = None):
    """POST a delivery to the webhook as Stripe does, signed unless ``header`` says otherwise."""
    return client.post(
        reverse("subscriptions:stripe-webhook"),
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": signature_header(payload) if header is None else header},
    )
