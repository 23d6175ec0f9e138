"""Payment providers: the development one activates at once; Stripe's is asked, never reached."""

from datetime import timedelta
from unittest import mock

import pytest
import stripe
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from warta.subscriptions.models import Subscription, SubscriptionStatus
from warta.subscriptions.providers.base import (
    UNKNOWN_PROVIDER,
    CheckoutStart,
    PaymentProviderError,
    provider_get,
)
from warta.subscriptions.providers.development import (
    DEVELOPMENT_NOTICE,
    DEVELOPMENT_REFUSED,
    DevelopmentProvider,
)
from warta.subscriptions.providers.stripe_provider import (
    NO_BILLING_ACCOUNT,
    PLAN_NOT_FOR_SALE,
    PROVIDER_UNAVAILABLE,
    STRIPE_NOT_CONFIGURED,
    StripeProvider,
)

from .factories import PlanFactory, ReaderFactory, SubscriptionFactory, plan_on_stripe

pytestmark = pytest.mark.django_db

SUCCESS = "https://news.example/subscribe/welcome/"
CANCEL = "https://news.example/subscribe/"


def _stripe_client(url: str = "https://checkout.stripe.com/c/pay/cs_test_1") -> mock.Mock:
    client = mock.Mock(spec_set=["v1"])
    client.v1.checkout.sessions.create.return_value = mock.Mock(url=url, id="cs_test_1")
    client.v1.billing_portal.sessions.create.return_value = mock.Mock(
        url="https://billing.stripe.com/p/session/test_1"
    )
    return client


@pytest.mark.parametrize(
    ("name", "kind"), [("development", DevelopmentProvider), ("stripe", StripeProvider)]
)
def test_provider_get_returns_the_configured_provider(settings, name, kind):
    settings.WARTA_PAYMENT_PROVIDER = name

    provider = provider_get()

    assert isinstance(provider, kind)
    assert provider.name == name


def test_provider_get_names_the_choices_for_an_unknown_provider(settings):
    settings.WARTA_PAYMENT_PROVIDER = "paypal"

    with pytest.raises(ImproperlyConfigured) as error:
        provider_get()

    assert str(error.value) == UNKNOWN_PROVIDER.format(name="paypal", known="development, stripe")


def test_development_provider_activates_for_one_month_at_once_and_returns_the_success_url():
    reader = ReaderFactory()
    plan = PlanFactory()

    start = DevelopmentProvider().start_checkout(
        user=reader, plan=plan, success_url=SUCCESS, cancel_url=CANCEL
    )

    assert start == CheckoutStart(redirect_url=SUCCESS)
    subscription = Subscription.objects.get(user=reader)
    assert (subscription.plan, subscription.status) == (plan, SubscriptionStatus.ACTIVE)
    assert subscription.provider == "development"
    assert (
        timedelta(days=27) < subscription.current_period_end - timezone.now() < timedelta(days=32)
    )


def test_development_provider_gives_a_yearly_plan_a_year():
    reader = ReaderFactory()
    plan = PlanFactory(slug="yearly", name="Yearly", period="year")

    DevelopmentProvider().start_checkout(
        user=reader, plan=plan, success_url=SUCCESS, cancel_url=CANCEL
    )

    period = Subscription.objects.get(user=reader).current_period_end - timezone.now()
    assert timedelta(days=364) < period < timedelta(days=367)


def test_development_provider_says_no_money_is_taken():
    assert DevelopmentProvider().notice == DEVELOPMENT_NOTICE
    assert "no money is taken" in DEVELOPMENT_NOTICE


def test_development_provider_refuses_in_production(settings):
    settings.WARTA_PAYMENT_PROVIDER = "development"
    settings.PRODUCTION = True

    with pytest.raises(ImproperlyConfigured, match=DEVELOPMENT_REFUSED):
        provider_get()


def test_development_provider_made_before_production_still_refuses_to_activate(settings):
    provider = DevelopmentProvider()
    settings.PRODUCTION = True

    with pytest.raises(ImproperlyConfigured, match=DEVELOPMENT_REFUSED):
        provider.start_checkout(
            user=ReaderFactory(), plan=PlanFactory(), success_url=SUCCESS, cancel_url=CANCEL
        )

    assert not Subscription.objects.exists()


