"""warta's own cache of anonymous pages: hits cost no query; publishing empties it; personal
requests and responses never go through it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client as DjangoClient
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.services import article_create, article_publish, article_unpublish
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory, paragraphs
from warta.web.access_log import AccessLog
from warta.web.page_cache import HIT_HEADER, PageCache, request_is_cacheable, response_is_storable
from warta.web.tests.page_cache_client import PageCacheClient as Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    settings.WARTA_FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_second_anonymous_view_is_a_hit_without_any_query(settings, django_assert_num_queries):
    # As in production: the first view read the content version, the second trusts it.
    settings.WARTA_CONTENT_CHANGES_SECONDS = 60
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    first = Client().get(article.get_absolute_url())

    with django_assert_num_queries(0):
        second = Client(HTTP_USER_AGENT="Googlebot/2.1").get(article.get_absolute_url())

    assert first[HIT_HEADER] == "miss" and second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_publishing_empties_the_cache_at_once(django_capture_on_commit_callbacks):
    section = SectionFactory(slug="world", name="World")
    article = article_create(
        headline="Ports reopen after the storm",
        slug="ports-reopen",
        dek="Ships move again.",
        section=section,
        body=paragraphs("The ports reopened."),
        publish=True,
    )
    assert "Ports reopen after the storm" in Client().get("/").content.decode()

    article.headline = "Ports reopen as the storm passes"
    article.save_revision()
    with django_capture_on_commit_callbacks(execute=True):  # the publication commits
        article_publish(article=article)

    home = Client().get("/")
    # Still in the cache (the story is where it was in every list), with the story's new card.
    assert home[HIT_HEADER] == "hit"
    assert "Ports reopen as the storm passes" in home.content.decode()
    assert "Ports reopen after the storm" not in home.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article)
    assert "Ports reopen" not in Client().get("/").content.decode()


def test_signed_in_readers_neither_get_nor_fill_the_cache():
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    Client().get(article.get_absolute_url())  # the anonymous page is cached
    reader = Client()
    reader.force_login(User.objects.create_user("reader", "reader@example.org", "x"))

    response = reader.get(article.get_absolute_url())

    assert HIT_HEADER not in response
    assert "Sign out" in response.content.decode()


def test_a_gift_readers_page_is_never_cached_nor_served_from_the_cache():
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    Client().get(article.get_absolute_url())  # the teaser is cached for anonymous readers
    reader = Client()

    reader.get(f"{article.get_absolute_url()}?gift={made.token}")
    gifted = reader.get(article.get_absolute_url())
    anonymous = Client().get(article.get_absolute_url())

    assert CANARY in gifted.content.decode() and HIT_HEADER not in gifted
    assert CANARY not in anonymous.content.decode() and anonymous[HIT_HEADER] == "hit"


def test_responses_that_set_cookies_or_are_private_are_not_stored():
    first = Client().get("/accounts/login/")
    second = Client().get("/accounts/login/")

    assert HIT_HEADER not in first and HIT_HEADER not in second
    assert second.cookies  # a fresh CSRF cookie: the page was made again


def test_the_cache_can_be_turned_off(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 0
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))

    responses = [Client().get(article.get_absolute_url()) for _ in range(2)]

    assert all(HIT_HEADER not in r for r in responses)


def test_a_head_request_is_answered_from_the_cache_without_a_body():
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    full = Client().get(article.get_absolute_url())

    head = Client().head(article.get_absolute_url())

    assert head[HIT_HEADER] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))


def test_editing_a_section_in_the_back_office_empties_the_cache(
    django_capture_on_commit_callbacks,
):
    section = SectionFactory(slug="world", name="World")
    ArticleFactory(section=section, first_published_at=timezone.now() - timedelta(hours=1))
    assert ">World<" in Client().get("/").content.decode()
    staff = DjangoClient()  # the back office, behind no page cache
    staff.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/admin/snippets/newsroom/section/edit/{section.pk}/",
            {"name": "World News", "slug": "world", "description": "", "position": "0"},
        )

    home = Client().get("/")
    assert home[HIT_HEADER] == "miss"
    assert ">World News<" in home.content.decode()


def test_the_servers_application_is_behind_the_page_cache():
    from config.wsgi import application

    # Outside it only the access log, which must see cache hits too (warta/web/access_log.py).
    assert isinstance(application, AccessLog)
    assert isinstance(application.app, PageCache)


def test_cookies_that_do_not_change_the_page_still_get_the_shared_page():
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    Client().get(article.get_absolute_url())

    reader = Client()
    reader.cookies["warta_text_size"] = "large"
    reader.cookies["warta_app_banner"] = "dismissed"

    assert reader.get(article.get_absolute_url())[HIT_HEADER] == "hit"


def test_hosts_schemes_and_queries_get_entries_of_their_own():
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    url = article.get_absolute_url()
    Client().get(url)

    assert Client().get(url, secure=True)[HIT_HEADER] == "miss"
    assert Client().get(url, HTTP_HOST="testserver:8080")[HIT_HEADER] == "miss"
    assert Client().get(f"{url}?utm_source=x")[HIT_HEADER] == "miss"
    assert Client().get(url)[HIT_HEADER] == "hit"


def test_a_missing_page_is_kept_too():
    first = Client().get("/world/2020/01/01/no-such-article.html")
    second = Client().get("/world/2020/01/01/no-such-article.html")

    assert first.status_code == second.status_code == 404
    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")


@pytest.mark.parametrize(
    ("status", "headers", "storable"),
    [
        ("200 OK", [("Cache-Control", "public, s-maxage=60")], True),
        ("200 OK", [("Cache-Control", "public"), ("Vary", "Cookie, Accept-Encoding")], True),
        ("200 OK", [("Cache-Control", "public"), ("Vary", "Accept-Language")], False),
        ("200 OK", [("Cache-Control", "private, no-store")], False),
        ("200 OK", [], False),
        ("200 OK", [("Cache-Control", "public"), ("Set-Cookie", "csrftoken=x")], False),
        ("500 Internal Server Error", [("Cache-Control", "public")], False),
        ("204 No Content", [("Cache-Control", "public")], False),
        ("301 Moved Permanently", [("Cache-Control", "public")], True),
    ],
)
def test_which_answers_are_stored(status, headers, storable):
    assert response_is_storable(status, headers) is storable


@pytest.mark.parametrize(
    ("cookie", "query", "cacheable"),
    [
        ("", "", True),
        ("warta_text_size=large", "", True),
        ("sessionid=abc", "", False),
        ("warta_text_size=large; sessionid=abc", "", False),
        ("warta_gifts=signed", "", False),
        ("messages=abc", "", False),
        ("", "gift=token", False),
        ("", "page=2&gift=", False),
        ("", "page=2", True),
        ("notsessionid=1", "", True),
    ],
)
def test_which_requests_may_be_answered_from_the_cache(cookie, query, cacheable):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": query,
        "HTTP_COOKIE": cookie,
    }
    assert request_is_cacheable(environ) is cacheable
