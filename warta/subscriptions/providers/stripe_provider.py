"""Stripe: Checkout in subscription mode, and Stripe's customer portal for billing.

Checkout only starts the payment. The subscription is written when Stripe's webhook reports it
(``stripe_webhook``), so the Checkout Session carries everything the webhook needs to act
without calling Stripe back: the reader (``client_reference_id``) and the plan (``plan_slug`` in
the metadata, on the session and on the subscription it creates).
"""

import logging
from typing import Any, cast

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from stripe.params import billing_portal as portal_params
from stripe.params import checkout as checkout_params

from warta.accounts.models import User

from ..models import Plan, Subscription
from ..selectors import subscription_for_user
from .base import CheckoutStart, PaymentProviderError, SubscriptionChange

logger = logging.getLogger(__name__)

STRIPE_NOT_CONFIGURED = "STRIPE_SECRET_KEY is not set: the Stripe payment provider cannot work."
PLAN_NOT_FOR_SALE = "This plan cannot be bought online yet. Please try again later."
PROVIDER_UNAVAILABLE = (
    "We could not reach the payment service. Nothing was charged; please try again in a minute."
)
NO_BILLING_ACCOUNT = (
    "There is no Stripe billing account for your subscription, so there is nothing to manage "
    "online. Please contact us."
)


def checkout_session_params(
    *,
    user: User,
    plan: Plan,
    success_url: str,
    cancel_url: str,
    customer_id: str = "",
    source: str = "",
) -> checkout_params.SessionCreateParams:
    """The Checkout Session for ``user`` buying ``plan`` (pure: no call to Stripe)."""
    metadata = {"plan_slug": plan.slug, "user_id": str(user.pk)}
    if source:
        metadata["source"] = source
    params: checkout_params.SessionCreateParams = {
        "mode": "subscription",
        "line_items": [{"price": plan.stripe_price_id, "quantity": 1}],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": str(user.pk),
        "metadata": metadata,
        "subscription_data": {"metadata": dict(metadata)},
    }
    # Stripe takes one or the other: a returning subscriber keeps their customer (and cards).
    if customer_id:
        params["customer"] = customer_id
    elif user.email:
        params["customer_email"] = user.email
    return params


class StripeProvider:
    name = "stripe"
    plans_chosen_here = False
    notice = ""

    def __init__(self, *, client: stripe.StripeClient | None = None) -> None:
        self._client = client

    @property
    def client(self) -> stripe.StripeClient:
        if self._client is None:
            if not settings.STRIPE_SECRET_KEY:
                raise ImproperlyConfigured(STRIPE_NOT_CONFIGURED)
            self._client = stripe.StripeClient(settings.STRIPE_SECRET_KEY)
        return self._client

    def start_checkout(
        self, *, user: User, plan: Plan, success_url: str, cancel_url: str, source: str = ""
    ) -> CheckoutStart:
        if not plan.stripe_price_id:
            raise PaymentProviderError(PLAN_NOT_FOR_SALE)
        current = subscription_for_user(user=user)
        customer_id = (
            current.provider_customer_id if current and current.provider == self.name else ""
        )
        params = checkout_session_params(
            user=user,
            plan=plan,
            success_url=success_url,
            cancel_url=cancel_url,
            customer_id=customer_id,
            source=source,
        )
        try:
            session = self.client.v1.checkout.sessions.create(params=params)
        except stripe.StripeError as exc:
            logger.warning("Stripe Checkout failed for plan %s: %s", plan.slug, exc)
            raise PaymentProviderError(PROVIDER_UNAVAILABLE) from exc
        if not session.url:
            raise PaymentProviderError(PROVIDER_UNAVAILABLE)
        return CheckoutStart(redirect_url=session.url)

    def portal_url(self, *, user: User, return_url: str) -> str:
        current = subscription_for_user(user=user)
        if current is None or current.provider != self.name or not current.provider_customer_id:
            raise PaymentProviderError(NO_BILLING_ACCOUNT)
        params: portal_params.SessionCreateParams = {
            "customer": current.provider_customer_id,
            "return_url": return_url,
        }
        return self._portal_session_url(user=user, params=params)

    def cancel(self, *, user: User, return_url: str) -> SubscriptionChange:
        """The portal's own cancellation page for this subscription; its webhook records it."""
        return self._portal_flow(user=user, return_url=return_url, flow="subscription_cancel")

    def change_plan(self, *, user: User, plan: Plan | None, return_url: str) -> SubscriptionChange:
        """The portal's page for choosing another plan (the reader picks it there; ``plan`` is
        not used); its webhook records the new price's plan."""
        return self._portal_flow(user=user, return_url=return_url, flow="subscription_update")

    def _portal_flow(self, *, user: User, return_url: str, flow: str) -> SubscriptionChange:
        """A portal session that opens on one flow for the reader's subscription."""
        current = self._stripe_subscription(user=user)
        flow_data: dict[str, Any] = {
            "type": flow,
            flow: {"subscription": current.provider_subscription_id},
            "after_completion": {"type": "redirect", "redirect": {"return_url": return_url}},
        }
        params = cast(
            portal_params.SessionCreateParams,
            {
                "customer": current.provider_customer_id,
                "return_url": return_url,
                "flow_data": flow_data,
            },
        )
        return SubscriptionChange(
            done=False, redirect_url=self._portal_session_url(user=user, params=params)
        )

    def _stripe_subscription(self, *, user: User) -> Subscription:
        current = subscription_for_user(user=user)
        if (
            current is None
            or current.provider != self.name
            or not current.provider_customer_id
            or not current.provider_subscription_id
        ):
            raise PaymentProviderError(NO_BILLING_ACCOUNT)
        return current

    def _portal_session_url(self, *, user: User, params: portal_params.SessionCreateParams) -> str:
        try:
            session = self.client.v1.billing_portal.sessions.create(params=params)
        except stripe.StripeError as exc:
            logger.warning("Stripe billing portal failed for user %s: %s", user.pk, exc)
            raise PaymentProviderError(PROVIDER_UNAVAILABLE) from exc
        return session.url
