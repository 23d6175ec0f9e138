"""The sitemap index, its sitemaps, and the news sitemap (the last 48 hours)."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from warta.newsroom.models import Article, Section
from warta.newsroom.selectors import article_list_published, article_list_since

from .urls_absolute import absolute_url


class _PublicOrigin(Sitemap):
    """Locations on ``WARTA_BASE_URL``, whatever host the request came to."""

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.WARTA_BASE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.WARTA_BASE_URL).scheme


class ArticleSitemap(_PublicOrigin):
    limit = 5000

    def items(self):
        return (
            article_list_published()
            .select_related(None)
            .select_related("section")
            .prefetch_related(None)
            .only("slug", "first_published_at", "last_published_at", "section__slug")
        )

    def lastmod(self, item: Article):
        return item.last_published_at


class SectionSitemap(_PublicOrigin):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class NewsSitemap(_PublicOrigin):
    """Google News: articles first published in the last 48 hours, at most 1,000."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(hours=settings.WARTA_NEWS_SITEMAP_HOURS)
        return article_list_since(since=since).prefetch_related(None)[:1000]

    def lastmod(self, item: Article):
        return item.last_published_at


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "news": NewsSitemap}


def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """The sitemap index, on the public origin (Django's own uses the request's host)."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("web:sitemap", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append({"location": location, "last_mod": lastmod})
        entries += [
            {"location": f"{location}?p={page}", "last_mod": lastmod}
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
