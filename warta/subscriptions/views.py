"""Reader pages for subscribing, and Stripe's webhook. Thin: selectors read, providers write.

Every page here is personal (it knows who is subscribed), so none is kept by a shared cache.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from warta.accounts.attribution import attribution_read
from warta.accounts.models import User

from .models import SubscriptionStatus
from .providers.base import PaymentProviderError, provider_get
from .providers.stripe_events import WebhookRejected, stripe_event_verify
from .providers.stripe_webhook import stripe_event_handle
from .selectors import (
    NO_ENTITLEMENT,
    Entitlement,
    entitlement_for_user,
    plan_get_offered,
    plan_list_offered,
    subscription_for_user,
)

logger = logging.getLogger(__name__)

SIGN_IN_TO_SUBSCRIBE = "Sign in or create a free account first, then choose your plan."
NO_SUCH_PLAN = "There is no such plan on offer."
ALREADY_SUBSCRIBED = (
    "You are already subscribed. To change your plan or payment details, use Manage billing."
)
PAYMENT_OVERDUE = (
    "Your last payment did not go through. Update your payment details under Manage billing "
    "to keep reading."
)
NO_SUBSCRIPTION_TO_MANAGE = "You have no subscription to manage yet. Choose a plan below."
WEBHOOK_TOO_LARGE = "The body is too large for a Stripe event."


def _reader(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _entitlement(reader: User | None) -> Entitlement:
    return entitlement_for_user(user=reader, now=timezone.now()) if reader else NO_ENTITLEMENT


def _absolute(name: str) -> str:
    """Where a payment provider sends the reader back: the public origin, never the Host."""
    return settings.WARTA_BASE_URL + reverse(name)


def _checkout_refusal(entitlement: Entitlement) -> str | None:
    """Why this reader may not start a checkout now (None: they may)."""
    if entitlement.paid_up:
        return ALREADY_SUBSCRIBED
    if entitlement.status == SubscriptionStatus.PAST_DUE:
        return PAYMENT_OVERDUE  # a second subscription would not fix the first one's payment
    return None


def _sign_in_first(request: HttpRequest) -> HttpResponse:
    messages.info(request, SIGN_IN_TO_SUBSCRIBE)
    return redirect_to_login(reverse("subscriptions:plans"))


@never_cache
@require_safe
def plans(request: HttpRequest) -> HttpResponse:
    entitlement = _entitlement(_reader(request))
    return render(
        request,
        "subscriptions/plans.html",
        {
            "plans": plan_list_offered(),
            "entitlement": entitlement,
            "can_subscribe": _checkout_refusal(entitlement) is None,
            "provider_notice": provider_get().notice,
            "page_title": "Subscribe",
            "meta_description": "Subscription plans: every article, and premium articles to gift.",
            "canonical_url": _absolute("subscriptions:plans"),
        },
    )


@require_POST
def checkout(request: HttpRequest, slug: str) -> HttpResponse:
    reader = _reader(request)
    if reader is None:
        return _sign_in_first(request)
    plan = plan_get_offered(slug=slug)
    if plan is None:
        raise Http404(NO_SUCH_PLAN)
    refusal = _checkout_refusal(_entitlement(reader))
    if refusal is not None:
        messages.info(request, refusal)
        return redirect("subscriptions:plans")
    try:
        start = provider_get().start_checkout(
            user=reader,
            plan=plan,
            success_url=_absolute("subscriptions:welcome"),
            cancel_url=_absolute("subscriptions:plans"),
            source=attribution_read(request),
        )
    except PaymentProviderError as exc:
        messages.error(request, str(exc))
        return redirect("subscriptions:plans")
    return HttpResponseRedirect(start.redirect_url)


@never_cache
@require_safe
def welcome(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "subscriptions/welcome.html",
        {
            "entitlement": _entitlement(_reader(request)),
            "provider_notice": provider_get().notice,
            "page_title": "Thank you for subscribing",
        },
    )


@require_POST
def billing(request: HttpRequest) -> HttpResponse:
    reader = _reader(request)
    if reader is None:
        return _sign_in_first(request)
    if subscription_for_user(user=reader) is None:
        messages.info(request, NO_SUBSCRIPTION_TO_MANAGE)
        return redirect("subscriptions:plans")
    try:
        url = provider_get().portal_url(user=reader, return_url=_absolute("subscriptions:plans"))
    except PaymentProviderError as exc:
        messages.error(request, str(exc))
        return redirect("subscriptions:plans")
    return HttpResponseRedirect(url)


@never_cache
@require_safe
def development_billing(request: HttpRequest) -> HttpResponse:
    """Where "Manage billing" leads with the development provider: there is no portal."""
    provider = provider_get()
    if provider.name != "development":
        raise Http404("Only the development provider has this page.")
    return render(
        request,
        "subscriptions/development_billing.html",
        {
            "entitlement": _entitlement(_reader(request)),
            "provider_notice": provider.notice,
            "page_title": "Billing",
        },
    )


def _raw_body(request: HttpRequest) -> bytes | None:
    """The body's bytes exactly as sent (the signature covers them), or None when too large.

    Read from the stream rather than through the cached body attribute: this also caps the
    read, at Django's own limit for request bodies held in memory.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
    payload = request.read(limit + 1)
    return payload if len(payload) <= limit else None


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    payload = _raw_body(request)
    if payload is None:
        return HttpResponse(WEBHOOK_TOO_LARGE, status=413, content_type="text/plain")
    try:
        event = stripe_event_verify(
            payload=payload,
            signature_header=request.headers.get("Stripe-Signature"),
            secret=settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
    except WebhookRejected as exc:
        logger.warning("Stripe webhook refused: %s", exc)
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    result = stripe_event_handle(event=event)
    return HttpResponse(result.outcome, content_type="text/plain")
