"""A gift link's browser cap counts grants (decision 0024): a grant cookie copied into another
browser opens the article there without a seat of its own, and everything that closes the link
closes every copy, since each view checks the grant against the database."""

import pytest
from django.test import Client
from django.utils import timezone

from warta.gifts.models import GiftBrowser
from warta.gifts.services import gift_create, gift_revoke
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.web.grant_cookie import COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def _opened_and_copied(settings):
    settings.WARTA_GIFT_MAX_BROWSERS = 1
    article = premium_article()
    gifter = subscriber()
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    first = Client()
    first.get(f"{article.get_absolute_url()}?gift={made.token}")
    copy = Client()
    copy.cookies[COOKIE] = first.cookies[COOKIE].value
    return article, made, gifter, first, copy


def test_a_copied_grant_opens_the_article_and_takes_no_seat(settings):
    article, made, _, _first, copy = _opened_and_copied(settings)

    assert CANARY in copy.get(article.get_absolute_url()).content.decode()
    assert GiftBrowser.objects.filter(gift=made.gift).count() == 1
    # The cap still holds for the link itself: a third browser with the link is refused.
    third = Client().get(f"{article.get_absolute_url()}?gift={made.token}", follow=True)
    assert CANARY not in third.content.decode()


def test_revoking_the_link_closes_every_copy(settings):
    article, made, gifter, first, copy = _opened_and_copied(settings)

    gift_revoke(gift=made.gift, by=gifter, now=timezone.now())

    for browser in (first, copy):
        assert CANARY not in browser.get(article.get_absolute_url()).content.decode()
