"""Reader pages for subscribing, and Stripe's webhook. Thin: selectors read, providers write.

Every page here is personal (it knows who is subscribed), so none is kept by a shared cache.
"""

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

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
from django.utils.dateformat import format as date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from warta.accounts.attribution import attribution_read
from warta.accounts.models import User

from .models import Plan, SubscriptionStatus
from .providers.base import PaymentProviderError, SubscriptionChange, provider_get
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
CHOOSE_A_PLAN_FIRST = "Choose a plan first: there is no subscription to manage yet."
SUBSCRIPTION_CANCELLED = (
    "Your subscription is cancelled: it will not renew, and you keep reading until {date}."
)
ALREADY_CANCELLED = "Your subscription is already cancelled: it will not renew."
PLAN_CHANGED = "Your plan is now {plan}."
CHOOSE_A_NEW_PLAN = "Choose the plan you want to change to."
SAME_PLAN = "You already subscribe to {plan}."
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


def _sign_in_first(request: HttpRequest, *, then: str | None = None) -> HttpResponse:
    """To the sign-in page, and back to ``then`` (the plans) afterwards: a plan chosen before
    signing in is still chosen after it (allauth keeps ``next`` through sign-up too)."""
    messages.info(request, SIGN_IN_TO_SUBSCRIBE)
    return redirect_to_login(then or reverse("subscriptions:plans"))


def _day(moment) -> str:
    """A date as the account page says it, in the newsroom's time zone."""
    return date_format(moment.astimezone(ZoneInfo(settings.WARTA_TIME_ZONE)), "j F Y")


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


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def checkout(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the chosen plan, one button away from paying (where signing in comes back to).
    POST: start the provider's checkout."""
    reader = _reader(request)
    if reader is None:
        return _sign_in_first(request, then=reverse("subscriptions:checkout", args=[slug]))
    plan = plan_get_offered(slug=slug)
    if plan is None:
        if request.method == "POST":
            raise Http404(NO_SUCH_PLAN)
        messages.info(request, NO_SUCH_PLAN)  # e.g. withdrawn while the reader signed in
        return redirect("subscriptions:plans")
    refusal = _checkout_refusal(_entitlement(reader))
    if refusal is not None:
        messages.info(request, refusal)
        return redirect("subscriptions:plans")
    if request.method != "POST":
        return _checkout_page(request, plan)
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


def _checkout_page(request: HttpRequest, plan: Plan) -> HttpResponse:
    return render(
        request,
        "subscriptions/checkout.html",
        {
            "plan": plan,
            "provider_notice": provider_get().notice,
            "page_title": f"Subscribe to {plan.name}",
        },
    )


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


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def billing(request: HttpRequest) -> HttpResponse:
    """POST: to the provider's billing portal. GET (a bookmark, a reload): a page that says what
    to do here, rather than a bare "method not allowed"."""
    if request.method != "POST":
        return _billing_page(request)
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


def _billing_page(request: HttpRequest) -> HttpResponse:
    reader = _reader(request)
    return render(
        request,
        "subscriptions/billing.html",
        {
            "entitlement": _entitlement(reader),
            "has_subscription": reader is not None
            and subscription_for_user(user=reader) is not None,
            "choose_a_plan_first": CHOOSE_A_PLAN_FIRST,
            "provider_notice": provider_get().notice,
            "page_title": "Billing",
        },
    )


def _change_refusal(request: HttpRequest, entitlement: Entitlement) -> HttpResponse | None:
    """Where to send a reader who has no paid-up subscription to cancel or change (None: go on)."""
    if entitlement.status == SubscriptionStatus.PAST_DUE:
        messages.info(request, PAYMENT_OVERDUE)
        return redirect("web:account")
    if not entitlement.paid_up:
        messages.info(request, NO_SUBSCRIPTION_TO_MANAGE)
        return redirect("subscriptions:plans")
    return None


def _provider_change(request: HttpRequest, change: Callable[[], SubscriptionChange], done: str):
    try:
        result = change()
    except PaymentProviderError as exc:
        messages.error(request, str(exc))
        return redirect("web:account")
    if result.done:
        messages.success(request, done)
        return redirect("web:account")
    return HttpResponseRedirect(result.redirect_url)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest) -> HttpResponse:
    """Cancel the subscription: the development provider at once, Stripe in its portal.

    GET has nothing to show: the account page holds the button."""
    if request.method != "POST":
        return redirect("web:account")
    reader = _reader(request)
    if reader is None:
        return redirect_to_login(reverse("web:account"))
    entitlement = _entitlement(reader)
    refusal = _change_refusal(request, entitlement)
    if refusal is not None:
        return refusal
    provider = provider_get()
    if entitlement.status == SubscriptionStatus.CANCELLED and provider.plans_chosen_here:
        messages.info(request, ALREADY_CANCELLED)
        return redirect("web:account")
    assert entitlement.paid_until is not None  # paid up
    return _provider_change(
        request,
        lambda: provider.cancel(user=reader, return_url=_absolute("web:account")),
        SUBSCRIPTION_CANCELLED.format(date=_day(entitlement.paid_until)),
    )


def _plan_change_problem(*, slug: str, plan: Plan | None, current: Plan | None) -> str | None:
    """Why the plan asked for cannot be changed to (None: it can)."""
    if not slug:
        return CHOOSE_A_NEW_PLAN
    if plan is None:
        return NO_SUCH_PLAN
    if plan == current:
        return SAME_PLAN.format(plan=plan.name)
    return None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def change_plan(request: HttpRequest) -> HttpResponse:
    """Change plan: with the development provider to the plan chosen on the account page, at
    once; with Stripe in its portal, where the reader chooses. GET: see ``cancel``."""
    if request.method != "POST":
        return redirect("web:account")
    reader = _reader(request)
    if reader is None:
        return redirect_to_login(reverse("web:account"))
    entitlement = _entitlement(reader)
    refusal = _change_refusal(request, entitlement)
    if refusal is not None:
        return refusal
    provider = provider_get()
    plan: Plan | None = None
    if provider.plans_chosen_here:
        slug = request.POST.get("plan", "").strip()
        plan = plan_get_offered(slug=slug) if slug else None
        problem = _plan_change_problem(slug=slug, plan=plan, current=entitlement.plan)
        if problem is not None:
            messages.info(request, problem)
            return redirect("web:account")
    chosen = plan
    return _provider_change(
        request,
        lambda: provider.change_plan(user=reader, plan=chosen, return_url=_absolute("web:account")),
        PLAN_CHANGED.format(plan=chosen.name if chosen else ""),
    )


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
