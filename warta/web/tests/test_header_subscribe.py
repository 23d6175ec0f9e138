"""The masthead's "Subscribe" link: for everyone who is not paid up, signed in or not.

Shared pages (article shells, decision 0011) serve a subscriber and a signed-in reader without
a subscription from one rendering, so the link is one of the reader's personal bits.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html

from warta.accounts.models import User
from warta.newsroom.tests.factories import ArticleFactory
from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.tests.factories import ReaderFactory, SubscriptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

SUBSCRIBE = ".masthead a.button-subscribe[href='/subscribe/']"


def _masthead_subscribe_links(client: Client, path: str) -> list:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode()).cssselect(SUBSCRIBE)


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pages() -> list[str]:
    return ["/", ArticleFactory().get_absolute_url()]


def test_anonymous_readers_see_subscribe():
    for path in _pages():
        assert len(_masthead_subscribe_links(Client(), path)) == 1, path


def test_a_signed_in_reader_without_a_subscription_sees_subscribe():
    reader = _signed_in(ReaderFactory())

    for path in _pages():
        assert len(_masthead_subscribe_links(reader, path)) == 1, path


def test_a_paid_up_subscriber_does_not_see_subscribe():
    subscriber = _signed_in(SubscriptionFactory(provider="development").user)

    for path in _pages():
        assert _masthead_subscribe_links(subscriber, path) == [], path


def test_a_reader_whose_subscription_ended_sees_subscribe_again():
    ended = SubscriptionFactory(
        status=SubscriptionStatus.EXPIRED, current_period_end=timezone.now() - timedelta(days=1)
    )
    reader = _signed_in(ended.user)

    for path in _pages():
        assert len(_masthead_subscribe_links(reader, path)) == 1, path


def test_subscriber_and_non_subscriber_sharing_an_article_rendering_each_get_their_own():
    path = ArticleFactory().get_absolute_url()
    subscriber = _signed_in(SubscriptionFactory(provider="development").user)
    reader = _signed_in(ReaderFactory())

    assert _masthead_subscribe_links(subscriber, path) == []
    assert len(_masthead_subscribe_links(reader, path)) == 1
    assert _masthead_subscribe_links(subscriber, path) == []
