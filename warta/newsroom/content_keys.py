"""What a page shows, named: the keys that caches forget pages by (docs/decisions/0017).

A shared page names what it shows in its ``Surrogate-Key`` header (the web's views set it from
these names); a change readers see names what it touched (``content_changes.content_changed``).
warta's own caches and Varnish then make stale only the pages that carry one of the changed keys.

- ``article-<id>``: the article's own page, and every page showing its card where no list key
  covers it (another article's related stories).
- ``home``, ``section-<slug>``, ``tag-<slug>``, ``author-<slug>``: a list and every page of it.
  A list page names its stories' ``article-<id>`` too: an update that leaves a story in the
  same lists names only those (``article_updated_in_place``), and the list's page takes its new
  card (the web fills cards in).
- ``feeds``, ``sitemaps``, ``search``: the site's feeds, every sitemap, every search page.
- ``feeds-<slug>``: a section's feeds.
- ``other``: every other shared page (a 404 that a publication may turn into an article...).
- ``all``: every page. Edits that change every page say it: a section renamed, the site's settings.

The newsroom knows nothing of pages: these are the names of what it publishes.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

ALL = "all"
HOME = "home"
FEEDS = "feeds"
SITEMAPS = "sitemaps"
SEARCH = "search"
OTHER = "other"
# Every publication may change these, whatever the article: the newest stories everywhere.
LISTS = frozenset({HOME, FEEDS, SITEMAPS, SEARCH, OTHER})


# What an update shows beyond its own page and its cards, in whatever lists it stays: the feeds
# and the news sitemap carry its headline, search pages its text.
IN_PLACE = frozenset({FEEDS, SITEMAPS, SEARCH, OTHER})


def article_key(article_id: int) -> str:
    return f"article-{article_id}"


def section_key(slug: str) -> str:
    return f"section-{slug.lower()}"  # slugs may hold capitals; the keys never do


def section_feeds_key(slug: str) -> str:
    return f"feeds-{slug.lower()}"


def tag_key(slug: str) -> str:
    return f"tag-{slug.lower()}"  # slugs may hold capitals; the keys never do


def author_key(slug: str) -> str:
    return f"author-{slug.lower()}"  # slugs may hold capitals; the keys never do


def articles_fanout(article_ids: Iterable[int], *, own_pages: bool = True) -> frozenset[str]:
    """Every page that shows these articles as they are stored now, or would list them: their
    own pages, the lists of their sections, tags and authors, and every list of newest stories.
    Called before and after a change, the two together name the pages of both states (a story
    moved to another section leaves the old one's front and joins the new one's).

    ``own_pages=False`` for articles that were never on a page (a batch of new agency copy):
    their cards can only appear in the lists."""
    from .models import Article

    ids = list(article_ids)
    if not ids:
        return frozenset()
    articles: QuerySet[Article] = Article.objects.filter(pk__in=ids)
    keys = set(LISTS)
    if own_pages:
        keys.update(article_key(pk) for pk in ids)
    for slug in articles.values_list("section__slug", flat=True):
        keys.update((section_key(slug), section_feeds_key(slug)))
    keys.update(
        tag_key(s) for s in articles.filter(tags__isnull=False).values_list("tags__slug", flat=True)
    )
    keys.update(
        author_key(s)
        for s in articles.filter(authors__isnull=False).values_list("authors__slug", flat=True)
    )
    return frozenset(keys)


def article_updated_in_place(article_id: int, *, section_slug: str) -> frozenset[str]:
    """The pages an update shows on when the story stays in the same lists, in the same place
    (same section, tags, authors and time of first publication): its own page, every page that
    shows its card (they name it), its section's feeds, and ``IN_PLACE``. No list is put
    together again: each takes the story's new card."""
    return frozenset({article_key(article_id), section_feeds_key(section_slug), *IN_PLACE})


# The header that names a response's keys, for Varnish and for warta's caches in front of Django.
SURROGATE_KEY_HEADER = "Surrogate-Key"


def keys_shown(headers: list[tuple[str, str]]) -> tuple[str, ...]:
    """The keys a response names in its ``Surrogate-Key`` header; one that names nothing goes
    stale with every change that names ``other``."""
    named = SURROGATE_KEY_HEADER.lower()
    for name, value in headers:
        if name.lower() == named and value.split():
            return tuple(value.split())
    return (OTHER,)
