"""Reading Stripe's events: plain values in, no database."""

from datetime import UTC, datetime

import pytest

from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.providers.stripe_events import (
    SIGNATURE_MISMATCH,
    SIGNATURE_STALE,
    WebhookRejected,
    invoice_facts_from,
    stripe_event_parse,
    stripe_event_verify,
    stripe_signature,
    subscription_state_from,
    subscription_status_for,
)

from .stripe_payloads import WEBHOOK_SECRET, body, event, signature_header, subscription_event


@pytest.mark.parametrize(
    ("stripe_status", "cancelling", "expected"),
    [
        ("active", False, SubscriptionStatus.ACTIVE),
        ("trialing", False, SubscriptionStatus.ACTIVE),
        ("active", True, SubscriptionStatus.CANCELLED),
        ("trialing", True, SubscriptionStatus.CANCELLED),
        ("past_due", False, SubscriptionStatus.PAST_DUE),
        ("unpaid", False, SubscriptionStatus.PAST_DUE),
        ("incomplete", False, SubscriptionStatus.PAST_DUE),
        ("paused", False, SubscriptionStatus.PAST_DUE),
        ("canceled", False, SubscriptionStatus.EXPIRED),
        ("canceled", True, SubscriptionStatus.EXPIRED),
        ("incomplete_expired", False, SubscriptionStatus.EXPIRED),
        ("something_new", False, None),
    ],
)
def test_stripe_status_maps_to_warta_status(stripe_status, cancelling, expected):
    assert subscription_status_for(stripe_status=stripe_status, cancelling=cancelling) == expected


def test_signature_is_the_documented_v1_hmac():
    # The example from the scheme: HMAC-SHA256("<t>.<payload>") keyed with the secret, in hex.
    import hashlib
    import hmac

    expected = hmac.new(b"whsec_x", b"1700000000.{}", hashlib.sha256).hexdigest()

    assert stripe_signature(payload=b"{}", secret="whsec_x", timestamp=1700000000) == expected


def test_verify_accepts_any_of_several_v1_signatures():
    payload = body(event("customer.created", {"id": "cus_1"}, created=1700000000))
    good = signature_header(payload, timestamp=1700000000).split("v1=")[1]
    header = f"t=1700000000,v1={'0' * 64},v0=ignored,v1={good}"

    delivered = stripe_event_verify(
        payload=payload,
        signature_header=header,
        secret=WEBHOOK_SECRET,
        tolerance=300,
        now=1700000100,
    )

    assert delivered.type == "customer.created"
    assert delivered.created == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_verify_refuses_a_non_ascii_signature_without_crashing():
    payload = b"{}"

    with pytest.raises(WebhookRejected, match=SIGNATURE_MISMATCH):
        stripe_event_verify(
            payload=payload,
            signature_header="t=1,v1=é",
            secret=WEBHOOK_SECRET,
            tolerance=300,
            now=1,
        )


def test_verify_refuses_a_replay_after_the_tolerance():
    payload = body(event("customer.created", {"id": "cus_1"}))
    header = signature_header(payload, timestamp=1700000000)

    with pytest.raises(WebhookRejected, match=SIGNATURE_STALE):
        stripe_event_verify(
            payload=payload,
            signature_header=header,
            secret=WEBHOOK_SECRET,
            tolerance=300,
            now=1700000301,
        )


def test_subscription_period_end_is_read_from_the_items_in_newer_api_versions():
    state = subscription_state_from(
        stripe_event_parse(
            payload=body(
                subscription_event(
                    "customer.subscription.updated",
                    subscription_id="sub_1",
                    status="active",
                    period_end=1900000000,
                    created=1,
                    metadata={"user_id": "42", "plan_slug": "digital"},
                )
            )
        )
    )

    assert state.period_end == datetime.fromtimestamp(1900000000, tz=UTC)
    assert (state.user_id, state.plan_slug, state.price_id) == (42, "digital", "price_digital")
    assert state.status == SubscriptionStatus.ACTIVE


def test_cancellation_at_a_set_time_pays_until_that_time():
    payload = subscription_event(
        "customer.subscription.updated",
        subscription_id="sub_1",
        status="active",
        period_end=1900000000,
        created=1,
    )
    payload["data"]["object"]["cancel_at"] = 1800000000

    state = subscription_state_from(stripe_event_parse(payload=body(payload)))

    assert state.status == SubscriptionStatus.CANCELLED
    assert state.period_end == datetime.fromtimestamp(1800000000, tz=UTC)


def test_invoice_subscription_is_found_in_old_and_new_api_shapes():
    old = event(
        "invoice.paid",
        {"subscription": "sub_old", "lines": {"data": [{"period": {"end": 1900000000}}]}},
    )
    new = event(
        "invoice.paid",
        {"parent": {"subscription_details": {"subscription": "sub_new"}}, "lines": {"data": []}},
    )

    old_facts = invoice_facts_from(stripe_event_parse(payload=body(old)))
    new_facts = invoice_facts_from(stripe_event_parse(payload=body(new)))

    assert old_facts.subscription_id == "sub_old"
    assert old_facts.period_end == datetime.fromtimestamp(1900000000, tz=UTC)
    assert (new_facts.subscription_id, new_facts.period_end) == ("sub_new", None)


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"id": "evt_1", "type": "x"}',
        b'{"id": "", "type": "x", "created": 1}',
        b'{"id": "evt_1", "type": "x", "created": true}',
    ],
)
def test_event_parse_refuses_what_is_not_an_event(payload):
    with pytest.raises(WebhookRejected):
        stripe_event_parse(payload=payload)
