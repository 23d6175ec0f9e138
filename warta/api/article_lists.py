"""The answers of ``/sections`` and ``/articles``: the same for every reader.

A list names the keys of what it shows for purges (decision 0017): its stories' keys (an update
that leaves a story in its lists names only those), and a section's, tag's or author's list the
keys of its filters, the unfiltered list of newest stories the key of the site's feeds (it is the
same list), the sections the key every publication and every edit of a section name (``other``;
an edit of a section names ``all``).
"""

from warta.newsroom.content_keys import (
    FEEDS,
    OTHER,
    article_key,
    author_key,
    section_key,
    tag_key,
)

from .cursors import CursorInvalid, Position, cursor_for, position_of
from .http_caching import Answer
from .problems import INVALID_CURSOR, UNKNOWN_AUTHOR, UNKNOWN_SECTION, UNKNOWN_TAG, ProblemRaised
from .resources import ArticlePage, SectionList, article_card, section_resource
from .selectors import (
    ListFilter,
    article_slice,
    author_by_slug,
    section_by_slug,
    section_list_for_api,
    tag_by_slug,
)

LIMIT_DEFAULT = 20
LIMIT_MAX = 50  # more is served as this many


def sections_answer() -> Answer[SectionList]:
    sections = SectionList(items=tuple(section_resource(s) for s in section_list_for_api()))
    return Answer(sections, keys=(OTHER,))


def _filter(*, section: str | None, tag: str | None, author: str | None) -> ListFilter:
    found = ListFilter(
        section=section_by_slug(section) if section is not None else None,
        tag=tag_by_slug(tag) if tag is not None else None,
        author=author_by_slug(author) if author is not None else None,
    )
    if section is not None and found.section is None:
        raise ProblemRaised(UNKNOWN_SECTION)
    if tag is not None and found.tag is None:
        raise ProblemRaised(UNKNOWN_TAG)
    if author is not None and found.author is None:
        raise ProblemRaised(UNKNOWN_AUTHOR)
    return found


def _keys(within: ListFilter) -> tuple[str, ...]:
    keys = []
    if within.section is not None:
        keys.append(section_key(within.section.slug))
    if within.tag is not None:
        keys.append(tag_key(within.tag.slug))
    if within.author is not None:
        keys.append(author_key(within.author.slug))
    return tuple(keys) or (FEEDS,)


def articles_answer(
    *,
    section: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    cursor: str | None = None,
    limit: int = LIMIT_DEFAULT,
) -> Answer[ArticlePage]:
    try:
        after = position_of(cursor) if cursor is not None else None
    except CursorInvalid:
        raise ProblemRaised(INVALID_CURSOR) from None
    within = _filter(section=section, tag=tag, author=author)
    found = article_slice(within=within, after=after, limit=min(limit, LIMIT_MAX))
    next_cursor = None
    if found.more and found.articles:
        last = found.articles[-1]
        assert last.first_published_at is not None  # listed articles have a date
        next_cursor = cursor_for(Position(published_at=last.first_published_at, pk=last.pk))
    page = ArticlePage(
        items=tuple(article_card(a) for a in found.articles), next_cursor=next_cursor
    )
    # Its stories' keys too: an update that leaves a story in its lists names only those.
    shown = tuple(article_key(a.pk) for a in found.articles)
    return Answer(page, keys=(*_keys(within), *shown))
