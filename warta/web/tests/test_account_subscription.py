"""The account page's subscription section: a subscriber cancels or changes plan from it."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.tests.factories import SubscriptionFactory, default_plans

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

ACCOUNT = "/account/"
CANCEL = reverse("subscriptions:cancel")
CHANGE_PLAN = reverse("subscriptions:change-plan")
SECTION = ".account-section:has(#account-subscription)"


@pytest.fixture(autouse=True)
def _development_payments(settings):
    settings.WARTA_PAYMENT_PROVIDER = "development"
    settings.PRODUCTION = False


def _section(client: Client):
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode()).cssselect(SECTION)[0]


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _signed_in(subscription) -> Client:
    client = Client()
    client.force_login(subscription.user)
    return client


def test_a_development_subscriber_changes_plan_from_the_account_page():
    default_plans()
    client = _signed_in(SubscriptionFactory(provider="development"))

    section = _section(client)
    (form,) = section.cssselect(f"form[method=post][action='{CHANGE_PLAN}']")
    options = [option.get("value") for option in form.cssselect("select[name=plan] option")]
    assert options == ["digital-plus"]  # the plans on offer but the current one
    assert form.cssselect("label[for]") and form.cssselect("input[name=csrfmiddlewaretoken]")

    page = client.post(CHANGE_PLAN, {"plan": "digital-plus"}, follow=True)

    doc = lxml_html.fromstring(page.content.decode())
    assert "Your plan is now Digital Plus." in _text(doc.cssselect(".messages")[0])
    assert "Digital Plus" in _text(doc.cssselect(f"{SECTION} dl")[0])


def test_a_development_subscriber_cancels_from_the_account_page_and_keeps_reading():
    client = _signed_in(SubscriptionFactory(provider="development"))
    section = _section(client)
    (form,) = section.cssselect(f"form[method=post][action='{CANCEL}']")
    assert "Cancel subscription" in _text(form)

    page = client.post(CANCEL, follow=True)

    doc = lxml_html.fromstring(page.content.decode())
    assert "it will not renew" in _text(doc.cssselect(".messages")[0])
    section = doc.cssselect(SECTION)[0]
    assert "Cancelled: it will not renew" in _text(section.cssselect("dl")[0])
    assert not section.cssselect(f"form[action='{CANCEL}']")  # nothing left to cancel


def test_a_stripe_subscriber_is_offered_the_portal_to_cancel_or_change_plan(settings):
    settings.WARTA_PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    default_plans()
    client = _signed_in(SubscriptionFactory(provider_customer_id="cus_1"))

    section = _section(client)

    (change,) = section.cssselect(f"form[method=post][action='{CHANGE_PLAN}']")
    assert not change.cssselect("select")  # the reader picks the plan on Stripe's page
    assert section.cssselect(f"form[method=post][action='{CANCEL}']")
    with mock.patch("stripe.StripeClient") as client_class:
        create = client_class.return_value.v1.billing_portal.sessions.create
        create.return_value = mock.Mock(url="https://billing.stripe.com/p/session/y")
        assert client.post(CANCEL).url == "https://billing.stripe.com/p/session/y"


def test_a_lapsed_subscription_offers_neither_cancel_nor_change():
    client = _signed_in(
        SubscriptionFactory(
            provider="development",
            status=SubscriptionStatus.EXPIRED,
            current_period_end=timezone.now() - timedelta(days=2),
        )
    )

    section = _section(client)

    assert not section.cssselect(f"form[action='{CANCEL}']")
    assert not section.cssselect(f"form[action='{CHANGE_PLAN}']")
    assert section.cssselect("a[href='/subscribe/']")
