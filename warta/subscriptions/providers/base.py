"""What every payment provider offers, and the one place that picks the configured provider.

A provider starts a checkout (and says where to send the reader), opens a billing portal, and
cancels or changes a subscription's plan: at once (development) or on its own page (Stripe's
customer portal), where the reader confirms.
It never writes subscriptions itself: it calls ``warta.subscriptions.services``, at once
(development) or when the provider's webhook reports the payment (Stripe).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from warta.accounts.models import User

from ..models import Plan

UNKNOWN_PROVIDER = "WARTA_PAYMENT_PROVIDER={name!r} is not a payment provider; use one of: {known}."


@dataclass(frozen=True)
class CheckoutStart:
    """Where to send the reader to pay (or, when nothing is left to pay, the thank-you page)."""

    redirect_url: str


@dataclass(frozen=True)
class SubscriptionChange:
    """What asking for a cancellation or a plan change did: made it (``done``), or the
    provider's page where the reader makes it (``redirect_url``)."""

    done: bool
    redirect_url: str = ""  # when not done: where the reader makes the change


class PaymentProviderError(Exception):
    """The provider cannot do it now; the message is written for the reader."""


class PaymentProvider(Protocol):
    name: str
    # Shown on every payment page when the provider is not a real one; empty otherwise.
    notice: str
    # True: the reader picks the new plan on warta's account page; False: on the provider's.
    plans_chosen_here: bool

    def start_checkout(
        self, *, user: User, plan: Plan, success_url: str, cancel_url: str, source: str = ""
    ) -> CheckoutStart: ...

    def portal_url(self, *, user: User, return_url: str) -> str: ...

    def cancel(self, *, user: User, return_url: str) -> SubscriptionChange: ...

    def change_plan(
        self, *, user: User, plan: Plan | None, return_url: str
    ) -> SubscriptionChange: ...


def _development() -> PaymentProvider:
    from .development import DevelopmentProvider

    return DevelopmentProvider()


def _stripe() -> PaymentProvider:
    from .stripe_provider import StripeProvider

    return StripeProvider()


PROVIDERS: dict[str, Callable[[], PaymentProvider]] = {
    "development": _development,
    "stripe": _stripe,
}


def provider_get() -> PaymentProvider:
    """The provider named by ``settings.WARTA_PAYMENT_PROVIDER``."""
    name = settings.WARTA_PAYMENT_PROVIDER
    factory = PROVIDERS.get(name)
    if factory is None:
        raise ImproperlyConfigured(UNKNOWN_PROVIDER.format(name=name, known=", ".join(PROVIDERS)))
    return factory()
