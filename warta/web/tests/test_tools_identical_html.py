"""The reader tools keep the article page one page for every anonymous reader: whatever their
browser, their text size or whether they dismissed the app banner, the server sends the same
bytes, shareable by a CDN, and never varies on User-Agent."""

import pytest
from django.test import Client

from warta.gifts.tests.factories import premium_article
from warta.newsroom.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture(autouse=True)
def app(settings):
    settings.WARTA_APP_NAME = "Warta Daily"
    settings.WARTA_APP_IOS_APP_ID = "1234567890"
    settings.WARTA_APP_ANDROID_PACKAGE = "news.example.warta"
    settings.WARTA_APP_SCHEME = "wartadaily"


def _reader(user_agent: str, **cookies: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


@pytest.mark.parametrize("kind", ["free", "premium"])
def test_every_anonymous_reader_gets_the_same_article_bytes(kind):
    article = ArticleFactory() if kind == "free" else premium_article()
    url = article.get_absolute_url()

    plain = _reader("").get(url)
    old = _reader(IE11).get(url)
    phone = _reader(IPHONE, warta_text_size="large", dismissed="1").get(url)

    assert plain.status_code == old.status_code == phone.status_code == 200
    assert plain.content == old.content == phone.content
    for response in (plain, old, phone):
        assert "User-Agent" not in response.get("Vary", "")
        assert "public" in response["Cache-Control"]
        assert not response.cookies


def test_the_page_carries_every_tool_for_everyone():
    article = ArticleFactory()

    page = _reader(IE11).get(article.get_absolute_url()).content.decode()

    for piece in (
        "data-text-size-control",
        "data-share",
        "data-app-banner",
        'id="browser-notice"',
        'id="warta-browser-policy"',
        "<script nomodule src=",
    ):
        assert piece in page
