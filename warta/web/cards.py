"""Story cards (home, fronts, tag and author pages, search, related stories) rendered once per
published version of the story and kept (decision 0017).

A card shows only what the story's live version says (headline, dek, section, picture, access,
date) and no reader's state, so the same HTML serves every page and every reader. It is kept
under the story's id and the card's variant, and goes stale with the story's key like any page
that shows it (``fresh_cache``); a list page that is rendered anew after a publication then
renders only the card of the story that changed.

An article page's related stories are not part of its shell: the shell keeps a marker for each
card (``card_marker``), filled for each request (``card_for_marker``). A story's update then makes
the pages that list it stale, but filling them again takes its new card, not a render of every
article that lists it (a recent story is among the related stories of many).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from warta.cache_table import CARDS
from warta.newsroom.content_changes import content_seen
from warta.newsroom.content_keys import article_key
from warta.newsroom.fresh_cache import kept_get, kept_set
from warta.newsroom.selectors import article_list_published

TEMPLATE = "web/includes/card.html"
# A card's place in a shell: the story's id and the card's variant (personal.py splits on it).
MARKER = "<!--warta:card:{}-->"
NAME = re.compile(r"^(\d+):(\d+):([01]):([01]):([01])$")
Variant = tuple[int, bool, bool, bool]


def card_marker(
    article_id: int,
    *,
    level: int = 3,
    is_lead: bool = False,
    show_section: bool = False,
    show_dek: bool = False,
) -> SafeString:
    name = _name(article_id, _variant(level, is_lead, show_section, show_dek))
    marker = MARKER.format(name)
    return mark_safe(marker)  # noqa: S308 - digits and colons  # nosec B308, B703


def card_by_id(
    article_id: int,
    *,
    level: int = 3,
    is_lead: bool = False,
    show_section: bool = False,
    show_dek: bool = False,
) -> SafeString:
    """The card of a story known by its id, outside a shell."""
    name = _name(article_id, _variant(level, is_lead, show_section, show_dek))
    return cards_for_markers([name])[name]


@dataclass(frozen=True)
class CardList:
    """A list of stories a page shows as cards of one variant, known by their ids."""

    ids: tuple[int, ...]
    level: int = 3
    is_lead: bool = False
    show_section: bool = False
    show_dek: bool = False


def cards_for_lists(lists: list[CardList]) -> list[list[SafeString]]:
    """The cards of each list, in its order, for a page that read only the stories' ids: the
    kept ones from the cache, all the others of the page rendered from one query. A story no
    longer live (it left between the page's queries) is left out."""
    named = [
        [_name(pk, _variant(c.level, c.is_lead, c.show_section, c.show_dek)) for pk in c.ids]
        for c in lists
    ]
    found = cards_for_markers([name for names in named for name in names])
    return [[found[name] for name in names if found[name]] for names in named]


def cards_for_markers(names: list[str]) -> dict[str, SafeString]:
    """The cards a shell's markers name, as the stories stand now (nothing for a story that is
    no longer live); the ones not kept are rendered from one query."""
    lifetime = settings.WARTA_FRAGMENT_CACHE_SECONDS
    found: dict[str, SafeString] = {}
    wanted: dict[str, tuple[int, Variant, str]] = {}
    for name in names:
        parsed = NAME.match(name)
        if parsed is None:
            found[name] = SafeString("")
            continue
        pk, level, is_lead, show_section, show_dek = (int(part) for part in parsed.groups())
        variant = _variant(level, bool(is_lead), bool(show_section), bool(show_dek))
        key = _key(pk, variant)
        html: str | None = kept_get(key, lifetime=lifetime, small=True) if lifetime > 0 else None
        if html is None:
            wanted[name] = (pk, variant, key)
        else:
            found[name] = mark_safe(html)  # noqa: S308 - rendered by the template, which escapes  # nosec B308, B703
    if wanted:
        seen = content_seen() if lifetime > 0 else 0
        live = article_list_published().filter(pk__in={pk for pk, _, _ in wanted.values()})
        articles = {article.pk: article for article in live}
        for name, (pk, variant, key) in wanted.items():
            article = articles.get(pk)
            html = "" if article is None else str(_render(article, variant))
            if lifetime > 0:
                kept_set(
                    key, html, seen=seen, keys=(article_key(pk),), lifetime=lifetime, small=True
                )
            found[name] = mark_safe(html)  # noqa: S308 - rendered by the template, which escapes  # nosec B308, B703
    return found


def _variant(level: int, is_lead: bool, show_section: bool, show_dek: bool) -> Variant:
    return (int(level), bool(is_lead), bool(show_section), bool(show_dek))


def _name(article_id: int, variant: Variant) -> str:
    """What a marker names: the story's id and the card's variant, "12:3:0:1:0"."""
    return ":".join(str(int(part)) for part in (article_id, *variant))


def _key(article_id: int, variant: Variant) -> str:
    return CARDS.key(article_id, *(int(part) for part in variant))


def card_html(
    article: Any,
    *,
    level: int = 3,
    is_lead: bool = False,
    show_section: bool = False,
    show_dek: bool = False,
) -> SafeString:
    variant = _variant(level, is_lead, show_section, show_dek)
    lifetime = settings.WARTA_FRAGMENT_CACHE_SECONDS
    if lifetime <= 0:
        return _render(article, variant)
    key = _key(article.pk, variant)
    html: str | None = kept_get(key, lifetime=lifetime, small=True)
    if html is None:
        seen = content_seen()
        html = _render(article, variant)
        kept_set(
            key,
            str(html),
            seen=seen,
            keys=(article_key(article.pk),),
            lifetime=lifetime,
            small=True,
        )
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes  # nosec B308, B703


def _render(article: Any, variant: Variant) -> SafeString:
    level, is_lead, show_section, show_dek = variant
    context = {
        "article": article,
        "level": level,
        "is_lead": is_lead,
        "show_section": show_section,
        "show_dek": show_dek,
    }
    html = get_template(TEMPLATE).render(context)
    return mark_safe(html)  # noqa: S308 - escaped by the template  # nosec B308, B703
