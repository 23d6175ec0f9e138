"""Gifting an article again: after a revocation (a new working link) and during a key rotation
(the link returned is the one that works)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.gifts.models import Gift
from warta.gifts.selectors import gift_allowance
from warta.gifts.services import ALLOWANCE_USED, GiftRefused, gift_create, gift_open, gift_revoke
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.gifts.tokens import token_hash

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def _reads_it(made, article) -> bool:
    """Whether a fresh browser following the link reads the whole article."""
    browser = Client()
    browser.get(f"{article.get_absolute_url()}?gift={made.token}")
    return CANARY in browser.get(article.get_absolute_url()).content.decode()


def test_gifting_a_revoked_article_again_makes_a_new_working_link():
    gifter = subscriber(gifts=3)
    article = premium_article()
    now = timezone.now()
    first = gift_create(gifter=gifter, article=article, now=now)
    gift_revoke(gift=first.gift, by=gifter, now=now)

    again = gift_create(gifter=gifter, article=article, now=now + timedelta(minutes=5))

    assert again.created is True
    assert again.token != first.token
    assert again.gift.pk != first.gift.pk
    assert _reads_it(again, article)
    assert not _reads_it(first, article)


def test_gifting_it_a_third_time_returns_the_new_link_not_the_revoked_one():
    gifter = subscriber(gifts=3)
    article = premium_article()
    now = timezone.now()
    gift_revoke(gift=gift_create(gifter=gifter, article=article, now=now).gift, by=gifter, now=now)
    second = gift_create(gifter=gifter, article=article, now=now)

    third = gift_create(gifter=gifter, article=article, now=now)

    assert third.created is False
    assert third.token == second.token


def test_a_revoked_link_nobody_opened_gives_its_gift_back():
    gifter = subscriber(gifts=2)
    article, other, third = premium_article(), premium_article(), premium_article()
    now = timezone.now()
    made = gift_create(gifter=gifter, article=article, now=now)
    gift_create(gifter=gifter, article=other, now=now)

    gift_revoke(gift=made.gift, by=gifter, now=now)

    made.gift.refresh_from_db()
    assert made.gift.returned is True
    assert gift_allowance(user=gifter, now=now).left == 1
    assert gift_create(gifter=gifter, article=third, now=now).created is True
    with pytest.raises(GiftRefused, match=ALLOWANCE_USED):
        gift_create(gifter=gifter, article=article, now=now)


def test_a_revoked_link_someone_opened_still_counts_and_gifting_again_uses_a_new_gift():
    gifter = subscriber(gifts=2)
    article = premium_article()
    now = timezone.now()
    made = gift_create(gifter=gifter, article=article, now=now)
    gift_open(token=made.token, article=article, browser_key="", now=now)

    gift_revoke(gift=made.gift, by=gifter, now=now)
    again = gift_create(gifter=gifter, article=article, now=now)

    made.gift.refresh_from_db()
    assert made.gift.returned is False
    assert again.created is True
    assert gift_allowance(user=gifter, now=now).left == 0
    assert sorted(Gift.objects.values_list("slot", flat=True)) == [1, 2]


def test_revoking_twice_gives_back_at_most_once():
    gifter = subscriber(gifts=1)
    article = premium_article()
    now = timezone.now()
    made = gift_create(gifter=gifter, article=article, now=now)
    gift_revoke(gift=made.gift, by=gifter, now=now)
    again = gift_create(gifter=gifter, article=article, now=now)

    gift_revoke(gift=made.gift, by=gifter, now=now)

    assert gift_allowance(user=gifter, now=now).left == 0
    assert _reads_it(again, article)


def test_gifting_again_during_a_key_rotation_returns_the_link_that_works(settings):
    settings.SECRET_KEY = "the-old-key-" + "o" * 40
    settings.SECRET_KEY_FALLBACKS = []
    gifter = subscriber()
    article = premium_article()
    first = gift_create(gifter=gifter, article=article, now=timezone.now())

    settings.SECRET_KEY = "the-new-key-" + "n" * 40
    settings.SECRET_KEY_FALLBACKS = ["the-old-key-" + "o" * 40]
    again = gift_create(gifter=gifter, article=article, now=timezone.now())

    assert again.created is False
    assert token_hash(again.token) == again.gift.token_hash
    assert again.token == first.token
    assert _reads_it(again, article)


def test_gifting_again_during_a_key_rotation_over_http_returns_the_link_that_works(settings):
    settings.SECRET_KEY = "the-old-key-" + "o" * 40
    settings.SECRET_KEY_FALLBACKS = []
    gifter = subscriber()
    article = premium_article()
    client = Client()
    client.force_login(gifter)
    url = f"/gift/article/{article.pk}/"
    first = client.post(url, HTTP_ACCEPT="application/json").json()["url"]

    settings.SECRET_KEY = "the-new-key-" + "n" * 40
    settings.SECRET_KEY_FALLBACKS = ["the-old-key-" + "o" * 40]
    client.force_login(gifter)  # the session's hash is signed with the key in use
    again = client.post(url, HTTP_ACCEPT="application/json").json()["url"]

    assert again == first
    reader = Client()
    reader.get(again.removeprefix(settings.WARTA_BASE_URL))
    assert CANARY in reader.get(article.get_absolute_url()).content.decode()
