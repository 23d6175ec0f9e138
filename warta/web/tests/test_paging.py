"""Lists are paged without a total: a page reads one row more than it shows to know whether an
older page follows, and the pager says "Newer" and "Older" (web/paging.py). A count of a
section's or a tag's stories grows with the archive; these tests fail if one comes back.

Which pages are not there (past the end, junk numbers): test_not_found.py."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.newsroom.tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from warta.web import paging
from warta.web.paging import NO_SUCH_PAGE, PAGE_MAX, list_page, page_number

T0 = datetime(2026, 1, 8, 8, 0, tzinfo=UTC)
LIST_PAGES = ["/world/", "/tag/ports/", "/author/port-desk/"]


def _page(items, number: str | None = None, *, per_page: int = 2):
    query = {} if number is None else {"page": number}
    return list_page(RequestFactory().get("/", query), items, per_page=per_page)


JUNK = ["", "0", "-1", "+2", " 2", "2.5", "abc", "\N{FULLWIDTH DIGIT TWO}", "9" * 5000]


@pytest.mark.parametrize(
    ("value", "number"),
    [("1", 1), ("2", 2), ("01", 1), (str(PAGE_MAX), PAGE_MAX), (str(PAGE_MAX + 1), None)]
    + [(junk, None) for junk in JUNK],
)
def test_page_numbers(value, number):
    assert page_number(value) == number


def test_a_list_in_memory_is_paged_with_its_total():
    first, last = _page(list("abcde")), _page(list("abcde"), "3")

    assert (first.object_list, first.number, first.total) == (["a", "b"], 1, 5)
    assert (first.has_previous, first.has_next, first.has_other_pages) == (False, True, True)
    assert first.next_page_number == 2
    assert (last.object_list, last.has_previous, last.has_next) == (["e"], True, False)
    assert last.previous_page_number == 2


def test_a_list_that_fills_its_last_page_exactly_has_no_older_page():
    page = _page(list("abcd"), "2")

    assert (page.object_list, page.has_next) == (["c", "d"], False)


def test_past_the_end_and_junk_are_not_found_with_the_sites_message():
    for number in ["4", "0", "abc", "2.5", str(PAGE_MAX + 1)]:
        with pytest.raises(Http404, match=NO_SUCH_PAGE):
            _page(list("abcde"), number)


def test_the_first_page_of_an_empty_list_is_there():
    page = _page([])

    assert (page.object_list, page.has_other_pages, page.total) == ([], False, 0)
    with pytest.raises(Http404):
        _page([], "2")


def test_the_deepest_page_has_no_older_page(monkeypatch):
    monkeypatch.setattr(paging, "PAGE_MAX", 2)

    deepest = _page(list("abcdefg"), "2")

    assert (deepest.object_list, deepest.has_next) == (["c", "d"], False)
    with pytest.raises(Http404, match=NO_SUCH_PAGE):
        _page(list("abcdefg"), "3")


@pytest.mark.django_db
def test_a_query_is_read_one_row_past_the_page_and_never_counted():
    for i in range(5):
        ArticleFactory(headline=f"Story {i}", first_published_at=T0 + timedelta(hours=i))
    newest_first = Article.objects.filter(live=True).order_by("-first_published_at")

    with CaptureQueriesContext(connection) as queries:
        page = _page(newest_first, "2")

    assert [a.headline for a in page.object_list] == ["Story 2", "Story 1"]
    assert (page.has_previous, page.has_next, page.total) == (True, True, None)
    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "COUNT(" not in sql
    assert "LIMIT 3" in sql and "OFFSET 2" in sql


@pytest.fixture
def listed(settings):
    """Five stories in one section, under one tag and one author: pages of two."""
    settings.WARTA_ARTICLES_PER_PAGE = 2
    world = SectionFactory(name="World", slug="world")
    tag = TagFactory(name="Ports", slug="ports")
    desk = AuthorFactory(name="Port Desk", slug="port-desk")
    for i in range(5):
        ArticleFactory(
            headline=f"Harbour story {i}",
            section=world,
            tags=[tag],
            authors=[desk],
            first_published_at=T0 + timedelta(hours=i),
        )


def _pager(client, path: str, number: str):
    response = client.get(path, {"page": number})
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    nav = doc.cssselect("nav.pagination")[0]
    links = {a.get("rel"): (a.text_content(), a.get("href")) for a in nav.cssselect("a")}
    return nav.get("aria-label"), nav.cssselect("span")[0].text_content(), links


@pytest.mark.django_db
@pytest.mark.parametrize("path", LIST_PAGES)
def test_the_pager_links_newer_and_older_pages_without_a_total(client, listed, path):
    assert _pager(client, path, "1") == ("Pages", "Page 1", {"next": ("Older →", "?page=2")})
    assert _pager(client, path, "2") == (
        "Pages",
        "Page 2",
        {"prev": ("← Newer", "?page=1"), "next": ("Older →", "?page=3")},
    )
    assert _pager(client, path, "3") == ("Pages", "Page 3", {"prev": ("← Newer", "?page=2")})


@pytest.mark.django_db
@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_count_no_stories(client, listed, path):
    for number in ["1", "3"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, {"page": number}).status_code == 200

        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        assert not [sql for sql in counts if "newsroom_article" in sql], counts


@pytest.mark.django_db
def test_search_results_say_how_many_there_are(client, settings):
    settings.WARTA_ARTICLES_PER_PAGE = 2
    for i in range(3):
        ArticleFactory(headline=f"Commuter line {i}", first_published_at=T0 + timedelta(hours=i))

    first = lxml_html.fromstring(client.get("/search/", {"q": "commuter"}).content.decode())
    second = lxml_html.fromstring(
        client.get("/search/", {"q": "commuter", "page": "2"}).content.decode()
    )

    for doc in (first, second):
        assert doc.cssselect(".result-count")[0].text_content() == "3 results for “commuter”"
    assert len(first.cssselect(".card-title")) == 2
    assert len(second.cssselect(".card-title")) == 1
    assert first.cssselect('nav.pagination a[rel="next"]')[0].get("href") == "?q=commuter&page=2"
