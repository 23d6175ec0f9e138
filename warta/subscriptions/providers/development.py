"""The development provider: subscribing activates at once and no money is taken.

It exists so the demo works offline, and it is refused whenever ``settings.PRODUCTION`` is true
(settings refuse it at start-up too; this is the second lock on the same door).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from warta.accounts.models import User

from ..models import Plan
from ..periods import period_end_after
from ..services import subscription_cancel, subscription_change_plan, subscription_start
from .base import CheckoutStart, PaymentProviderError, SubscriptionChange

DEVELOPMENT_NOTICE = "Development payments: no money is taken."
DEVELOPMENT_REFUSED = (
    "The development payment provider is refused in production: "
    'set WARTA_PAYMENT_PROVIDER="stripe".'
)
NOTHING_TO_CHANGE = "You have no active subscription to change."


def _refuse_in_production() -> None:
    if settings.PRODUCTION:
        raise ImproperlyConfigured(DEVELOPMENT_REFUSED)


class DevelopmentProvider:
    name = "development"
    notice = DEVELOPMENT_NOTICE
    plans_chosen_here = True

    def __init__(self) -> None:
        _refuse_in_production()

    def start_checkout(
        self, *, user: User, plan: Plan, success_url: str, cancel_url: str, source: str = ""
    ) -> CheckoutStart:
        """Subscribe ``user`` to ``plan`` for one period from now, and go straight to thanks."""
        _refuse_in_production()
        now = timezone.now()
        subscription_start(
            user=user,
            plan=plan,
            provider=self.name,
            period_end=period_end_after(start=now, period=plan.period),
            event_time=now,
            source=source,
        )
        return CheckoutStart(redirect_url=success_url)

    def portal_url(self, *, user: User, return_url: str) -> str:
        """There is no billing portal: a page of this site that says so."""
        _refuse_in_production()
        return reverse("subscriptions:development-billing")

    def cancel(self, *, user: User, return_url: str) -> SubscriptionChange:
        """Cancel at once: no renewal, still paid up until the period end."""
        _refuse_in_production()
        if subscription_cancel(user=user, event_time=timezone.now()) is None:
            raise PaymentProviderError(NOTHING_TO_CHANGE)
        return SubscriptionChange(done=True)

    def change_plan(self, *, user: User, plan: Plan | None, return_url: str) -> SubscriptionChange:
        """Move to ``plan`` at once, for the period already paid (no money moves here)."""
        _refuse_in_production()
        if plan is None:
            raise PaymentProviderError(NOTHING_TO_CHANGE)
        if subscription_change_plan(user=user, plan=plan, event_time=timezone.now()) is None:
            raise PaymentProviderError(NOTHING_TO_CHANGE)
        return SubscriptionChange(done=True)
