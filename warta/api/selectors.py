"""What the API reads from the newsroom, with bounded query counts.

Lists read one row past the page to know whether another follows, from the position of the
cursor on (``cursors.py``): at any depth of the archive a page costs the same walk of the
newest-articles index, and nothing is counted.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from warta.newsroom import renditions
from warta.newsroom.models import Article, Author, NewsImage, Section, Tag
from warta.newsroom.selectors import article_get_by_old_slug, article_list_published

from .cursors import Position

# Live articles whose page has a date: the cursor's order needs one.
_LISTED = Q(live=True, first_published_at__isnull=False)


def section_list_for_api() -> list[Section]:
    return list(Section.objects.order_by("position", "name"))


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def tag_by_slug(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def author_by_slug(slug: str) -> Author | None:
    return Author.objects.filter(slug=slug).first()


@dataclass(frozen=True)
class ListFilter:
    section: Section | None = None
    tag: Tag | None = None
    author: Author | None = None


@dataclass(frozen=True)
class ArticleSlice:
    articles: list[Article]
    more: bool  # an older article follows the last one


def article_slice(*, within: ListFilter, after: Position | None, limit: int) -> ArticleSlice:
    """Up to ``limit`` live articles of the list, newest first, older than ``after``."""
    articles = article_list_published().filter(_LISTED).defer("body")
    if within.section is not None:
        articles = articles.filter(section=within.section)
    if within.tag is not None:
        articles = articles.filter(tags=within.tag)
    if within.author is not None:
        articles = articles.filter(authors=within.author)
    if after is not None:
        articles = articles.filter(
            Q(first_published_at__lt=after.published_at)
            | Q(first_published_at=after.published_at, pk__lt=after.pk)
        )
    rows = list(articles[: limit + 1])
    return ArticleSlice(articles=rows[:limit], more=len(rows) > limit)


def _with_everything(articles: QuerySet[Article]) -> QuerySet[Article]:
    hero = Prefetch("hero_image", queryset=NewsImage.objects.prefetch_renditions(*renditions.HERO))
    return (
        articles.filter(_LISTED)
        .select_related("section", "wire_source")
        .prefetch_related("authors", "tags", hero)
    )


def article_get_for_api(*, pk: int) -> Article | None:
    """The live article ``pk``, with everything its resource shows, or None."""
    return _with_everything(Article.objects.filter(pk=pk)).first()


def article_pk_by_slug_for_api(*, slug: str) -> int | None:
    """The pk of the live article published under ``slug``, now or before a rename, or None."""
    found = Article.objects.filter(_LISTED, slug=slug).values_list("pk", flat=True).first()
    if found is None:
        old = article_get_by_old_slug(slug=slug)
        found = old.pk if old is not None else None
    return found


def article_get_to_gift(*, pk: int) -> Article | None:
    """The live article ``pk`` as gifting reads it (the gift's link needs its section), or None."""
    return Article.objects.filter(pk=pk, live=True).select_related("section").first()
