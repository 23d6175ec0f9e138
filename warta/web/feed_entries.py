"""What a feed says of a story, kept once per published version of the story, as cards are
(web/cards.py, decision 0017).

Every feed goes stale with every publication (content key ``feeds``), so on a busy desk each is
written again every second or so: a feed then reads its stories' ids and takes their entries
from the cache, reading only the stories whose entries are not kept (the one that changed).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from warta.cache_table import FEED_ENTRIES
from warta.newsroom.content_changes import content_seen
from warta.newsroom.content_keys import article_key
from warta.newsroom.fresh_cache import kept_get, kept_set
from warta.newsroom.models import Article
from warta.newsroom.selectors import article_list_headlines

from .urls_absolute import absolute_url


@dataclass(frozen=True)
class FeedEntry:
    """A feed item: the headline and the dek only, never the body (a feed cannot leak a
    paywalled body to a feed reader)."""

    title: str
    description: str
    link: str
    published: datetime | None
    updated: datetime | None
    author_name: str
    categories: tuple[str, ...]


def feed_entry(article: Article) -> FeedEntry:
    return FeedEntry(
        title=article.headline,
        description=article.dek,
        link=absolute_url(article.get_absolute_url()),
        published=article.first_published_at,
        updated=article.last_published_at,
        author_name=", ".join(article.source_names()),
        categories=(article.section.name, *(tag.name for tag in article.tags.all())),
    )


def feed_entries(article_ids: list[int]) -> list[FeedEntry]:
    """The entries of these stories, in this order: the kept ones from the cache, the others
    from one query; a story no longer live (it left since its id was read) is left out."""
    lifetime = settings.WARTA_FRAGMENT_CACHE_SECONDS
    found: dict[int, FeedEntry] = {}
    if lifetime > 0:
        for pk in article_ids:
            entry = kept_get(FEED_ENTRIES.key(pk), lifetime=lifetime, small=True)
            if entry is not None:
                found[pk] = entry
    missing = [pk for pk in article_ids if pk not in found]
    if missing:
        seen = content_seen() if lifetime > 0 else 0
        for article in article_list_headlines().filter(pk__in=missing):
            entry = found[article.pk] = feed_entry(article)
            if lifetime > 0:
                kept_set(
                    FEED_ENTRIES.key(article.pk),
                    entry,
                    seen=seen,
                    keys=(article_key(article.pk),),
                    lifetime=lifetime,
                    small=True,
                )
    return [found[pk] for pk in article_ids if pk in found]
