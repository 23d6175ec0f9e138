"""Stripe's webhook: only signed deliveries, each event once, in the order things happened."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from warta.subscriptions.models import ProviderEvent, Subscription, SubscriptionStatus
from warta.subscriptions.providers import stripe_webhook
from warta.subscriptions.providers.stripe_events import (
    EVENT_MALFORMED,
    SIGNATURE_MISMATCH,
    SIGNATURE_MISSING,
    SIGNATURE_STALE,
    WEBHOOK_NOT_CONFIGURED,
    stripe_event_parse,
)
from warta.subscriptions.providers.stripe_webhook import (
    ALREADY_PROCESSED,
    OUTCOME_NO_SUBSCRIPTION,
    OUTCOME_STALE,
    OUTCOME_UNKNOWN_TYPE,
    stripe_event_handle,
)

from .factories import (
    PlanFactory,
    ReaderFactory,
    SubscriptionFactory,
    default_plans,
    plan_on_stripe,
)
from .stripe_payloads import (
    WEBHOOK_SECRET,
    body,
    checkout_completed,
    deliver,
    event,
    invoice_event,
    signature_header,
    subscription_event,
    unix,
)

pytestmark = pytest.mark.django_db

PERIOD_END = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
LATER_PERIOD_END = datetime(2030, 4, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_WEBHOOK_TOLERANCE = 300


def _stripe_subscription(**kwargs) -> Subscription:
    defaults = {
        "provider_subscription_id": "sub_1",
        "provider_customer_id": "cus_1",
        "current_period_end": PERIOD_END,
        "provider_updated_at": timezone.now() - timedelta(days=1),
    }
    return SubscriptionFactory(**{**defaults, **kwargs})


def _ago(seconds: int) -> int:
    return int(time.time()) - seconds


# --- Signatures ----------------------------------------------------------------------------


def test_checkout_completed_creates_an_active_subscription_for_the_reader(client):
    reader = ReaderFactory()
    digital, _ = default_plans()
    payload = body(checkout_completed(user_id=reader.pk, subscription_id="sub_9", created=_ago(5)))

    response = deliver(client, payload)

    assert response.status_code == 200
    subscription = Subscription.objects.get(user=reader)
    assert subscription.plan == digital
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.provider == "stripe"
    assert subscription.provider_subscription_id == "sub_9"
    assert subscription.provider_customer_id == "cus_1"
    # No period in the session: one month from when it was paid.
    assert (
        timedelta(days=27) < subscription.current_period_end - timezone.now() < timedelta(days=32)
    )
    assert ProviderEvent.objects.get().outcome == "applied: subscription active"


def test_signature_made_by_stripes_own_library_is_accepted(client):
    import stripe

    payload = body(event("customer.created", {"id": "cus_1", "object": "customer"}))
    header = stripe.WebhookSignature.generate_signature_header(payload.decode(), WEBHOOK_SECRET)

    response = deliver(client, payload, header=header)

    assert response.status_code == 200


def test_forged_signature_is_refused_and_nothing_is_stored(client):
    reader = ReaderFactory()
    default_plans()
    payload = body(checkout_completed(user_id=reader.pk))

    response = deliver(client, payload, header=signature_header(payload, secret="whsec_forged"))

    assert response.status_code == 400
    assert response.content.decode() == SIGNATURE_MISMATCH
    assert not ProviderEvent.objects.exists()
    assert not Subscription.objects.exists()


def test_signature_older_than_the_tolerance_is_refused(client):
    reader = ReaderFactory()
    default_plans()
    payload = body(checkout_completed(user_id=reader.pk))

    response = deliver(client, payload, header=signature_header(payload, timestamp=_ago(301)))

    assert response.status_code == 400
    assert response.content.decode() == SIGNATURE_STALE
    assert not ProviderEvent.objects.exists()
    assert not Subscription.objects.exists()


def test_signature_just_inside_the_tolerance_is_accepted(client):
    payload = body(event("customer.created", {"id": "cus_1"}))

    response = deliver(client, payload, header=signature_header(payload, timestamp=_ago(290)))

    assert response.status_code == 200


def test_body_changed_by_one_byte_is_refused(client):
    reader = ReaderFactory()
    default_plans()
    payload = body(checkout_completed(user_id=reader.pk, plan_slug="digital"))
    header = signature_header(payload)
    tampered = payload.replace(b'"plan_slug":"digital"', b'"plan_slug":"digitaL"', 1)
    assert len(tampered) == len(payload) and tampered != payload

    response = deliver(client, tampered, header=header)

    assert response.status_code == 400
    assert response.content.decode() == SIGNATURE_MISMATCH
    assert not ProviderEvent.objects.exists()
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("header", ["", "v1=abc", "t=notanumber,v1=abc", "t=1700000000", "garbage"])
def test_missing_or_unreadable_signature_header_is_refused(client, header):
    payload = body(event("customer.created", {"id": "cus_1"}))

    response = deliver(client, payload, header=header)

    assert response.status_code == 400
    assert response.content.decode() == SIGNATURE_MISSING
    assert not ProviderEvent.objects.exists()


def test_webhook_without_a_configured_secret_refuses_everything(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = body(event("customer.created", {"id": "cus_1"}))

    response = deliver(client, payload, header=signature_header(payload, secret=""))

    assert response.status_code == 400
    assert response.content.decode() == WEBHOOK_NOT_CONFIGURED


def test_signed_body_that_is_not_an_event_is_refused(client):
    payload = b'{"hello": "world"}'

    response = deliver(client, payload)

    assert response.status_code == 400
    assert response.content.decode() == EVENT_MALFORMED


def test_webhook_answers_only_post(client):
    assert client.get("/webhooks/stripe/").status_code == 405


def test_webhook_needs_no_csrf_token():
    csrf_client = Client(enforce_csrf_checks=True)
    payload = body(event("customer.created", {"id": "cus_1"}))

    assert deliver(csrf_client, payload).status_code == 200


# --- Each event once -----------------------------------------------------------------------


def test_event_delivered_twice_changes_nothing_the_second_time(client):
    reader = ReaderFactory()
    default_plans()
    payload = body(checkout_completed(user_id=reader.pk, subscription_id="sub_1", created=_ago(60)))
    assert deliver(client, payload).status_code == 200
    # Meanwhile staff end the subscription by hand; a repeat of the old event must not undo it.
    Subscription.objects.filter(user=reader).update(status=SubscriptionStatus.EXPIRED)

    again = deliver(client, payload)

    assert again.status_code == 200
    assert again.content.decode() == ALREADY_PROCESSED
    assert ProviderEvent.objects.count() == 1
    assert Subscription.objects.get(user=reader).status == SubscriptionStatus.EXPIRED


def test_event_whose_effect_fails_is_not_stored_so_a_retry_can_apply_it(monkeypatch):
    def broken(event):
        Subscription.objects.update(status=SubscriptionStatus.EXPIRED)
        raise RuntimeError("database went away")

    subscription = _stripe_subscription()
    monkeypatch.setitem(stripe_webhook.HANDLERS, "invoice.paid", broken)
    delivery = stripe_event_parse(
        payload=body(
            invoice_event("invoice.paid", subscription_id="sub_1", period_end=1, created=1)
        )
    )

    with pytest.raises(RuntimeError):
        stripe_event_handle(event=delivery)

    assert not ProviderEvent.objects.exists()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE


@pytest.mark.django_db(transaction=True)
def test_simultaneous_deliveries_of_one_event_apply_it_once():
    reader = ReaderFactory()
    default_plans()
    payload = body(checkout_completed(user_id=reader.pk, created=_ago(5)))
    answers: list[str] = []
    start = threading.Barrier(4)

    def post():
        try:
            start.wait()
            answers.append(deliver(Client(), payload).content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [ALREADY_PROCESSED] * 3 + ["applied: subscription active"]
    assert ProviderEvent.objects.count() == 1
    assert Subscription.objects.filter(user=reader).count() == 1


def test_unknown_event_type_is_stored_with_no_effect(client):
    subscription = _stripe_subscription()
    payload = body(event("charge.refunded", {"id": "ch_1", "object": "charge"}))

    response = deliver(client, payload)

    assert response.status_code == 200
    stored = ProviderEvent.objects.get()
    assert (stored.event_type, stored.outcome) == ("charge.refunded", OUTCOME_UNKNOWN_TYPE)
    before = subscription.updated_at
    subscription.refresh_from_db()
    assert subscription.updated_at == before


# --- In order ------------------------------------------------------------------------------


def test_older_subscription_update_arriving_after_a_newer_one_is_ignored(client):
    subscription = _stripe_subscription(provider_updated_at=None)
    newer = subscription_event(
        "customer.subscription.updated",
        subscription_id="sub_1",
        status="active",
        cancel_at_period_end=True,
        period_end=unix(LATER_PERIOD_END),
        created=_ago(10),
    )
    older = subscription_event(
        "customer.subscription.updated",
        subscription_id="sub_1",
        status="past_due",
        period_end=unix(PERIOD_END),
        created=_ago(100),
    )

    deliver(client, body(newer))
    response = deliver(client, body(older))

    assert response.status_code == 200
    assert response.content.decode() == OUTCOME_STALE
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.current_period_end == LATER_PERIOD_END
    assert ProviderEvent.objects.count() == 2


def test_checkout_completed_arriving_after_the_subscriptions_own_update_keeps_the_newer_state(
    client,
):
    reader = ReaderFactory()
    default_plans()
    cancelled = subscription_event(
        "customer.subscription.updated",
        subscription_id="sub_7",
        status="active",
        cancel_at_period_end=True,
        period_end=unix(PERIOD_END),
        created=_ago(10),
        metadata={"user_id": str(reader.pk), "plan_slug": "digital"},
    )
    completed = checkout_completed(user_id=reader.pk, subscription_id="sub_7", created=_ago(30))

    deliver(client, body(cancelled))
    response = deliver(client, body(completed))

    assert response.content.decode() == OUTCOME_STALE
    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.current_period_end == PERIOD_END
    assert subscription.provider_subscription_id == "sub_7"


def test_subscription_event_for_an_unknown_subscription_without_metadata_does_nothing(client):
    payload = body(
        subscription_event(
            "customer.subscription.updated",
            subscription_id="sub_unknown",
            status="active",
            period_end=unix(PERIOD_END),
            created=_ago(10),
        )
    )

    response = deliver(client, payload)

    assert response.content.decode() == OUTCOME_NO_SUBSCRIPTION
    assert not Subscription.objects.exists()


def test_late_event_for_a_new_stripe_subscription_never_replaces_a_paid_up_one(client):
    current = _stripe_subscription(provider_subscription_id="sub_current")
    payload = body(
        subscription_event(
            "customer.subscription.deleted",
            subscription_id="sub_other",
            status="canceled",
            period_end=unix(PERIOD_END),
            created=_ago(10),
            metadata={"user_id": str(current.user_id), "plan_slug": "digital"},
        )
    )

    deliver(client, payload)

    current.refresh_from_db()
    assert current.provider_subscription_id == "sub_current"
    assert current.status == SubscriptionStatus.ACTIVE


# --- Statuses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "stripe_status", "cancel_at_period_end", "expected"),
    [
        ("customer.subscription.updated", "active", False, SubscriptionStatus.ACTIVE),
        ("customer.subscription.updated", "trialing", False, SubscriptionStatus.ACTIVE),
        ("customer.subscription.updated", "active", True, SubscriptionStatus.CANCELLED),
        ("customer.subscription.updated", "past_due", False, SubscriptionStatus.PAST_DUE),
        ("customer.subscription.updated", "unpaid", False, SubscriptionStatus.PAST_DUE),
        ("customer.subscription.updated", "canceled", False, SubscriptionStatus.EXPIRED),
        ("customer.subscription.deleted", "canceled", False, SubscriptionStatus.EXPIRED),
    ],
)
def test_subscription_event_maps_to_the_right_status(
    client, event_type, stripe_status, cancel_at_period_end, expected
):
    subscription = _stripe_subscription(status=SubscriptionStatus.ACTIVE)
    created = _ago(5)
    payload = body(
        subscription_event(
            event_type,
            subscription_id="sub_1",
            status=stripe_status,
            cancel_at_period_end=cancel_at_period_end,
            period_end=unix(LATER_PERIOD_END),
            created=created,
        )
    )

    response = deliver(client, payload)

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == expected
    assert subscription.provider_updated_at == datetime.fromtimestamp(created, tz=UTC)


def test_cancel_at_period_end_keeps_the_reader_paid_until_the_period_end(client):
    subscription = _stripe_subscription()
    payload = body(
        subscription_event(
            "customer.subscription.updated",
            subscription_id="sub_1",
            status="active",
            cancel_at_period_end=True,
            period_end=unix(LATER_PERIOD_END),
            period_end_on_items=False,  # an older API version: the period on the subscription
            created=_ago(5),
        )
    )

    deliver(client, payload)

    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.current_period_end == LATER_PERIOD_END


def test_deleted_subscription_expires_when_it_ended(client):
    subscription = _stripe_subscription()
    ended = datetime(2030, 2, 10, tzinfo=UTC)
    payload = body(
        subscription_event(
            "customer.subscription.deleted",
            subscription_id="sub_1",
            status="canceled",
            period_end=unix(PERIOD_END),
            ended_at=unix(ended),
            created=_ago(5),
        )
    )

    deliver(client, payload)

    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.EXPIRED
    assert subscription.current_period_end == ended


def test_plan_changed_in_the_portal_moves_the_subscription_to_that_plan(client):
    digital, _ = default_plans()
    plus = plan_on_stripe(slug="digital-plus", price_id="price_plus")
    subscription = _stripe_subscription(plan=digital)
    payload = body(
        subscription_event(
            "customer.subscription.updated",
            subscription_id="sub_1",
            status="active",
            price_id="price_plus",
            period_end=unix(LATER_PERIOD_END),
            created=_ago(5),
        )
    )

    deliver(client, payload)

    subscription.refresh_from_db()
    assert subscription.plan == plus


def test_paid_invoice_renews_the_subscription_until_the_invoiced_period_end(client):
    subscription = _stripe_subscription(status=SubscriptionStatus.PAST_DUE)
    payload = body(
        invoice_event(
            "invoice.paid",
            subscription_id="sub_1",
            period_end=unix(LATER_PERIOD_END),
            created=_ago(5),
        )
    )

    deliver(client, payload)

    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.current_period_end == LATER_PERIOD_END


def test_failed_payment_makes_the_subscription_past_due_and_keeps_its_period_end(client):
    subscription = _stripe_subscription()
    payload = body(
        invoice_event(
            "invoice.payment_failed",
            subscription_id="sub_1",
            period_end=unix(LATER_PERIOD_END),
            created=_ago(5),
        )
    )

    deliver(client, payload)

    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAST_DUE
    assert subscription.current_period_end == PERIOD_END


def test_checkout_completed_for_an_unknown_reader_is_stored_with_no_effect(client):
    default_plans()
    payload = body(checkout_completed(user_id=987654))

    response = deliver(client, payload)

    assert response.status_code == 200
    assert ProviderEvent.objects.get().outcome.startswith("ignored: no active user")
    assert not Subscription.objects.exists()


def test_checkout_completed_finds_the_plan_by_price_when_metadata_is_missing(client):
    reader = ReaderFactory()
    plan = PlanFactory(
        slug="digital-yearly", name="Yearly", period="year", stripe_price_id="price_y"
    )
    completed = checkout_completed(user_id=reader.pk, plan_slug="")
    completed["data"]["object"]["line_items"] = {
        "object": "list",
        "data": [{"price": {"id": "price_y"}, "quantity": 1}],
    }

    deliver(client, body(completed))

    subscription = Subscription.objects.get(user=reader)
    assert subscription.plan == plan
    assert subscription.current_period_end - timezone.now() > timedelta(days=360)


def test_payment_checkout_is_not_a_subscription(client):
    reader = ReaderFactory()
    default_plans()

    deliver(client, body(checkout_completed(user_id=reader.pk, mode="payment")))

    assert not Subscription.objects.exists()
