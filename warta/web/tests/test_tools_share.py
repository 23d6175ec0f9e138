"""Share options: the panel's links carry the canonical URL, never the address in the browser."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone
from lxml import html as lxml_html

from warta.access.rules import Decision, Reason
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.web.article_context import article_page_context
from warta.web.share_links import share_links

pytestmark = pytest.mark.django_db

CANONICAL = "https://news.example/world/2026/01/08/china-pakistan.html"
TITLE = "China & Pakistan agree: 'security first'"


def _doc(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def _story(**kwargs):
    return ArticleFactory(
        section=SectionFactory(name="World", slug="world"),
        slug="china-pakistan",
        headline=TITLE,
        **kwargs,
    )


def test_share_links_put_whatsapp_first_then_the_others_in_order():
    links = share_links(url=CANONICAL, title=TITLE)

    assert [link.label for link in links] == [
        "WhatsApp",
        "Facebook",
        "X",
        "LinkedIn",
        "Telegram",
        "E-mail",
    ]


@pytest.mark.parametrize(
    "key,host,url_param",
    [
        ("whatsapp", "wa.me", "text"),
        ("facebook", "www.facebook.com", "u"),
        ("x", "x.com", "url"),
        ("linkedin", "www.linkedin.com", "url"),
        ("telegram", "t.me", "url"),
        ("email", "", "body"),
    ],
)
def test_each_share_link_carries_the_canonical_url(key, host, url_param):
    link = next(link for link in share_links(url=CANONICAL, title=TITLE) if link.key == key)

    parts = urlsplit(link.url)
    assert parts.scheme == ("mailto" if key == "email" else "https")
    assert parts.netloc == host
    assert CANONICAL in parse_qs(parts.query)[url_param][0]


def test_no_url_no_share_links():
    assert share_links(url="", title=TITLE) == []


def test_article_page_has_the_share_panel_with_every_option_and_copy_link():
    article = _story()

    doc = _doc(Client().get(article.get_absolute_url()))

    panel = doc.cssselect("details.share")[0]
    assert panel.cssselect("summary")[0].text_content().strip() == "Share"
    assert panel.get("data-share-url") == CANONICAL
    assert panel.get("data-share-title") == TITLE
    items = panel.cssselect(".share-list > li")
    assert [li.text_content().strip() for li in items] == [
        "Share on WhatsApp",
        "Share on Facebook",
        "Share on X",
        "Share on LinkedIn",
        "Share on Telegram",
        "Share on E-mail",
        "Copy link",
    ]
    copy = panel.cssselect("[data-share-copy]")[0]
    assert copy.tag == "button" and copy.get("hidden") is not None  # needs JavaScript
    status = panel.cssselect("[data-share-status]")[0]
    assert status.get("role") == "status"


def test_share_links_ignore_the_query_string_of_the_request():
    article = _story()

    doc = _doc(Client().get(article.get_absolute_url() + "?utm_source=newsletter&page=2"))

    for link in doc.cssselect(".share-list a"):
        assert "utm_source" not in link.get("href")
        assert "page%3D2" not in link.get("href")
    assert doc.cssselect("details.share")[0].get("data-share-url") == CANONICAL


def test_a_gift_reader_shares_the_canonical_url_not_the_gift_token():
    article = premium_article(
        section=SectionFactory(name="World", slug="world"), slug="gifted-story"
    )
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    client = Client()

    response = client.get(f"{article.get_absolute_url()}?gift={made.token}", follow=True)

    doc = _doc(response)
    assert doc.cssselect(".gift-banner")  # the gift was opened
    page = response.content.decode()
    assert made.token not in page
    canonical = "https://news.example" + article.get_absolute_url()
    assert doc.cssselect("details.share")[0].get("data-share-url") == canonical
    for link in doc.cssselect(".share-list a"):
        assert "gift" not in parse_qs(urlsplit(link.get("href")).query)


def test_unpublished_preview_has_no_share_tools():
    article = _story(live=False, first_published_at=None)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    context = article_page_context(
        article=article,
        request=request,
        decision=Decision(allowed=True, reason=Reason.STAFF),
        preview=True,
    )
    doc = lxml_html.fromstring(render_to_string("web/article.html", context, request=request))

    assert not doc.cssselect(".reader-tools")
    assert not doc.cssselect("[data-app-banner]")
