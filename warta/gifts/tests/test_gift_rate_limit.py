"""How many gift links one subscriber may make in an hour (WARTA_GIFT_LINKS_PER_HOUR)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.gifts.models import Gift
from warta.gifts.services import (
    REFUSED_TOO_MANY_LINKS,
    GiftRefused,
    gift_create,
    gift_revoke,
)
from warta.gifts.tests.factories import premium_article, subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


@pytest.fixture(autouse=True)
def _three_an_hour(settings):
    settings.WARTA_GIFT_LINKS_PER_HOUR = 3


def test_a_fourth_link_within_the_hour_is_refused_with_a_clear_message():
    gifter = subscriber(gifts=10)
    now = timezone.now()
    for minutes in range(3):
        gift_create(gifter=gifter, article=premium_article(), now=now + timedelta(minutes=minutes))

    with pytest.raises(GiftRefused) as refused:
        gift_create(gifter=gifter, article=premium_article(), now=now + timedelta(minutes=10))

    assert refused.value.code == REFUSED_TOO_MANY_LINKS
    assert str(refused.value) == (
        "You have made 3 gift links in the last hour. Please wait 50 minutes before making "
        "another one."
    )
    assert refused.value.retry_after == 50 * 60
    assert Gift.objects.count() == 3


def test_the_limit_is_per_subscriber_and_over_after_the_hour():
    gifter, other = subscriber(gifts=10), subscriber("other", gifts=10)
    now = timezone.now()
    for _ in range(3):
        gift_create(gifter=gifter, article=premium_article(), now=now)

    assert gift_create(gifter=other, article=premium_article(), now=now).created
    later = now + timedelta(hours=1, seconds=1)
    assert gift_create(gifter=gifter, article=premium_article(), now=later).created


def test_asking_again_for_a_link_already_made_is_never_limited():
    gifter = subscriber(gifts=10)
    now = timezone.now()
    article = premium_article()
    first = gift_create(gifter=gifter, article=article, now=now)
    for _ in range(2):
        gift_create(gifter=gifter, article=premium_article(), now=now)

    again = gift_create(gifter=gifter, article=article, now=now)

    assert again.created is False and again.token == first.token


def test_revoking_and_gifting_again_in_a_loop_is_stopped():
    gifter = subscriber(gifts=1)
    article = premium_article()
    now = timezone.now()

    with pytest.raises(GiftRefused) as refused:
        for _ in range(10):  # never opened: each revocation gives the one gift back
            made = gift_create(gifter=gifter, article=article, now=now)
            gift_revoke(gift=made.gift, by=gifter, now=now)

    assert refused.value.code == REFUSED_TOO_MANY_LINKS
    assert Gift.objects.count() == 3


def test_over_http_the_refusal_is_a_429_with_the_message_never_a_500():
    gifter = subscriber(gifts=10)
    now = timezone.now()
    for _ in range(3):
        gift_create(gifter=gifter, article=premium_article(), now=now)
    article = premium_article()
    client = Client()
    client.force_login(gifter)

    as_json = client.post(f"/gift/article/{article.pk}/", HTTP_ACCEPT="application/json")
    as_page = client.post(f"/gift/article/{article.pk}/")

    assert as_json.status_code == 429
    assert as_json.json()["error"].startswith("You have made 3 gift links in the last hour.")
    assert 0 < int(as_json["Retry-After"]) <= 3600
    assert as_page.status_code == 429
    assert "You have made 3 gift links in the last hour." in as_page.content.decode()
    assert not Gift.objects.filter(article=article).exists()
