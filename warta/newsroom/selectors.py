"""Everything that reads newsroom data for the public site, with bounded query counts."""

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from wagtail.search.backends import get_search_backend

from . import renditions
from .models import (
    AccessLevel,
    Article,
    ArticleSlugHistory,
    ArticleText,
    Author,
    FrontPage,
    NewsImage,
    Section,
    Tag,
)


def _card_images() -> Prefetch:
    return Prefetch(
        "hero_image", queryset=NewsImage.objects.prefetch_renditions(*renditions.CARD_SRCSET)
    )


def article_list_published() -> QuerySet[Article]:
    """Live articles with what a card shows, newest first."""
    return (
        Article.objects.filter(live=True)
        .select_related("section", "wire_source")
        .prefetch_related("authors", _card_images())
        .order_by("-first_published_at", "-pk")
    )


# What a feed item or a sitemap line never shows: the body and its search text.
_LIST_DEFERRED = ("body",)


def article_list_headlines(*, section: Section | None = None) -> QuerySet[Article]:
    """Live articles with what a feed item names (headline, dek, section, tags, bylines), newest
    first: no pictures and no body, which a feed never carries."""
    articles = Article.objects.filter(live=True)
    if section is not None:
        articles = articles.filter(section=section)
    return (
        articles.select_related("section", "wire_source")
        .prefetch_related("authors", "tags")
        .defer(*_LIST_DEFERRED)
        .order_by("-first_published_at", "-pk")
    )


def article_get_published(*, slug: str) -> Article | None:
    """The live article with this slug, with everything its page shows, or None."""
    hero = Prefetch(
        "hero_image",
        queryset=NewsImage.objects.prefetch_renditions(*renditions.HERO, renditions.SOCIAL),
    )
    return (
        Article.objects.filter(live=True, slug=slug)
        .select_related("section", "wire_source")
        .prefetch_related("authors", "tags", hero)
        .first()
    )


@dataclass(frozen=True)
class ArticleRef:
    """What deciding who may read a live article needs: small enough to keep in a cache and
    read on every request, where the article itself is read only to render its page."""

    pk: int
    slug: str
    access_level: str
    live: bool
    section_slug: str
    url: str
    print_url: str
    # The article itself when it was just read for this request (never kept in a cache), and
    # the newest content change known before it was read (content_changes.content_seen): what
    # is rendered from it is right about that change, not about one read after it.
    loaded: Article | None = field(default=None, compare=False, repr=False)
    loaded_seen: int = field(default=0, compare=False, repr=False)

    @classmethod
    def of(cls, article: Article) -> "ArticleRef":
        return cls(
            pk=article.pk,
            slug=article.slug,
            access_level=article.access_level,
            live=article.live,
            section_slug=article.section.slug,
            url=article.get_absolute_url(),
            print_url=article.get_print_url(),
            loaded=article,
        )

    def get_absolute_url(self) -> str:
        return self.url

    def get_print_url(self) -> str:
        return self.print_url

    def to_keep(self) -> "ArticleRef":
        return replace(self, loaded=None, loaded_seen=0)


def article_get_by_old_slug(*, slug: str) -> Article | None:
    history = (
        ArticleSlugHistory.objects.filter(slug=slug, article__live=True)
        .select_related("article__section")
        .first()
    )
    return history.article if history else None


def article_related_ids(*, article: Article, limit: int = 4) -> list[int]:
    """The stories an article lists as related: the editors' picks first, then the latest
    stories sharing a tag, then the section's. Ids only, by cheap id queries: an article page's
    shell keeps them, and its cards are filled in for each request (web/cards.py)."""
    live = Article.objects.filter(live=True).order_by("-first_published_at", "-pk")
    ids = list(article.related_articles.filter(live=True).values_list("pk", flat=True)[:limit])
    tag_ids = [t.pk for t in article.tags.all()]
    fills = (
        live.filter(tags__in=tag_ids).distinct() if tag_ids else None,
        live.filter(section=article.section_id),
    )
    for candidates in fills:
        if candidates is None or len(ids) >= limit:
            continue
        ids += candidates.exclude(pk__in=[article.pk, *ids]).values_list("pk", flat=True)[
            : limit - len(ids)
        ]
    return ids


