"""Story cards (home, fronts, tag and author pages, search, related stories) rendered once per
published version of the story and kept (decision 0017).

A card shows only what the story's live version says (headline, dek, section, picture, access,
date) and no reader's state, so the same HTML serves every page and every reader. It is kept
under the story's id, its live revision and the card's variant, and goes stale with the story's
key like any page that shows it (``fresh_cache``); a list page that is rendered anew after a
publication then renders only the card of the story that changed.
"""

from typing import Any

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from warta.cache_table import CARDS
from warta.newsroom.content_changes import content_seen
from warta.newsroom.content_keys import article_key

from .fresh_cache import kept_get, kept_set

TEMPLATE = "web/includes/card.html"


def card_html(
    article: Any,
    *,
    level: int = 3,
    is_lead: bool = False,
    show_section: bool = False,
    show_dek: bool = False,
) -> SafeString:
    variant = (int(level), bool(is_lead), bool(show_section), bool(show_dek))
    lifetime = settings.WARTA_FRAGMENT_CACHE_SECONDS
    if lifetime <= 0:
        return _render(article, variant)
    key = CARDS.key(article.pk, article.live_revision_id, *(int(v) for v in variant))
    html: str | None = kept_get(key, lifetime=lifetime)
    if html is None:
        seen = content_seen()
        html = _render(article, variant)
        kept_set(key, str(html), seen=seen, keys=(article_key(article.pk),), lifetime=lifetime)
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes


def _render(article: Any, variant: tuple[int, bool, bool, bool]) -> SafeString:
    level, is_lead, show_section, show_dek = variant
    context = {
        "article": article,
        "level": level,
        "is_lead": is_lead,
        "show_section": show_section,
        "show_dek": show_dek,
    }
    return mark_safe(get_template(TEMPLATE).render(context))  # noqa: S308 - escaped by it
