"""schema.org ``NewsArticle`` JSON-LD for an article page."""

import json
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from warta.newsroom.models import AccessLevel, Article

from .urls_absolute import absolute_url


def news_article_data(
    *, article: Article, canonical_url: str, image_url: str | None
) -> dict[str, Any]:
    published = article.local_published_at()
    updated = article.updated_at() or published
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url},
        "url": canonical_url,
        "headline": article.headline[:110],
        "description": article.dek,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "isAccessibleForFree": article.access_level == AccessLevel.FREE,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.WARTA_SITE_NAME,
            "url": absolute_url("/"),
            "logo": {
                "@type": "ImageObject",
                "url": settings.WARTA_LOGO_URL or absolute_url(static("web/logo.png")),
            },
        },
    }
    if published:
        data["datePublished"] = published.isoformat(timespec="seconds")
    if updated:
        data["dateModified"] = updated.isoformat(timespec="seconds")
    if article.dateline:
        data["dateline"] = article.dateline
    if article.text_language:
        data["inLanguage"] = article.text_language
    if article.wire_source is not None:
        data["author"] = [{"@type": "Organization", "name": article.wire_source.name}]
        if article.agency_byline:
            data["author"].insert(0, {"@type": "Person", "name": article.agency_byline})
    else:
        data["author"] = [
            {"@type": "Person", "name": a.name, "url": absolute_url(a.get_absolute_url())}
            for a in article.authors.all()
        ]
    if image_url:
        data["image"] = [image_url]
    if article.access_level != AccessLevel.FREE:
        # Google's markup for paywalled content: the part after the teaser is not free.
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".article-body",
        }
    return data


def json_ld(data: dict[str, Any]) -> SafeString:
    """Serialise for a <script type="application/ld+json">, safe against "</script>" in text."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above  # nosec B308, B703
