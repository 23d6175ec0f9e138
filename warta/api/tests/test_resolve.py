"""GET /api/v1/resolve?url=: a universal link opens the right article."""

from urllib.parse import quote

import pytest

from warta.api.problems import ARTICLE_NOT_FOUND, INVALID_PARAMETER, URL_NOT_ON_SITE
from warta.newsroom.models import ArticleSlugHistory
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory, TagFactory

from .api_client import api_get, assert_matches_schema, assert_problem, body

pytestmark = pytest.mark.django_db

SITE = "https://news.example"


def _resolve(client, url: str):
    return api_get(client, f"/resolve?url={quote(url, safe='')}")


def test_an_articles_url_resolves_to_its_resource(client):
    article = ArticleFactory()

    response = _resolve(client, SITE + article.get_absolute_url() + "?utm_source=app#top")

    document = body(response)
    assert_matches_schema(document, "ArticleResource")
    assert document["id"] == article.pk
    assert response["Surrogate-Key"] == f"article-{article.pk}"


def test_the_print_view_and_an_old_address_open_the_article_too(client):
    article = ArticleFactory(slug="new-name")
    old_url = article.get_absolute_url().replace("new-name", "old-name")
    ArticleSlugHistory.objects.create(slug="old-name", article=article)

    assert body(_resolve(client, SITE + article.get_print_url()))["id"] == article.pk
    assert body(_resolve(client, SITE + old_url))["id"] == article.pk


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/world/2026/01/08/story.html",
        "http://news.example/world/2026/01/08/story.html",  # another origin: the scheme too
        "https://news.example.evil.example/world/",
        "/world/2026/01/08/story.html",
        "news.example/world/",
        "javascript:alert(1)",
        "https://[news.example/",
        "",
    ],
)
def test_a_url_not_on_the_site_is_a_bad_request(client, url):
    assert_problem(_resolve(client, url), URL_NOT_ON_SITE)


def test_an_address_of_the_site_that_is_no_article_is_not_found(client):
    article = ArticleFactory(live=False)
    SectionFactory(slug="world")
    TagFactory(slug="rain")

    for path in ("/world/", "/tag/rain/", "/", "/nowhere/at/all", article.get_absolute_url()):
        assert_problem(_resolve(client, SITE + path), ARTICLE_NOT_FOUND)


def test_resolve_needs_a_url(client):
    assert_problem(api_get(client, "/resolve"), INVALID_PARAMETER)
    assert_problem(_resolve(client, SITE + "/" + "a" * 3000), INVALID_PARAMETER)
