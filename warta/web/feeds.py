"""RSS 2.0 and Atom feeds, for the whole site and per section.

Items carry the headline and the dek only: a feed never carries body text, so it cannot leak a
paywalled body to a feed reader.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from warta.newsroom.models import Article, Section
from warta.newsroom.selectors import article_list_headlines

from .urls_absolute import absolute_url

FEED_ITEMS = 30


class SiteFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    description = settings.WARTA_SITE_TAGLINE

    def title(self, obj=None) -> str:
        return settings.WARTA_SITE_NAME

    def link(self, obj=None) -> str:
        return absolute_url("/")

    def items(self, obj=None):
        return article_list_headlines()[:FEED_ITEMS]

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.dek

    def item_link(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item: Article):
        return item.first_published_at

    def item_updateddate(self, item: Article):
        return item.last_published_at

    def item_author_name(self, item: Article) -> str:
        return ", ".join(item.source_names())

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(t.name for t in item.tags.all())]


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

    def items(self, obj=None):
        return article_list_headlines(section=obj)[:FEED_ITEMS]


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SiteFeed.description
