"""The reading layer's one answer (warta/reading/access.py): the decision, the gift, the
allowance, and the kind of shared rendering, whose key is made of every field."""

from dataclasses import fields, replace

import pytest
from django.test import Client
from django.utils import timezone

from warta.access.rules import Decision, Reason
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.reading.access import ShellKind, article_reading

pytestmark = pytest.mark.django_db

KIND = ShellKind(
    decision=Decision(False, Reason.SUBSCRIPTION_REQUIRED),
    signed_in=False,
    gift_reader=False,
    gifting_offered=False,
    can_gift=False,
)


def _other(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, Decision):
        return Decision(True, Reason.GIFT)
    raise AssertionError(f"teach this test another value of {type(value).__name__}")


@pytest.mark.parametrize("name", [f.name for f in fields(ShellKind)])
def test_every_field_of_the_kind_is_in_the_shell_key(name):
    other = replace(KIND, **{name: _other(getattr(KIND, name))})

    assert other.key() != KIND.key()


def test_a_signed_out_reader_of_a_premium_article_gets_the_teaser_and_the_offer():
    article = premium_article()

    reading = article_reading(user=None, grants=None, article=article, now=timezone.now())

    assert reading.decision == Decision(False, Reason.SUBSCRIPTION_REQUIRED)
    assert reading.gift is None and reading.allowance is None and not reading.personal
    assert reading.shell == replace(KIND, gifting_offered=True)


def test_a_subscriber_gets_the_article_and_their_allowance():
    gifter = subscriber(gifts=5)
    article = premium_article()

    reading = article_reading(user=gifter, grants=None, article=article, now=timezone.now())

    assert reading.decision == Decision(True, Reason.SUBSCRIBER)
    assert (reading.allowance.total, reading.allowance.left) == (5, 5)
    assert reading.shell.can_gift and reading.shell.signed_in


@pytest.mark.usefixtures("production_caches")
def test_a_subscriber_who_opened_a_gift_gets_a_page_of_their_own_kind():
    """Two subscribers get the same decision; the one who came through a gift link gets a page
    that search engines are asked not to index, and the other must not get it from the cache."""
    friend = subscriber("friend", gifts=3)
    article = premium_article()
    made = gift_create(gifter=subscriber("giver"), article=article, now=timezone.now())
    through_gift, direct = Client(), Client()
    through_gift.force_login(friend)
    direct.force_login(subscriber("direct", gifts=3))

    through_gift.get(f"{article.get_absolute_url()}?gift={made.token}")
    gifted_page = through_gift.get(article.get_absolute_url()).content.decode()
    direct_page = direct.get(article.get_absolute_url()).content.decode()

    assert CANARY in gifted_page and CANARY in direct_page
    assert 'content="noindex"' in gifted_page
    assert 'content="noindex"' not in direct_page
