"""Gifting, for subscribers: make a link, list one's gifts, revoke. Thin: services decide."""

from datetime import datetime
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from warta.accounts.models import User
from warta.newsroom.models import Article
from warta.subscriptions.calendar import month_of

from .allowance_words import allowance_renews_on, gift_revoked_words, gifts_left_words
from .links import gift_link
from .models import Gift
from .selectors import (
    gift_allowance,
    gift_link_state,
    gift_revocable_by,
    gift_rows_for_gifter,
    gift_with_opens,
)
from .services import (
    NOT_YOURS,
    REFUSED_ALLOWANCE_USED,
    REFUSED_TOO_MANY_LINKS,
    GiftRefused,
    gift_create,
    gift_revoke,
)

REFUSAL_STATUS = {REFUSED_ALLOWANCE_USED: 409, REFUSED_TOO_MANY_LINKS: 429}


def _gifter(request: HttpRequest) -> User:
    return cast(User, request.user)  # the views below require a signed-in user


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@login_required
def gift_create_view(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("section"), pk=article_id, live=True)
    now = timezone.now()
    try:
        made = gift_create(gifter=_gifter(request), article=article, now=now)
    except GiftRefused as refusal:
        status = REFUSAL_STATUS.get(refusal.code, 403)
        response: HttpResponse
        if _wants_json(request):
            response = JsonResponse({"error": str(refusal)}, status=status)
        else:
            context = {"article": article, "error": str(refusal)}
            response = render(request, "gifts/gift_refused.html", context, status=status)
        if refusal.retry_after is not None:
            response["Retry-After"] = str(refusal.retry_after)
        return response
    link = gift_link(gift=made.gift, article=article, token=made.token)
    left = gift_allowance(user=_gifter(request), now=now).left
    left_words = gifts_left_words(left=left, now=now)
    if _wants_json(request):
        return JsonResponse(
            {
                "url": link.url,
                "whatsapp_url": link.whatsapp_url,
                "email_url": link.email_url,
                "created": made.created,
                "gifts_left": left,
                "gifts_left_text": left_words,
                "expires_at": made.gift.expires_at.isoformat(),
            },
            status=201 if made.created else 200,
        )
    context = {"article": article, "gift": made.gift, "link": link, "created": made.created}
    return render(request, "gifts/gift_link.html", {**context, "gifts_left_text": left_words})


@require_GET
@login_required
def gift_list_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = gift_rows_for_gifter(user=_gifter(request), now=now)
    month = month_of(now)
    return render(
        request,
        "gifts/gift_list.html",
        {
            "this_month": [r for r in rows if r.gift.month == month],
            "earlier": [r for r in rows if r.gift.month != month],
            "allowance": gift_allowance(user=_gifter(request), now=now),
            "renews_on": allowance_renews_on(now),
        },
    )


def _revoked_message(gift: Gift, *, gave_back: bool, user: User, now: datetime) -> str:
    allowance = gift_allowance(user=user, now=now)
    return gift_revoked_words(month=gift.month, gave_back=gave_back, allowance=allowance, now=now)


@require_http_methods(["GET", "POST"])
@login_required
def gift_revoke_view(request: HttpRequest, gift_id: int) -> HttpResponse:
    """GET asks first, saying whether the gift comes back; POST revokes."""
    opened = gift_with_opens(gift_id=gift_id)
    if opened is None:
        raise Http404("No such gift.")
    gift = opened.gift
    user = _gifter(request)
    if not gift_revocable_by(gift=gift, user=user):
        return render(request, "gifts/gift_refused.html", {"error": NOT_YOURS}, status=403)
    now = timezone.now()
    if request.method == "GET":
        allowance = gift_allowance(user=user, now=now)
        context = {
            "gift": gift,
            "state": gift_link_state(gift=gift, now=now),
            "devices": opened.devices,
            "this_month": gift.month == month_of(now),
            "left_after": min(allowance.left + 1, allowance.total),
            "allowance": allowance,
        }
        return render(request, "gifts/gift_revoke.html", context)
    was_live = gift.revoked_at is None
    try:
        gift = gift_revoke(gift=gift, by=user, now=now)
    except GiftRefused as refusal:
        return render(request, "gifts/gift_refused.html", {"error": str(refusal)}, status=403)
    gave_back = was_live and gift.returned
    messages.success(request, _revoked_message(gift, gave_back=gave_back, user=user, now=now))
    return redirect("gifts:list")
