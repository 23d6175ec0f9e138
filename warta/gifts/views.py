"""Gifting, for subscribers: make a link, list one's gifts, revoke. Thin: services decide."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from warta.accounts.models import User
from warta.newsroom.models import Article
from warta.subscriptions.calendar import month_of

from .links import gift_link
from .models import Gift
from .selectors import gift_allowance, gift_rows_for_gifter
from .services import REFUSED_ALLOWANCE_USED, GiftRefused, gift_create, gift_revoke

REVOKED = "The gift link is revoked: it no longer opens the article."


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
        status = 409 if refusal.code == REFUSED_ALLOWANCE_USED else 403
        if _wants_json(request):
            return JsonResponse({"error": str(refusal)}, status=status)
        context = {"article": article, "error": str(refusal)}
        return render(request, "gifts/gift_refused.html", context, status=status)
    link = gift_link(gift=made.gift, article=article, token=made.token)
    left = gift_allowance(user=_gifter(request), now=now).left
    if _wants_json(request):
        return JsonResponse(
            {
                "url": link.url,
                "whatsapp_url": link.whatsapp_url,
                "email_url": link.email_url,
                "created": made.created,
                "gifts_left": left,
                "expires_at": made.gift.expires_at.isoformat(),
            },
            status=201 if made.created else 200,
        )
    context = {"article": article, "gift": made.gift, "link": link, "created": made.created}
    return render(request, "gifts/gift_link.html", {**context, "gifts_left": left})


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
        },
    )


@require_POST
@login_required
def gift_revoke_view(request: HttpRequest, gift_id: int) -> HttpResponse:
    gift = get_object_or_404(Gift, pk=gift_id)
    try:
        gift_revoke(gift=gift, by=_gifter(request), now=timezone.now())
    except GiftRefused as refusal:
        return render(request, "gifts/gift_refused.html", {"error": str(refusal)}, status=403)
    messages.success(request, REVOKED)
    return redirect("gifts:list")
