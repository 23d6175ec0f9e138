"""A page that is not there is the site's own "Page not found", with its masthead and sections,
also where the demo runs with DEBUG on (Django would list every route instead); a list page past
the end or with a junk number is not there; a server error is the site's own page too."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error
from lxml import html as lxml_html

from warta.newsroom.tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 8, 8, 0, tzinfo=UTC)
DJANGOS_DEBUG_PAGE = "Using the URLconf"  # what Django's technical 404 page says
# Each list page, with what it needs besides ?page=.
LIST_PAGES = [
    ("/world/", {}),
    ("/tag/ports/", {}),
    ("/author/port-desk/", {}),
    ("/search/", {"q": "harbour"}),
]


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.fixture
def listed(settings):
    """Five articles in one section, under one tag and one author: two pages of three."""
    settings.WARTA_ARTICLES_PER_PAGE = 3
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


def _sites_not_found_page(response) -> None:
    assert response.status_code == 404
    page = response.content.decode()
    assert DJANGOS_DEBUG_PAGE not in page
    doc = lxml_html.fromstring(page)
    assert doc.cssselect("h1")[0].text_content() == "Page not found"
    assert doc.cssselect("header.masthead nav.sections")  # the site's layout around it
    assert doc.cssselect("footer.site-footer")


@pytest.mark.parametrize("path", ["/no/such/page/", "/no-such-section/", "/tag/no-such-tag/"])
def test_a_missing_page_is_the_sites_not_found_page(client, debug, path):
    _sites_not_found_page(client.get(path))


def test_a_missing_article_is_the_sites_not_found_page(client, debug):
    SectionFactory(slug="world")

    _sites_not_found_page(client.get("/world/2026/01/08/no-such-story.html"))


def test_a_missing_slash_still_redirects_under_debug(client, debug, listed):
    response = client.get("/world")

    assert response.status_code == 301
    assert response["Location"] == "/world/"


@pytest.mark.parametrize("path", ["/admin/no-such-screen/", "/admin/pages/999999/edit/"])
def test_the_back_office_keeps_its_own_not_found_pages(admin_client, settings, path):
    settings.DEBUG = True

    response = admin_client.get(path)

    assert response.status_code == 404
    assert not lxml_html.fromstring(response.content.decode()).cssselect("header.masthead")


@pytest.mark.parametrize(("path", "query"), LIST_PAGES)
@pytest.mark.parametrize("number", ["3", "99", "0", "-1", "abc", "2.5", ""])
def test_a_list_page_that_is_not_there_is_not_found(client, debug, listed, path, query, number):
    _sites_not_found_page(client.get(path, {**query, "page": number}))


@pytest.mark.parametrize(("path", "query"), LIST_PAGES)
def test_the_list_pages_that_are_there_answer(client, listed, path, query):
    first = client.get(path, query)
    also_first = client.get(path, {**query, "page": "1"})
    second = client.get(path, {**query, "page": "2"})

    assert (first.status_code, also_first.status_code, second.status_code) == (200, 200, 200)
    titles = lxml_html.fromstring(second.content.decode()).cssselect(".card-title a")
    assert [a.text_content() for a in titles] == ["Harbour story 1", "Harbour story 0"]


def test_an_empty_list_still_has_its_first_page(client):
    SectionFactory(slug="world")

    assert client.get("/world/?page=1").status_code == 200
    assert client.get("/search/?page=1").status_code == 200
    _sites_not_found_page(client.get("/world/?page=2"))


def test_a_server_error_is_the_sites_own_page():
    response = server_error(RequestFactory().get("/world/"))

    assert response.status_code == 500
    doc = lxml_html.fromstring(response.content.decode())
    assert doc.cssselect("h1")[0].text_content() == "Something went wrong"
    assert doc.cssselect("link[rel=stylesheet]")
    assert doc.cssselect("a[href='/']")
