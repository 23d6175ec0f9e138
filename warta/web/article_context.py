"""What an article page shows, gathered once for the page, the print view and the admin preview."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest

from warta.access.rules import Decision, Reason
from warta.accounts.models import User
from warta.gifts.models import Gift
from warta.gifts.selectors import Allowance
from warta.newsroom import renditions
from warta.newsroom.models import AccessLevel, Article
from warta.newsroom.selectors import ArticleRef, article_list_related
from warta.newsroom.visible_body import visible_body
from warta.subscriptions.selectors import plan_list_offered

from .paywall_messages import PAYWALL_MESSAGES
from .reader_facts import reader_facts
from .structured_data import json_ld, news_article_data
from .urls_absolute import absolute_url


def article_page_context(
    *, article: Article, request: HttpRequest, decision: Decision, preview: bool = False
) -> dict[str, Any]:
    body = visible_body(article, full=decision.allowed)
    canonical_url = absolute_url(article.get_absolute_url()) if article.first_published_at else ""
    social_image = None
    if article.hero_image:
        rendition = article.hero_image.get_rendition(renditions.SOCIAL)
        social_image = {
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    data = news_article_data(
        article=article,
        canonical_url=canonical_url,
        image_url=social_image["url"] if social_image else None,
    )
    return {
        "article": article,
        "body": body,
        "decision": decision,
        "paywall": None if decision.allowed else PAYWALL_MESSAGES[decision.reason],
        "plans": [] if decision.allowed else list(plan_list_offered()),
        "canonical_url": canonical_url,
        "social_image": social_image,
        "json_ld": json_ld(data),
        "related": [] if preview else article_list_related(article=article),
        "preview": preview,
        "page_title": article.headline,
        "meta_description": article.dek,
    }


def gift_page_context(
    request: HttpRequest,
    *,
    article: Article | ArticleRef,
    decision: Decision,
    gift: Gift | None,
    now: datetime,
) -> dict[str, Any]:
    """The gift banner for a gift's reader, and the gifting control for premium articles."""
    offer = None
    if article.access_level == AccessLevel.PREMIUM and article.live:
        user = request.user
        allowance = None
        if isinstance(user, User) and user.is_authenticated:
            facts = reader_facts(user, now=now)
            allowance = Allowance(total=facts.gifts_per_month(now), used=facts.gifts_used)
        offer = {
            "allowance": allowance,
            "can_gift": bool(allowance and allowance.total),
        }
    return {
        "gift_banner": gift if decision.reason == Reason.GIFT else None,
        "gift_offer": offer,
        "noindex": gift is not None,
    }
