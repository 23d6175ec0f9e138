"""The sitemap index, its sitemaps, and the news sitemap (the last 48 hours).

A publication makes every sitemap stale (content key ``sitemaps``), so each is rendered again a
second or so after each publication on a busy desk: they are made to cost little. The articles'
sitemap reads four columns, not articles, and is written without a template loop (5,000 lines a
page); the index asks the database for the newest date, never for every article.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.sax.saxutils import escape  # escapes text; parses nothing  # nosec B406

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from warta.newsroom.models import Article, Section
from warta.newsroom.public_pages import public_pages
from warta.newsroom.selectors import article_list_published, article_list_since

from .urls_absolute import absolute_url


class _PublicOrigin(Sitemap):
    """Locations on ``WARTA_BASE_URL``, whatever host the request came to."""

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.WARTA_BASE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.WARTA_BASE_URL).scheme


@dataclass(frozen=True, slots=True)
class ArticleLine:
    """What the articles' sitemap says of one article: its page and when it last changed."""

    location: str
    lastmod: datetime | None


def _live_articles() -> QuerySet[Article]:
    return article_list_published().select_related(None).prefetch_related(None)


class _ArticleLines:
    """The live articles as ArticleLine, newest first, sliced in the database as the
    paginator asks (a count, then one page)."""

    def __init__(self) -> None:
        self._rows = _live_articles().values_list(
            "slug", "section__slug", "first_published_at", "last_published_at"
        )

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ArticleLine]:
        zone = timezone.get_current_timezone()  # once a page, not once a line
        article_url = public_pages().article_url
        return [
            ArticleLine(
                location=absolute_url(
                    article_url(section=section, published=first.astimezone(zone), slug=slug)
                ),
                lastmod=last.astimezone(zone) if last else None,
            )
            for slug, section, first, last in self._rows[index]
        ]


class ArticleSitemap(_PublicOrigin):
    limit = 5000

    def items(self):
        return _ArticleLines()

    def location(self, item: ArticleLine) -> str:
        return item.location

    def lastmod(self, item: ArticleLine) -> datetime | None:
        return item.lastmod

    def get_latest_lastmod(self) -> datetime | None:
        return _live_articles().aggregate(latest=Max("last_published_at"))["latest"]


class SectionSitemap(_PublicOrigin):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()

    def location(self, item: Section) -> str:
        return absolute_url(item.get_absolute_url())


class NewsSitemap(_PublicOrigin):
    """Google News: articles first published in the last 48 hours, at most 1,000."""

    limit = 1000

    def _since(self) -> datetime:
        return timezone.now() - timedelta(hours=settings.WARTA_NEWS_SITEMAP_HOURS)

    def items(self):
        return article_list_since(since=self._since()).prefetch_related(None)[:1000]

    def lastmod(self, item: Article) -> datetime | None:
        return item.last_published_at

    def get_latest_lastmod(self) -> datetime | None:
        articles = article_list_since(since=self._since()).prefetch_related(None)
        return articles.aggregate(latest=Max("last_published_at"))["latest"]


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


def _url_line(location: str, lastmod: datetime | None, changefreq: str | None) -> str:
    parts = [f"<url><loc>{escape(location)}</loc>"]
    if lastmod is not None:
        parts.append(f"<lastmod>{lastmod.date().isoformat()}</lastmod>")
    if changefreq:
        parts.append(f"<changefreq>{escape(changefreq)}</changefreq>")
    parts.append("</url>")
    return "".join(parts)


def _lines(site: Sitemap, page: int | str) -> list[str]:
    objects = site.paginator.page(page).object_list
    if isinstance(site, ArticleSitemap):
        return [_url_line(line.location, line.lastmod, None) for line in objects]
    changefreq = getattr(site, "changefreq", None)
    return [_url_line(site.location(item), None, changefreq) for item in objects]


@x_robots_tag
def sitemap(request: HttpRequest, section: str) -> HttpResponse:
    """One page (``?p=``) of the articles' or the sections' sitemap: what Django's sitemap view
    writes, but line by line rather than through a template loop, and with the newest date
    from the database (Django's reads every item for it)."""
    sitemap_class = SITEMAPS.get(section)
    if sitemap_class is None or sitemap_class is NewsSitemap:
        raise Http404(f"No sitemap available for section: {section!r}")
    site = sitemap_class()
    page = request.GET.get("p", 1)
    try:
        lines = _lines(site, page)
    except EmptyPage as error:
        raise Http404(f"Page {page} empty") from error
    except PageNotAnInteger as error:
        raise Http404(f"No page {page!r}") from error
    body = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *lines,
            "</urlset>\n",
        ]
    )
    response = HttpResponse(body, content_type="application/xml")
    if isinstance(site, ArticleSitemap) and (latest := site.get_latest_lastmod()) is not None:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response
