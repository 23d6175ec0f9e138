"""What an article page shows, gathered once for the page, the print view and the admin preview."""

from typing import Any

from django.http import HttpRequest
from wagtail.images.models import SourceImageIOError

from warta.access.rules import Decision
from warta.newsroom import renditions
from warta.newsroom.models import Article
from warta.newsroom.selectors import article_related_ids
from warta.newsroom.visible_body import visible_body
from warta.subscriptions.selectors import plan_list_offered

from .paywall_messages import PAYWALL_MESSAGES
from .structured_data import json_ld, news_article_data
from .urls_absolute import absolute_url


def article_page_context(
    *, article: Article, request: HttpRequest, decision: Decision, preview: bool = False
) -> dict[str, Any]:
    body = visible_body(article, full=decision.allowed)
    canonical_url = absolute_url(article.get_absolute_url()) if article.first_published_at else ""
    social_image = None
    rendition = None
    if article.hero_image:
        try:
            rendition = article.hero_image.get_rendition(renditions.SOCIAL)
        except SourceImageIOError:  # its file is gone, or it is above the pixel limit
            rendition = None
    if rendition is not None:
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
        # Ids only: the page's cards are filled in for each request (web/cards.py).
        "related": [] if preview else article_related_ids(article=article),
        "preview": preview,
        "page_title": article.headline,
        "meta_description": article.dek,
    }
