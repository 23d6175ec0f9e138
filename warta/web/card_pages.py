"""Pages made of story cards (the home page, section fronts, tag and author pages): their cards
filled in by the page cache each time it answers, as an article page's related stories are
(decision 0017).

The page cache asks for it (``CARDS_LATER``): the page is rendered with a marker for each card,
stored with its markers, and filled with each story's card as the story stands. An update that
leaves a story in the same lists (a new headline, dek or picture) then makes no list page stale:
only its card is rendered again. The page names its own keys (its list) apart
(``PAGE_KEYS_HEADER``); its ``Surrogate-Key`` names its stories too, for caches that keep whole
pages (Varnish, or warta's own when it did not ask for markers).
"""

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString

from warta.newsroom.content_keys import article_key

from .cache_policy import with_surrogate_keys
from .cards import CardList, card_marker, cards_for_lists
from .page_cache import CARDS_HEADER, CARDS_LATER, PAGE_KEYS_HEADER


def cards_later(request: HttpRequest) -> bool:
    """Whether the page cache fills the cards in itself (it stores this page)."""
    return bool(request.META.get(CARDS_LATER))


def page_cards(request: HttpRequest, lists: list[CardList]) -> list[list[SafeString]]:
    """Each list's cards, or their markers when the page cache fills them in."""
    if not cards_later(request):
        return cards_for_lists(lists)
    return [
        [
            card_marker(
                pk,
                level=c.level,
                is_lead=c.is_lead,
                show_section=c.show_section,
                show_dek=c.show_dek,
            )
            for pk in c.ids
        ]
        for c in lists
    ]


def with_card_keys(
    request: HttpRequest, response: HttpResponse, lists: list[CardList], *keys: str
) -> HttpResponse:
    """The page's own keys and its stories' keys; with markers, its own keys apart."""
    shown = dict.fromkeys(article_key(pk) for c in lists for pk in c.ids)
    with_surrogate_keys(response, *keys, *shown)
    if cards_later(request):
        response[CARDS_HEADER] = "1"
        response[PAGE_KEYS_HEADER] = " ".join(keys)
    return response
