"""What an article page shows, gathered once for the view and for the admin preview."""

from typing import Any

from django.http import HttpRequest

from warta.newsroom import renditions
from warta.newsroom.models import Article
from warta.newsroom.selectors import article_list_related
from warta.newsroom.visible_body import visible_body

from .structured_data import json_ld, news_article_data
from .urls_absolute import absolute_url


def article_page_context(
    *, article: Article, request: HttpRequest, preview: bool = False
) -> dict[str, Any]:
    # Everyone reads the whole body until the paywall decision arrives (see docs/decisions).
    body = visible_body(article, full=True)
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
        "canonical_url": canonical_url,
        "social_image": social_image,
        "json_ld": json_ld(data),
        "related": [] if preview else article_list_related(article=article),
        "preview": preview,
        "page_title": article.headline,
        "meta_description": article.dek,
    }
