"""The reader's pages: plans, checkout, welcome and billing."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from warta.subscriptions.models import Subscription, SubscriptionStatus
from warta.subscriptions.providers.development import DEVELOPMENT_NOTICE
from warta.subscriptions.views import (
    ALREADY_SUBSCRIBED,
    NO_SUBSCRIPTION_TO_MANAGE,
    PAYMENT_OVERDUE,
    SIGN_IN_TO_SUBSCRIBE,
)

from .factories import (
    PlanFactory,
    ReaderFactory,
    SubscriptionFactory,
    default_plans,
    plan_on_stripe,
)

# With the caches off, and as production runs them (conftest.py: cache_mode).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

PLANS = reverse("subscriptions:plans")
WELCOME = reverse("subscriptions:welcome")
BILLING = reverse("subscriptions:billing")


@pytest.fixture(autouse=True)
def _development_payments(settings):
    settings.WARTA_PAYMENT_PROVIDER = "development"
    settings.PRODUCTION = False


def _doc(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _checkout(slug: str) -> str:
    return reverse("subscriptions:checkout", args=[slug])


# --- Plans ---------------------------------------------------------------------------------


def test_plans_page_shows_both_default_plans_with_their_gifts_and_prices(client):
    doc = _doc(client.get(PLANS))

    plans = doc.cssselect(".plan")
    assert [_text(p.cssselect(".plan-name")[0]) for p in plans] == ["Digital", "Digital Plus"]
    assert [_text(p.cssselect(".plan-gifts")[0]) for p in plans] == [
        "3 gift articles a month",
        "5 gift articles a month",
    ]
    assert [_text(p.cssselect(".plan-price")[0]) for p in plans] == [
        "IDR 55,000 a month",
        "IDR 85,000 a month",
    ]
    forms = doc.cssselect(".plan form[method=post]")
    assert [form.get("action") for form in forms] == [
        _checkout("digital"),
        _checkout("digital-plus"),
    ]
    assert [_text(form.cssselect("button")[0]) for form in forms] == [
        "Subscribe to Digital",
        "Subscribe to Digital Plus",
    ]


def test_plans_page_leaves_out_inactive_plans(client):
    PlanFactory(slug="retired", name="Retired plan", is_active=False)

    doc = _doc(client.get(PLANS))

    assert "Retired plan" not in _text(doc)


def test_plans_page_says_plainly_that_development_payments_take_no_money(client):
    doc = _doc(client.get(PLANS))

    assert DEVELOPMENT_NOTICE in _text(doc.cssselect(".development-notice")[0])


def test_plans_page_has_no_development_notice_with_stripe(client, settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"

    doc = _doc(client.get(PLANS))

    assert not doc.cssselect(".development-notice")
    assert "no money is taken" not in _text(doc)


def test_plans_page_shows_a_subscriber_their_plan_and_manage_billing(client):
    _, plus = default_plans()
    subscription = SubscriptionFactory(plan=plus)
    client.force_login(subscription.user)

    doc = _doc(client.get(PLANS))

    current = doc.cssselect(".subscription-current")[0]
    assert "You subscribe to Digital Plus" in _text(current)
    assert current.cssselect(f"form[action='{BILLING}'] button")[0].text == "Manage billing"
    assert not doc.cssselect(".plan form")  # nothing to buy while paid up
    assert _text(doc.cssselect(".plan-current .plan-badge")[0]) == "Your plan"


def test_plans_page_offers_plans_again_after_the_subscription_expired(client):
    subscription = SubscriptionFactory(
        status=SubscriptionStatus.EXPIRED, current_period_end=timezone.now() - timedelta(days=2)
    )
    client.force_login(subscription.user)

    doc = _doc(client.get(PLANS))

    assert "subscription ended on" in _text(doc.cssselect(".subscription-current")[0])
    assert len(doc.cssselect(".plan form")) == 2


def test_plans_page_is_never_kept_by_a_shared_cache(client):
    response = client.get(PLANS)

    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


# --- Checkout ------------------------------------------------------------------------------


def test_anonymous_subscribe_post_is_sent_to_sign_in_and_back_to_the_chosen_plan(client):
    response = client.post(_checkout("digital"))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={_checkout('digital')}"
    assert _messages(response) == [SIGN_IN_TO_SUBSCRIBE]
    assert not Subscription.objects.exists()


def test_checkout_with_the_development_provider_activates_at_once_and_welcomes(client):
    reader = ReaderFactory()
    client.force_login(reader)

    response = client.post(_checkout("digital-plus"))

    assert response.status_code == 302
    assert response.url == "https://news.example" + WELCOME
    subscription = Subscription.objects.get(user=reader)
    assert subscription.plan.slug == "digital-plus"
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.provider == "development"


def test_welcome_page_thanks_the_new_subscriber(client):
    reader = ReaderFactory()
    client.force_login(reader)
    client.post(_checkout("digital-plus"))

    doc = _doc(client.get(WELCOME))

    assert _text(doc.cssselect("h1")[0]) == "Thank you for subscribing"
    assert "You subscribe to Digital Plus" in _text(doc)
    assert "5 gift articles a month" in _text(doc)
    assert DEVELOPMENT_NOTICE in _text(doc)


def test_welcome_page_waits_for_the_payment_to_be_confirmed(client):
    client.force_login(ReaderFactory())

    doc = _doc(client.get(WELCOME))

    assert "confirming your payment" in _text(doc)


def test_checkout_of_an_unknown_plan_is_not_found(client):
    client.force_login(ReaderFactory())

    assert client.post(_checkout("no-such-plan")).status_code == 404


def test_checkout_of_an_inactive_plan_is_not_found(client):
    PlanFactory(slug="retired", is_active=False)
    client.force_login(ReaderFactory())

    assert client.post(_checkout("retired")).status_code == 404
    assert not Subscription.objects.exists()


def test_checkout_shows_the_plan_on_get_and_refuses_other_methods(client):
    client.force_login(ReaderFactory())

    assert client.get(_checkout("digital")).status_code == 200
    assert client.put(_checkout("digital")).status_code == 405
    assert not Subscription.objects.exists()


def test_paid_up_subscriber_is_told_and_sent_back_to_the_plans(client):
    subscription = SubscriptionFactory(provider="development")
    before = subscription.current_period_end
    client.force_login(subscription.user)

    response = client.post(_checkout("digital-plus"))

    assert response.status_code == 302
    assert response.url == PLANS
    assert _messages(response) == [ALREADY_SUBSCRIBED]
    subscription.refresh_from_db()
    assert (subscription.plan.slug, subscription.current_period_end) == ("digital", before)


def test_cancelled_but_paid_subscriber_is_still_paid_up(client):
    subscription = SubscriptionFactory(status=SubscriptionStatus.CANCELLED)
    client.force_login(subscription.user)

    response = client.post(_checkout("digital"))

    assert _messages(response) == [ALREADY_SUBSCRIBED]


def test_past_due_subscriber_is_sent_to_fix_the_payment_not_to_pay_twice(client):
    subscription = SubscriptionFactory(status=SubscriptionStatus.PAST_DUE)
    client.force_login(subscription.user)

    response = client.post(_checkout("digital"), follow=True)

    doc = _doc(response)
    assert _text(doc.cssselect(".messages")[0]) == PAYMENT_OVERDUE
    assert "did not go through" in _text(doc.cssselect(".subscription-current")[0])
    assert not doc.cssselect(".plan form")
    assert doc.cssselect(f".subscription-current form[action='{BILLING}']")


def test_checkout_with_stripe_redirects_to_the_stripe_session(client, settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    plan_on_stripe()
    reader = ReaderFactory()
    client.force_login(reader)

    with mock.patch("stripe.StripeClient") as client_class:
        create = client_class.return_value.v1.checkout.sessions.create
        create.return_value = mock.Mock(url="https://checkout.stripe.com/c/pay/cs_test_9")
        response = client.post(_checkout("digital"))

    assert response.status_code == 302
    assert response.url == "https://checkout.stripe.com/c/pay/cs_test_9"
    params = create.call_args.kwargs["params"]
    assert params["metadata"]["plan_slug"] == "digital"
    assert params["line_items"] == [{"price": "price_digital", "quantity": 1}]
    assert params["success_url"] == "https://news.example" + WELCOME
    assert params["cancel_url"] == "https://news.example" + PLANS
    assert not Subscription.objects.exists()


def test_stripe_plan_without_a_price_shows_a_message_instead_of_an_error(client, settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"
    client.force_login(ReaderFactory())

    response = client.post(_checkout("digital"), follow=True)

    assert "cannot be bought online yet" in _text(_doc(response))


def test_checkout_refuses_the_development_provider_in_production(client, settings):
    settings.PRODUCTION = True
    reader = ReaderFactory()
    client.force_login(reader)
    client.raise_request_exception = False

    response = client.post(_checkout("digital"))

    assert response.status_code == 500
    assert not Subscription.objects.exists()


# --- Billing -------------------------------------------------------------------------------


def test_billing_with_the_development_provider_explains_there_is_no_portal(client):
    subscription = SubscriptionFactory(provider="development")
    client.force_login(subscription.user)

    response = client.post(BILLING, follow=True)

    doc = _doc(response)
    assert response.redirect_chain[-1][0].endswith(reverse("subscriptions:development-billing"))
    assert "There is no billing portal in development" in _text(doc)
    assert DEVELOPMENT_NOTICE in _text(doc)


def test_billing_with_stripe_redirects_to_the_customer_portal(client, settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    subscription = SubscriptionFactory(provider_customer_id="cus_77")
    client.force_login(subscription.user)

    with mock.patch("stripe.StripeClient") as client_class:
        create = client_class.return_value.v1.billing_portal.sessions.create
        create.return_value = mock.Mock(url="https://billing.stripe.com/p/session/x")
        response = client.post(BILLING)

    assert response.status_code == 302
    assert response.url == "https://billing.stripe.com/p/session/x"
    create.assert_called_once_with(
        params={"customer": "cus_77", "return_url": "https://news.example" + PLANS}
    )


def test_billing_without_a_subscription_says_so(client):
    client.force_login(ReaderFactory())

    response = client.post(BILLING)

    assert response.url == PLANS
    assert _messages(response) == [NO_SUBSCRIPTION_TO_MANAGE]


def test_billing_for_anonymous_readers_asks_them_to_sign_in(client):
    response = client.post(BILLING)

    assert response.url.startswith(reverse("account_login"))


def test_development_billing_page_does_not_exist_with_stripe(client, settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"

    assert client.get(reverse("subscriptions:development-billing")).status_code == 404
