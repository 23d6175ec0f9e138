"""The answer of ``/search``: articles matching the reader's words, searched as the site searches.

The words are made as the site's search box makes them (``reading.search_query``); the search
looks into the whole text only of the levels the reader reads whole (``levels_read_whole``,
decision 0014), so a result never tells a reader what a hidden paragraph says. Each search
warta makes counts against the reader's ``WARTA_SEARCH_PER_MINUTE``, shared with the site's
search box (an answer a cache keeps costs nothing and is not counted).

An anonymous reader's answer is the same for every anonymous reader: public, purged by the
``search`` key that every publication names. A signed-in reader's is theirs (private).

Results come by relevance, at most ``SEARCH_RESULTS_MAX``; the cursor is the offset of the next
page (``s1.<offset>``, opaque as the lists' cursors). A story published between two pages may
shift the results by one: search is for finding, the lists are for walking.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from warta.accounts.models import User
from warta.newsroom.content_keys import SEARCH, article_key
from warta.newsroom.selectors import SEARCH_RESULTS_MAX, article_search
from warta.reading.search_query import search_query_clean
from warta.reading.search_rate import search_rate_count
from warta.reading.whole_text import levels_read_whole

from .cursors import CursorInvalid, decoded, encoded
from .http_caching import Answer
from .problems import INVALID_CURSOR, SEARCH_RATE_LIMITED, ProblemRaised
from .resources import ArticleCard, article_card

_OFFSET = re.compile(r"\As1\.(0|[1-9][0-9]{0,3})\Z")


@dataclass(frozen=True)
class SearchPage:
    """One page of results, by relevance. ``query`` is the words searched for (what the reader
    typed, cleaned: quotes and control characters are spaces); ``cut`` says it was longer than
    the longest query and was cut. ``next_cursor`` asks for the next page; null at the end."""

    query: str
    cut: bool
    items: tuple[ArticleCard, ...]
    next_cursor: str | None


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        match = _OFFSET.match(decoded(cursor))
    except CursorInvalid:
        match = None
    if match is None or int(match.group(1)) >= SEARCH_RESULTS_MAX:
        raise ProblemRaised(INVALID_CURSOR)
    return int(match.group(1))


def search_answer(
    *,
    q: str,
    user: User | None,
    client: str,
    cursor: str | None,
    limit: int,
    now: datetime,
) -> Answer[SearchPage]:
    """Search ``q`` for ``user`` (None: signed out). ``client`` is whom the search counts
    against (``feedback.guards.rate_key``)."""
    offset = _offset(cursor)
    query = search_query_clean(q)
    articles = []
    if query.words:
        rate = search_rate_count(client=client, now=now.timestamp())
        if not rate.allowed:
            raise ProblemRaised(SEARCH_RATE_LIMITED.retrying_after(rate.retry_after))
        found = article_search(
            query=query.words, levels_read_whole=levels_read_whole(user=user, now=now)
        )
        found = [a for a in found if a.first_published_at is not None]  # as the lists
        articles = found[offset : offset + limit]
        more = offset + limit < len(found)
    else:
        more = False
    page = SearchPage(
        query=query.words,
        cut=query.cut,
        items=tuple(article_card(a) for a in articles),
        next_cursor=encoded(f"s1.{offset + limit}") if more else None,
    )
    keys = (SEARCH, *(article_key(a.pk) for a in articles))
    # Another reader may find more (their whole text): the anonymous answer varies by reader.
    return Answer(page, keys=keys, personal=user is not None, varies_by_reader=True)
