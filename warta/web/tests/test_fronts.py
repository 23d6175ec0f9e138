from datetime import UTC, datetime, timedelta

import pytest
from lxml import html as lxml_html

from warta.newsroom.models import FrontPage, FrontPageStory
from warta.newsroom.tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 8, 8, 0, tzinfo=UTC)


def _doc(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def _titles(doc, selector=".card-title a"):
    return [a.text_content() for a in doc.cssselect(selector)]


def test_home_leads_with_the_editors_top_stories_in_order(client):
    world = SectionFactory(name="World", slug="world")
    older = ArticleFactory(section=world, headline="Older lead", first_published_at=T0)
    newer = ArticleFactory(
        section=world, headline="Newest", first_published_at=T0 + timedelta(hours=5)
    )
    front = FrontPage.objects.create(name="Home page")
    FrontPageStory.objects.create(front_page=front, article=older, sort_order=0)
    FrontPageStory.objects.create(front_page=front, article=newer, sort_order=1)

    doc = _doc(client.get("/"))

    assert _titles(doc, ".card-lead .card-title a") == ["Older lead"]
    assert _titles(doc, ".top-list .card-title a")[0] == "Newest"


def test_home_without_top_stories_leads_with_the_newest(client):
    ArticleFactory(headline="Yesterday", first_published_at=T0)
    ArticleFactory(headline="Today", first_published_at=T0 + timedelta(days=1))

    doc = _doc(client.get("/"))

    assert _titles(doc, ".card-lead .card-title a") == ["Today"]


def test_home_lists_latest_by_section_without_unpublished(client):
    business = SectionFactory(name="Business", slug="business")
    for i in range(8):
        ArticleFactory(
            section=business, headline=f"Markets {i}", first_published_at=T0 + timedelta(hours=i)
        )
    ArticleFactory(section=business, headline="Draft story", live=False)

    doc = _doc(client.get("/"))

    block = doc.cssselect("#section-business")[0].getparent()
    titles = _titles(block)
    assert titles == ["Markets 2", "Markets 1", "Markets 0"]  # the 5 newest lead the page
    assert "Draft story" not in doc.text_content()


def test_home_query_count_does_not_grow_with_sections(client, django_assert_max_num_queries):
    for s in range(6):
        section = SectionFactory()
        for i in range(5):
            ArticleFactory(section=section, first_published_at=T0 + timedelta(hours=s * 10 + i))

    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_section_front_paginates_newest_first(client, settings):
    settings.WARTA_ARTICLES_PER_PAGE = 3
    world = SectionFactory(name="World", slug="world")
    for i in range(7):
        ArticleFactory(
            section=world, headline=f"Story {i}", first_published_at=T0 + timedelta(hours=i)
        )

    first = _doc(client.get("/world/"))
    third = _doc(client.get("/world/?page=3"))
    beyond = client.get("/world/?page=99")

    assert first.cssselect("h1")[0].text_content() == "World"
    assert _titles(first) == ["Story 6", "Story 5", "Story 4"]
    assert _titles(third) == ["Story 0"]
    assert beyond.status_code == 404  # past the end: no such page (test_not_found.py)
    assert first.cssselect('a[rel="next"]')[0].get("href") == "?page=2"
    assert not first.cssselect('a[rel="prev"]')
    assert third.cssselect('a[rel="prev"]')[0].get("href") == "?page=2"
    assert not third.cssselect('a[rel="next"]')  # the row past the page was not there
    assert third.cssselect("nav.pagination span")[0].text_content() == "Page 3"  # no total


def test_section_front_answers_junk_page_numbers_with_not_found(client):
    SectionFactory(slug="world")

    assert client.get("/world/?page=abc").status_code == 404


def test_unknown_section_is_404(client):
    assert client.get("/no-such-section/").status_code == 404


def test_tag_and_author_pages_list_their_articles(client):
    tag = TagFactory(name="Climate", slug="climate")
    desk = AuthorFactory(name="Data Team", slug="data-team", bio="Numbers behind the news.")
    ArticleFactory(headline="Tagged", tags=[tag])
    ArticleFactory(headline="By the desk", authors=[desk])
    ArticleFactory(headline="Neither")

    tag_doc = _doc(client.get("/tag/climate/"))
    author_doc = _doc(client.get("/author/data-team/"))

    assert _titles(tag_doc) == ["Tagged"]
    assert _titles(author_doc) == ["By the desk"]
    assert "Numbers behind the news." in author_doc.text_content()


def test_search_finds_published_articles_by_headline_and_body(client):
    ArticleFactory(headline="Jakarta opens a new commuter line", dek="Trains every five minutes.")
    ArticleFactory(headline="Hidden draft about trains", live=False)

    found = _doc(client.get("/search/", {"q": "commuter"}))
    none = _doc(client.get("/search/", {"q": "zzzzunlikely"}))

    assert _titles(found) == ["Jakarta opens a new commuter line"]
    assert "Nothing found" in none.text_content()
    assert "Hidden draft" not in found.text_content()


def test_search_with_empty_or_huge_query_answers_calmly(client):
    assert client.get("/search/").status_code == 200
    assert client.get("/search/", {"q": "x" * 10_000}).status_code == 200


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: https://news.example/sitemap.xml" in text