def front_page_top_stories(*, limit: int = 5) -> list[Article]:
    """The editors' top stories in their order; the newest stories fill any empty places."""
    ids = front_page_top_story_ids(limit=limit)
    by_id = {a.pk: a for a in article_list_published().filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def front_page_top_story_ids(*, limit: int = 5) -> list[int]:
    """The ids of the editors' top stories in their order, the newest stories filling any empty
    places: what the home page needs when the stories' cards are kept (two or three queries,
    no story read)."""
    front = FrontPage.objects.order_by("pk").first()
    chosen: list[int] = []
    live = Article.objects.filter(live=True)
    if front is not None:
        ids = list(front.stories.order_by("sort_order").values_list("article_id", flat=True))
        found = set(live.filter(pk__in=ids).values_list("pk", flat=True))
        chosen = [i for i in ids if i in found][:limit]
    if len(chosen) < limit:
        newest = live.exclude(pk__in=chosen).order_by("-first_published_at", "-pk")
        chosen += list(newest.values_list("pk", flat=True)[: limit - len(chosen)])
    return chosen


def section_list() -> list[Section]:
    return list(Section.objects.all())


def section_latest_articles(
    *, exclude: list[int], per_section: int = 4
) -> list[tuple[Section, list[Article]]]:
    """For the home page: the newest stories of every section, in two queries at any size
    (``section_latest_article_ids``, the stories read in a third)."""
    blocks = section_latest_article_ids(exclude=exclude, per_section=per_section)
    wanted = [pk for _, ids in blocks for pk in ids]
    by_id = {a.pk: a for a in article_list_published().filter(pk__in=wanted)}
    found = [(s, [by_id[pk] for pk in ids if pk in by_id]) for s, ids in blocks]
    return [(s, stories) for s, stories in found if stories]


def section_latest_article_ids(
    *, exclude: list[int], per_section: int = 4
) -> list[tuple[Section, list[int]]]:
    """For the home page: the ids of the newest stories of every section, in two queries at any
    size.

    The first reads the sections, each with its ``per_section``-th newest story (the oldest one
    its block shows); the second the stories from there on, section by section. Both walk the
    per-section index (``article_live_section_newest``) a few rows deep, where numbering every
    live article by section would sort the whole archive; and both run on SQLite as on
    PostgreSQL.
    """
    newest = (
        Article.objects.filter(live=True, section=OuterRef("pk"))
        .exclude(pk__in=exclude)
        .order_by("-first_published_at", "-pk")
    )
    last = slice(per_section - 1, per_section)
    sections = list(
        Section.objects.annotate(
            last_at=Subquery(newest.values("first_published_at")[last]),
            last_pk=Subquery(newest.values("pk")[last]),
        )
    )
    if not sections:
        return []
    blocks = reduce(or_, (_from_the_last_shown(s, s.last_at, s.last_pk) for s in sections))
    by_section: dict[int, list[int]] = {s.pk: [] for s in sections}
    rows = (
        Article.objects.filter(live=True)
        .exclude(pk__in=exclude)
        .filter(blocks)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "section_id")
    )
    for pk, section_id in rows:
        block = by_section[section_id]
        if len(block) < per_section:  # a story published between the two queries waits
            block.append(pk)
    return [(s, by_section[s.pk]) for s in sections if by_section[s.pk]]


def _from_the_last_shown(section: Section, last_at: datetime | None, last_pk: int | None) -> Q:
    """A section's stories from the oldest its block shows on; all of them when it has fewer.
    The range on ``first_published_at`` is what the index reads; the pk breaks ties between
    stories published in the same instant, as the list's order does."""
    if last_at is None:
        return Q(section=section)
    return Q(section=section, first_published_at__gte=last_at) & (
        Q(first_published_at__gt=last_at) | Q(pk__gte=last_pk)
    )


def article_list_for_section(*, section: Section) -> QuerySet[Article]:
    return article_list_published().filter(section=section)


def article_list_for_tag(*, tag: Tag) -> QuerySet[Article]:
    return article_list_published().filter(tags=tag)


def article_list_for_author(*, author: Author) -> QuerySet[Article]:
    return article_list_published().filter(authors=author)


def article_list_since(*, since: datetime) -> QuerySet[Article]:
    return article_list_published().filter(first_published_at__gte=since)


SEARCH_RESULTS_MAX = 100


def article_search(*, query: str, levels_read_whole: Collection[str] = ()) -> list[Article]:
    """Live articles matching ``query``, by relevance, searching only what the reader may read:
    of every article what anyone may read (headline, summary, tags, the teaser, or the whole of
    a free article), and the whole body of articles whose access level is in
    ``levels_read_whole``. Matches in what anyone may read come first (Wagtail search).

    ``query`` is words (reading/search_query.py makes it so); it is never read as search syntax.
    """
    backend = get_search_backend()
    live = Article.objects.filter(live=True)
    ids = [a.pk for a in backend.search(query, live, operator="and")[:SEARCH_RESULTS_MAX]]
    hidden_levels = set(levels_read_whole) - {AccessLevel.FREE}
    if hidden_levels:
        readable = live.filter(access_level__in=hidden_levels).values("pk")
        texts = backend.search(
            query, ArticleText.objects.filter(article__in=readable), operator="and"
        )
        ids += [t.pk for t in texts[:SEARCH_RESULTS_MAX] if t.pk not in ids]
    by_id = {a.pk: a for a in article_list_published().filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id][:SEARCH_RESULTS_MAX]