def test_stripe_checkout_creates_a_subscription_session_for_the_plans_price():
    reader = ReaderFactory(email="siti@readers.example")
    plan = plan_on_stripe(slug="digital-plus", price_id="price_plus")
    client = _stripe_client()

    start = StripeProvider(client=client).start_checkout(
        user=reader, plan=plan, success_url=SUCCESS, cancel_url=CANCEL
    )

    assert start.redirect_url == "https://checkout.stripe.com/c/pay/cs_test_1"
    metadata = {"plan_slug": "digital-plus", "user_id": str(reader.pk)}
    client.v1.checkout.sessions.create.assert_called_once_with(
        params={
            "mode": "subscription",
            "line_items": [{"price": "price_plus", "quantity": 1}],
            "success_url": SUCCESS,
            "cancel_url": CANCEL,
            "client_reference_id": str(reader.pk),
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
            "customer_email": "siti@readers.example",
        }
    )
    assert not Subscription.objects.exists()  # the webhook writes it, once Stripe is paid


def test_stripe_checkout_reuses_a_returning_subscribers_customer():
    old = SubscriptionFactory(
        status=SubscriptionStatus.EXPIRED,
        provider_customer_id="cus_back",
        current_period_end=timezone.now() - timedelta(days=3),
    )
    plan = plan_on_stripe()
    client = _stripe_client()

    StripeProvider(client=client).start_checkout(
        user=old.user, plan=plan, success_url=SUCCESS, cancel_url=CANCEL
    )

    params = client.v1.checkout.sessions.create.call_args.kwargs["params"]
    assert params["customer"] == "cus_back"
    assert "customer_email" not in params


def test_stripe_checkout_refuses_a_plan_without_a_stripe_price():
    client = _stripe_client()

    with pytest.raises(PaymentProviderError, match=PLAN_NOT_FOR_SALE):
        StripeProvider(client=client).start_checkout(
            user=ReaderFactory(),
            plan=PlanFactory(stripe_price_id=""),
            success_url=SUCCESS,
            cancel_url=CANCEL,
        )

    client.v1.checkout.sessions.create.assert_not_called()


def test_stripe_failure_becomes_a_message_for_the_reader():
    client = _stripe_client()
    client.v1.checkout.sessions.create.side_effect = stripe.APIConnectionError("no route")

    with pytest.raises(PaymentProviderError, match=PROVIDER_UNAVAILABLE):
        StripeProvider(client=client).start_checkout(
            user=ReaderFactory(),
            plan=plan_on_stripe(),
            success_url=SUCCESS,
            cancel_url=CANCEL,
        )


def test_stripe_portal_opens_for_the_subscribers_customer():
    subscription = SubscriptionFactory(provider_customer_id="cus_42")
    client = _stripe_client()

    url = StripeProvider(client=client).portal_url(user=subscription.user, return_url=CANCEL)

    assert url == "https://billing.stripe.com/p/session/test_1"
    client.v1.billing_portal.sessions.create.assert_called_once_with(
        params={"customer": "cus_42", "return_url": CANCEL}
    )


def test_stripe_portal_needs_a_stripe_customer():
    subscription = SubscriptionFactory(provider="development", provider_customer_id="")

    with pytest.raises(PaymentProviderError, match=NO_BILLING_ACCOUNT):
        StripeProvider(client=_stripe_client()).portal_url(
            user=subscription.user, return_url=CANCEL
        )


def test_stripe_provider_without_a_secret_key_says_so(settings):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(ImproperlyConfigured, match=STRIPE_NOT_CONFIGURED):
        StripeProvider().start_checkout(
            user=ReaderFactory(),
            plan=plan_on_stripe(),
            success_url=SUCCESS,
            cancel_url=CANCEL,
        )


def test_stripe_provider_builds_its_client_from_the_secret_key(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"

    with mock.patch("stripe.StripeClient") as client_class:
        client_class.return_value = _stripe_client()
        StripeProvider().start_checkout(
            user=ReaderFactory(),
            plan=plan_on_stripe(),
            success_url=SUCCESS,
            cancel_url=CANCEL,
        )

    client_class.assert_called_once_with("sk_test_123")
