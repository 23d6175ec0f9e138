"""RSS 2.0 and Atom feeds, for the whole site and per section.

Items carry the headline and the dek only: a feed never carries body text, so it cannot leak a
paywalled body to a feed reader. A feed reads its stories' ids, and their entries are kept once
per published version of each story (web/feed_entries.py).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from warta.newsroom.models import Section
from warta.newsroom.selectors import article_list_headlines

from .feed_entries import FeedEntry, feed_entries
from .urls_absolute import absolute_url

FEED_ITEMS = 30


class SiteFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    description = settings.WARTA_SITE_TAGLINE

    def title(self, obj=None) -> str:
        return settings.WARTA_SITE_NAME

    def link(self, obj=None) -> str:
        return absolute_url("/")

    def items(self, obj=None) -> list[FeedEntry]:
        return _entries(article_list_headlines())

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.link

    def item_pubdate(self, item: FeedEntry):
        return item.published

    def item_updateddate(self, item: FeedEntry):
        return item.updated

    def item_author_name(self, item: FeedEntry) -> str:
        return item.author_name

    def item_categories(self, item: FeedEntry) -> list[str]:
        return list(item.categories)


def _entries(articles) -> list[FeedEntry]:
    ids = articles.prefetch_related(None).values_list("pk", flat=True)[:FEED_ITEMS]
    return feed_entries(list(ids))


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed
    subtitle = SiteFeed.description


class SectionFeed(SiteFeed):
    def get_object(self, request, section: str) -> Section:
        return get_object_or_404(Section, slug=section)

    def title(self, obj=None) -> str:
        return f"{obj.name} | {settings.WARTA_SITE_NAME}"

    def link(self, obj=None) -> str:
        return absolute_url(obj.get_absolute_url())

    def items(self, obj=None) -> list[FeedEntry]:
        return _entries(article_list_headlines(section=obj))


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SiteFeed.description
