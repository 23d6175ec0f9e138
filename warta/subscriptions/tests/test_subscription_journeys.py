"""A reader's way through subscribing: the plan chosen before signing in is still chosen after,
a page for whoever opens the billing address, and a subscriber cancelling or changing plan."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from warta.subscriptions.models import Subscription, SubscriptionStatus
from warta.subscriptions.providers.base import PaymentProviderError
from warta.subscriptions.providers.stripe_provider import NO_BILLING_ACCOUNT, StripeProvider
from warta.subscriptions.views import (
    ALREADY_SUBSCRIBED,
    CHOOSE_A_PLAN_FIRST,
    NO_SUBSCRIPTION_TO_MANAGE,
    NO_SUCH_PLAN,
    PLAN_CHANGED,
    SIGN_IN_TO_SUBSCRIBE,
    SUBSCRIPTION_CANCELLED,
)

from .factories import ReaderFactory, SubscriptionFactory, default_plans, plan_on_stripe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

PLANS = reverse("subscriptions:plans")
BILLING = reverse("subscriptions:billing")
CANCEL = reverse("subscriptions:cancel")
CHANGE_PLAN = reverse("subscriptions:change-plan")
PASSWORD = "a-long-reader-password"


@pytest.fixture(autouse=True)
def _development_payments(settings):
    settings.WARTA_PAYMENT_PROVIDER = "development"
    settings.PRODUCTION = False


@pytest.fixture
def stripe_on(settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_123"


def _checkout(slug: str) -> str:
    return reverse("subscriptions:checkout", args=[slug])


def _doc(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The plan chosen before signing in -----------------------------------------------------


def test_choosing_a_plan_before_signing_in_comes_back_to_that_plans_checkout():
    default_plans()
    reader = ReaderFactory()
    browser = Client()

    to_sign_in = browser.post(_checkout("digital-plus"))

    assert to_sign_in.status_code == 302
    assert to_sign_in.url == f"{reverse('account_login')}?next={_checkout('digital-plus')}"
    assert _messages(to_sign_in) == [SIGN_IN_TO_SUBSCRIBE]
    sign_in_page = _doc(browser.get(to_sign_in.url))
    next_field = sign_in_page.cssselect("form input[name=next]")[0]
    assert next_field.get("value") == _checkout("digital-plus")
    signed_in = browser.post(
        to_sign_in.url,
        {"login": reader.email, "password": PASSWORD, "next": next_field.get("value")},
    )
    assert signed_in.url == _checkout("digital-plus")

    doc = _doc(browser.get(signed_in.url))

    assert "Digital Plus" in _text(doc.cssselect("h1")[0])
    (form,) = doc.cssselect(f"form[method=post][action='{_checkout('digital-plus')}']")
    assert form.cssselect("input[name=csrfmiddlewaretoken]")
    assert not Subscription.objects.exists()  # nothing bought until the reader says so
    browser.post(_checkout("digital-plus"))
    assert Subscription.objects.get(user=reader).plan.slug == "digital-plus"


def test_signing_up_on_the_way_keeps_the_chosen_plan_too(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    default_plans()
    browser = Client()
    to_sign_in = browser.post(_checkout("digital-plus"))
    sign_up_link = _doc(browser.get(to_sign_in.url)).cssselect(".form-aside a")[0].get("href")

    signed_up = browser.post(
        sign_up_link,
        {
            "email": "siti@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "next": _checkout("digital-plus"),
        },
    )

    assert signed_up.url == _checkout("digital-plus")
    assert "Digital Plus" in _text(_doc(browser.get(signed_up.url)).cssselect("h1")[0])


def test_checkout_page_for_an_anonymous_reader_asks_to_sign_in_first(client):
    default_plans()

    response = client.get(_checkout("digital"))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={_checkout('digital')}"


def test_checkout_page_of_a_plan_no_longer_on_offer_says_so(client):
    client.force_login(ReaderFactory())

    response = client.get(_checkout("no-such-plan"))

    assert response.url == PLANS
    assert _messages(response) == [NO_SUCH_PLAN]


def test_checkout_page_for_a_subscriber_sends_them_to_the_plans(client):
    subscription = SubscriptionFactory(provider="development")
    client.force_login(subscription.user)

    response = client.get(_checkout("digital"))

    assert response.url == PLANS
    assert _messages(response) == [ALREADY_SUBSCRIBED]


# --- GET on the billing address ------------------------------------------------------------


def test_billing_page_without_a_subscription_says_to_choose_a_plan_first(client):
    client.force_login(ReaderFactory())

    doc = _doc(client.get(BILLING))

    assert CHOOSE_A_PLAN_FIRST in _text(doc)
    assert doc.cssselect(f"main a[href='{PLANS}']")


def test_billing_page_for_anonymous_readers_says_to_choose_a_plan_first(client):
    doc = _doc(client.get(BILLING))

    assert CHOOSE_A_PLAN_FIRST in _text(doc)
    assert doc.cssselect(f"main a[href='{PLANS}']")


def test_billing_page_for_a_subscriber_offers_manage_billing(client):
    subscription = SubscriptionFactory(provider="development")
    client.force_login(subscription.user)

    doc = _doc(client.get(BILLING))

    assert doc.cssselect(f"main form[method=post][action='{BILLING}'] button")
    assert CHOOSE_A_PLAN_FIRST not in _text(doc)


def test_billing_page_is_private(client):
    response = client.get(BILLING)

    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


# --- Cancelling and changing plan, development provider ------------------------------------


def test_development_subscriber_cancels_at_once_and_keeps_reading_until_the_period_end(client):
    subscription = SubscriptionFactory(provider="development")
    period_end = subscription.current_period_end
    client.force_login(subscription.user)

    response = client.post(CANCEL)

    assert response.url == reverse("web:account")
    assert _messages(response) == [SUBSCRIPTION_CANCELLED.format(date=_day(period_end))]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.current_period_end == period_end


def test_development_subscriber_changes_plan_at_once(client):
    _, plus = default_plans()
    subscription = SubscriptionFactory(provider="development")
    period_end = subscription.current_period_end
    client.force_login(subscription.user)

    response = client.post(CHANGE_PLAN, {"plan": "digital-plus"})

    assert response.url == reverse("web:account")
    assert _messages(response) == [PLAN_CHANGED.format(plan="Digital Plus")]
    subscription.refresh_from_db()
    assert subscription.plan == plus
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.current_period_end == period_end


@pytest.mark.parametrize("plan", ["", "no-such-plan", "digital"])
def test_changing_to_no_plan_an_unknown_one_or_the_same_one_says_so(client, plan):
    default_plans()
    subscription = SubscriptionFactory(provider="development")
    client.force_login(subscription.user)

    response = client.post(CHANGE_PLAN, {"plan": plan})

    assert response.status_code == 302
    assert response.url == reverse("web:account")
    assert len(_messages(response)) == 1
    subscription.refresh_from_db()
    assert subscription.plan.slug == "digital"


def test_cancelling_without_a_subscription_says_so(client):
    client.force_login(ReaderFactory())

    response = client.post(CANCEL)

    assert response.url == PLANS
    assert _messages(response) == [NO_SUBSCRIPTION_TO_MANAGE]


def test_cancelling_a_lapsed_subscription_says_there_is_nothing_to_cancel(client):
    subscription = SubscriptionFactory(
        provider="development",
        status=SubscriptionStatus.EXPIRED,
        current_period_end=timezone.now() - timedelta(days=3),
    )
    client.force_login(subscription.user)

    response = client.post(CANCEL)

    assert response.url == PLANS
    assert _messages(response) == [NO_SUBSCRIPTION_TO_MANAGE]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.EXPIRED


def test_cancel_and_change_plan_ask_anonymous_readers_to_sign_in(client):
    for url in (CANCEL, CHANGE_PLAN):
        response = client.post(url)
        assert response.url.startswith(reverse("account_login")), url


@pytest.mark.parametrize("url", [CANCEL, CHANGE_PLAN])
def test_cancel_and_change_plan_on_get_show_a_page_not_a_405(client, url):
    subscription = SubscriptionFactory(provider="development")
    client.force_login(subscription.user)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("web:account")
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE


# --- Cancelling and changing plan, Stripe (mocked: no network) -----------------------------


def test_stripe_subscriber_cancelling_goes_to_the_portals_cancel_page(client, stripe_on):
    subscription = SubscriptionFactory(
        provider_customer_id="cus_77", provider_subscription_id="sub_9"
    )
    client.force_login(subscription.user)

    with mock.patch("stripe.StripeClient") as client_class:
        create = client_class.return_value.v1.billing_portal.sessions.create
        create.return_value = mock.Mock(url="https://billing.stripe.com/p/session/cancel")
        response = client.post(CANCEL)

    assert response.status_code == 302
    assert response.url == "https://billing.stripe.com/p/session/cancel"
    params = create.call_args.kwargs["params"]
    assert params["customer"] == "cus_77"
    assert params["flow_data"]["type"] == "subscription_cancel"
    assert params["flow_data"]["subscription_cancel"] == {"subscription": "sub_9"}
    assert params["flow_data"]["after_completion"]["redirect"]["return_url"] == (
        "https://news.example" + reverse("web:account")
    )
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE  # Stripe's webhook will say


def test_stripe_subscriber_changing_plan_goes_to_the_portals_update_page(client, stripe_on):
    plan_on_stripe(slug="digital-plus", price_id="price_plus")
    subscription = SubscriptionFactory(
        provider_customer_id="cus_77", provider_subscription_id="sub_9"
    )
    client.force_login(subscription.user)

    with mock.patch("stripe.StripeClient") as client_class:
        create = client_class.return_value.v1.billing_portal.sessions.create
        create.return_value = mock.Mock(url="https://billing.stripe.com/p/session/update")
        response = client.post(CHANGE_PLAN)

    assert response.url == "https://billing.stripe.com/p/session/update"
    params = create.call_args.kwargs["params"]
    assert params["flow_data"]["type"] == "subscription_update"
    assert params["flow_data"]["subscription_update"] == {"subscription": "sub_9"}
    subscription.refresh_from_db()
    assert subscription.plan.slug == "digital"


def test_stripe_portal_unreachable_shows_a_message_not_an_error(client, stripe_on):
    import stripe

    subscription = SubscriptionFactory(
        provider_customer_id="cus_77", provider_subscription_id="sub_9"
    )
    client.force_login(subscription.user)

    with mock.patch("stripe.StripeClient") as client_class:
        create = client_class.return_value.v1.billing_portal.sessions.create
        create.side_effect = stripe.APIConnectionError("down")
        response = client.post(CANCEL)

    assert response.url == reverse("web:account")
    assert "could not reach the payment service" in _messages(response)[0]


def test_stripe_cancel_without_a_stripe_subscription_id_is_refused_plainly():
    subscription = SubscriptionFactory(provider_customer_id="cus_77", provider_subscription_id="")

    with pytest.raises(PaymentProviderError, match=NO_BILLING_ACCOUNT):
        StripeProvider(client=mock.Mock()).cancel(user=subscription.user, return_url="https://x")


def _day(moment) -> str:
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return f"{moment.astimezone(ZoneInfo(settings.WARTA_TIME_ZONE)):%-d %B %Y}"
