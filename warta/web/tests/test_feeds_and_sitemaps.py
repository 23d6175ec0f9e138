from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date
from lxml import etree

from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _xml(response):
    assert response.status_code == 200
    return etree.fromstring(response.content)  # raises if the XML is not well-formed


@pytest.fixture
def stories():
    now = timezone.now()
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business")
    return {
        "fresh": ArticleFactory(
            section=world, headline="Fresh world story", first_published_at=now - timedelta(hours=2)
        ),
        "old": ArticleFactory(
            section=business,
            headline="Old business story",
            first_published_at=now - timedelta(days=5),
        ),
        "premium": ArticleFactory(
            section=world,
            headline="Premium analysis",
            access_level=AccessLevel.PREMIUM,
            first_published_at=now - timedelta(hours=30),
            body=[("paragraph", "<p>Secret premium paragraph</p>")],
        ),
        "draft": ArticleFactory(section=world, headline="Unpublished draft", live=False),
    }


def test_rss_feed_lists_live_articles_newest_first_with_dek_only(client, stories):
    rss = _xml(client.get("/feeds/rss.xml"))

    titles = rss.xpath("/rss/channel/item/title/text()")
    assert titles == ["Fresh world story", "Premium analysis", "Old business story"]
    links = rss.xpath("/rss/channel/item/link/text()")
    assert links[0] == "https://news.example" + stories["fresh"].get_absolute_url()
    assert rss.xpath("/rss/channel/item/description/text()")[0] == stories["fresh"].dek
    assert b"Secret premium paragraph" not in client.get("/feeds/rss.xml").content


def test_atom_feed_is_valid_and_per_section(client, stories):
    atom = _xml(client.get("/feeds/world/atom.xml"))

    titles = atom.xpath("//atom:entry/atom:title/text()", namespaces=NS)
    assert titles == ["Fresh world story", "Premium analysis"]
    assert atom.xpath("//atom:entry/atom:updated/text()", namespaces=NS)


def test_section_rss_and_unknown_section_feed(client, stories):
    rss = _xml(client.get("/feeds/business/rss.xml"))

    assert rss.xpath("/rss/channel/item/title/text()") == ["Old business story"]
    assert client.get("/feeds/nowhere/rss.xml").status_code == 404


def test_sitemap_index_lists_article_section_and_news_sitemaps(client, stories):
    index = _xml(client.get("/sitemap.xml"))

    locations = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert "https://news.example/sitemap-articles.xml" in locations
    assert "https://news.example/sitemap-sections.xml" in locations
    assert "https://news.example/sitemap-news.xml" in locations


def test_article_sitemap_has_every_live_article_with_lastmod(client, stories):
    sitemap = _xml(client.get("/sitemap-articles.xml"))

    locations = set(sitemap.xpath("//sm:url/sm:loc/text()", namespaces=NS))
    expected = {
        "https://news.example" + stories[k].get_absolute_url() for k in ("fresh", "old", "premium")
    }
    assert locations == expected
    assert len(sitemap.xpath("//sm:url/sm:lastmod", namespaces=NS)) == 3


def test_news_sitemap_has_only_the_last_48_hours(client, stories):
    sitemap = _xml(client.get("/sitemap-news.xml"))

    titles = sitemap.xpath("//news:news/news:title/text()", namespaces=NS)
    assert titles == ["Fresh world story", "Premium analysis"]
    dates = sitemap.xpath("//news:news/news:publication_date/text()", namespaces=NS)
    assert all(d.endswith("+07:00") for d in dates)
    assert sitemap.xpath("//news:publication/news:name/text()", namespaces=NS)


def test_article_sitemap_pages_newest_first_and_past_the_end_is_not_found(
    client, stories, monkeypatch
):
    from warta.web.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    first = _xml(client.get("/sitemap-articles.xml"))
    second = _xml(client.get("/sitemap-articles.xml?p=2"))

    def paths(sitemap):
        return [
            loc.removeprefix("https://news.example")
            for loc in sitemap.xpath("//sm:url/sm:loc/text()", namespaces=NS)
        ]

    newest = [stories[k].get_absolute_url() for k in ("fresh", "premium", "old")]
    assert paths(first) + paths(second) == newest
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
    index = _xml(client.get("/sitemap.xml"))
    locations = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert "https://news.example/sitemap-articles.xml?p=2" in locations


def test_article_sitemap_says_when_the_newest_change_was(client, stories):
    response = client.get("/sitemap-articles.xml")

    latest = max(a.last_published_at for k, a in stories.items() if k != "draft")
    assert response["Last-Modified"] == http_date(latest.timestamp())
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    lastmods = _xml(response).xpath("//sm:url/sm:lastmod/text()", namespaces=NS)
    assert lastmods[0] == timezone.localtime(stories["fresh"].last_published_at).date().isoformat()
