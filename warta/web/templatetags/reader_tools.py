"""The reader tools' pieces of a page: text size, share options, the app banner and the
outdated-browser notice. Every one renders the same markup for every anonymous reader."""

from typing import Any

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from ..app_links import app_links
from ..content_security import FIRST_PAINT_SCRIPT
from ..share_links import ShareLink, share_links

register = template.Library()


@register.inclusion_tag("web/tools/head.html", takes_context=True)
def reader_tools_head(context: template.Context) -> dict[str, Any]:
    """Goes first in <head>: the text size must be set before the stylesheet paints anything."""
    return {
        # As it is in its file: the page's CSP allows it by the hash of that text (decision 0023).
        "first_paint_script": mark_safe(FIRST_PAINT_SCRIPT),  # noqa: S308 - warta's own file  # nosec B308, B703
        "app": app_links(),
        "canonical_url": context.get("canonical_url") or "",
    }


@register.inclusion_tag("web/tools/browser_notice.html")
def browser_notice() -> dict[str, Any]:
    return {"policy": settings.WARTA_SUPPORTED_BROWSERS}


@register.inclusion_tag("web/tools/app_banner.html", takes_context=True)
def app_banner(context: template.Context) -> dict[str, Any]:
    app = app_links()
    canonical_url = str(context.get("canonical_url") or "")
    return {
        "app": app,
        "canonical_url": canonical_url,
        "scheme_url": app.scheme_url(canonical_url),
        "android_intent_url": app.android_intent_url(canonical_url),
        "dismiss_days": settings.WARTA_APP_BANNER_DISMISS_DAYS,
    }


@register.simple_tag
def article_share_links(url: str, title: str) -> list[ShareLink]:
    return share_links(url=url, title=title)
