"""The reader's account page: the web layer's, as it gathers the account, the subscription and
the gifts. Signing in and out, sign-up and passwords are allauth's."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from warta.accounts.forms import DisplayNameForm
from warta.accounts.models import User
from warta.accounts.selectors import email_verified
from warta.accounts.services import user_display_name_set
from warta.gifts.selectors import gift_allowance, gift_rows_for_gifter
from warta.subscriptions.models import Plan, SubscriptionStatus
from warta.subscriptions.providers.base import provider_get
from warta.subscriptions.selectors import Entitlement, entitlement_for_user, plan_list_offered

DISPLAY_NAME_SAVED = "Display name saved. Others now see you as “{name}”."
DISPLAY_NAME_REMOVED = "Display name removed. Others now see you as “{name}”."

# What a subscription's state means to the reader who holds it.
STATUS_WORDS: dict[str, str] = {
    SubscriptionStatus.ACTIVE: "Active",
    SubscriptionStatus.CANCELLED: "Cancelled: it will not renew",
    SubscriptionStatus.PAST_DUE: "Payment overdue",
    SubscriptionStatus.EXPIRED: "Ended",
}


@dataclass(frozen=True)
class SubscriptionSummary:
    plan_name: str
    status: str
    paid_until: datetime | None  # in the newsroom's time zone
    paid_until_date: date | None  # the calendar day there, for people to read
    paid_up: bool


def subscription_summary(*, entitlement: Entitlement) -> SubscriptionSummary | None:
    if entitlement.plan is None:
        return None
    paid_until = (
        entitlement.paid_until.astimezone(ZoneInfo(settings.WARTA_TIME_ZONE))
        if entitlement.paid_until
        else None
    )
    status = STATUS_WORDS.get(entitlement.status, entitlement.status.replace("_", " ").capitalize())
    if entitlement.lapsed:
        status = STATUS_WORDS[SubscriptionStatus.EXPIRED]
    return SubscriptionSummary(
        plan_name=entitlement.plan.name,
        status=status,
        paid_until=paid_until,
        paid_until_date=paid_until.date() if paid_until else None,
        paid_up=entitlement.paid_up,
    )


@dataclass(frozen=True)
class SubscriptionActions:
    """What a subscriber may do from the account page: cancel, change plan (to one of
    ``plan_choices`` here, or on the payment provider's own page when it chooses)."""

    can_cancel: bool
    can_change_plan: bool
    plans_chosen_here: bool
    plan_choices: tuple[Plan, ...]


def subscription_actions(*, entitlement: Entitlement) -> SubscriptionActions:
    provider = provider_get()
    choices: tuple[Plan, ...] = ()
    if entitlement.paid_up and provider.plans_chosen_here:
        choices = tuple(plan for plan in plan_list_offered() if plan != entitlement.plan)
    return SubscriptionActions(
        can_cancel=entitlement.paid_up and entitlement.status == SubscriptionStatus.ACTIVE,
        can_change_plan=entitlement.paid_up and (bool(choices) or not provider.plans_chosen_here),
        plans_chosen_here=provider.plans_chosen_here,
        plan_choices=choices,
    )


@never_cache  # personal: private, and not kept for the back button after signing out
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    if request.method == "POST":
        form = DisplayNameForm(request.POST, user=user)
        if form.is_valid():
            user_display_name_set(user=user, display_name=form.cleaned_data["display_name"])
            message = DISPLAY_NAME_SAVED if user.display_name else DISPLAY_NAME_REMOVED
            messages.success(request, message.format(name=user.public_name()))
            return redirect("web:account")
    else:
        form = DisplayNameForm(initial={"display_name": user.display_name}, user=user)
    now = timezone.now()
    entitlement = entitlement_for_user(user=user, now=now)
    context = {
        "page_title": "Your account",
        "form": form,
        "email_verified": email_verified(user=user),
        "subscription": subscription_summary(entitlement=entitlement),
        "subscription_actions": subscription_actions(entitlement=entitlement),
        "gift_allowance": gift_allowance(user=user, now=now),
        "gift_rows": gift_rows_for_gifter(user=user, now=now, month_only=True),
    }
    return render(request, "web/account.html", context, status=400 if form.errors else 200)
