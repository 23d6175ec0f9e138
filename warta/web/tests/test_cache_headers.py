import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from warta.accounts.models import User
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def premium():
    return ArticleFactory(
        access_level=AccessLevel.PREMIUM, first_published_at=timezone.now() - timedelta(hours=1)
    )


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


A_NEW_MINUTE = 1_795_000_020.0  # 2026-11-18 11:07:00 UTC, the first instant of a minute
STARTED = re.compile(rb'name="started" value="([^"]*)"')


@contextmanager
def _clocks_at(instant: float) -> Iterator[None]:
    """The page's clocks stopped at ``instant``: the feedback box's start token, the minute the
    page was made (``time.time``), and the footer's year (``{% now %}``). Both are the same for
    every reader at one moment, and change when the minute (the year) does."""
    at = datetime.fromtimestamp(instant, tz=UTC)

    class Stopped(datetime):
        @classmethod
        def now(cls, tz=None):
            return at.astimezone(tz) if tz is not None else at.replace(tzinfo=None)

    with (
        mock.patch("time.time", return_value=instant),
        mock.patch("django.template.defaulttags.datetime", Stopped),
    ):
        yield


def test_anonymous_article_page_is_shareable_and_identical_for_every_anonymous_reader(premium):
    url = premium.get_absolute_url()
    # One moment, a tenth of a second before a new minute: the page carries the minute it was
    # made (the feedback box's start token), so readers a minute apart rightly get other bytes.
    with _clocks_at(A_NEW_MINUTE - 0.1):
        plain = Client().get(url)
        bot = Client(HTTP_USER_AGENT="Googlebot/2.1").get(url)
        referred = Client(HTTP_REFERER="https://www.google.com/").get(url)

    assert {"public", "max-age=0", "s-maxage=60"} <= _cache_control(plain)
    assert plain.content == bot.content == referred.content
    assert not plain.cookies
    assert "User-Agent" not in plain.get("Vary", "")


def test_anonymous_article_page_changes_with_the_minute_only_in_the_feedback_start_token(premium):
    url = premium.get_absolute_url()
    with _clocks_at(A_NEW_MINUTE - 0.1):
        before = Client().get(url).content
    with _clocks_at(A_NEW_MINUTE + 0.1):
        after = Client(HTTP_USER_AGENT="Googlebot/2.1").get(url).content

    assert before != after  # what made the test above fail when its readers straddled a minute
    assert STARTED.sub(b"", before) == STARTED.sub(b"", after)
    assert STARTED.search(before)[1].split(b":")[0] == str(int(A_NEW_MINUTE) - 60).encode()
    assert STARTED.search(after)[1].split(b":")[0] == str(int(A_NEW_MINUTE)).encode()


def test_signed_in_reader_gets_a_private_page(premium):
    client = Client()
    client.force_login(User.objects.create_user(username="reader", email="r@example.org"))

    response = client.get(premium.get_absolute_url())

    assert {"private", "no-store"} <= _cache_control(response)
    assert "public" not in _cache_control(response)


@pytest.mark.parametrize("url", ["/", "/feeds/rss.xml", "/sitemap.xml", "/search/?q=x"])
def test_anonymous_lists_feeds_and_sitemaps_are_shareable(url):
    response = Client().get(url)

    assert "public" in _cache_control(response)


def test_a_post_is_never_shared():
    response = Client().post("/search/")

    assert response.status_code == 405
    assert "public" not in _cache_control(response)


def test_a_response_that_sets_a_cookie_is_private():
    response = Client().get("/accounts/login/")

    assert response.cookies  # the CSRF cookie
    assert "private" in _cache_control(response)


def test_a_form_page_is_private_even_for_a_returning_browser_with_its_csrf_cookie():
    client = Client()
    client.get("/accounts/login/")  # the first visit sets the CSRF cookie

    response = client.get("/accounts/login/")

    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "private" in _cache_control(response)


def test_shared_pages_name_what_they_show_for_purging_by_key(premium):
    from warta.newsroom.tests.factories import TagFactory

    tag = TagFactory(slug="rupiah")
    section = premium.section

    # The article, and the stories it lists as related: not its section's newer stories, which
    # it does not show (decision 0017).
    related = ArticleFactory(section=section, first_published_at=timezone.now() - timedelta(days=1))

    both = {f"article-{premium.pk}", f"article-{related.pk}"}

    def keys(url: str) -> list[str]:
        return Client().get(url)["Surrogate-Key"].split()

    # Lists: the list, then the stories they show (an update in place names only those).
    assert keys("/")[0] == "home" and set(keys("/")[1:]) == both
    assert keys(premium.get_absolute_url()) == [f"article-{premium.pk}", f"article-{related.pk}"]
    section_keys = keys(section.get_absolute_url())
    assert section_keys[0] == f"section-{section.slug}" and set(section_keys[1:]) == both
    assert keys(tag.get_absolute_url()) == ["tag-rupiah"]  # it lists no story yet
    # Pages whose views name nothing: by where they are.
    assert Client().get("/feeds/rss.xml")["Surrogate-Key"] == "feeds"
    assert Client().get(f"/feeds/{section.slug}/atom.xml")["Surrogate-Key"] == (
        f"feeds-{section.slug}"
    )
    assert Client().get("/sitemap-news.xml")["Surrogate-Key"] == "sitemaps"
    assert Client().get("/search/?q=rupiah")["Surrogate-Key"] == "search"
    assert Client().get("/no-such-page/")["Surrogate-Key"] == "other"


def test_personal_pages_carry_no_surrogate_key(premium):
    reader = Client()
    reader.force_login(User.objects.create_user("reader", "reader@example.org", "x"))

    response = reader.get(premium.get_absolute_url())

    assert "private" in _cache_control(response)
    assert "Surrogate-Key" not in response
