from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from warta.accounts.models import User
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory, paragraphs
from warta.subscriptions.models import MeteredRead
from warta.web.paywall_messages import METER_EXHAUSTED, SUBSCRIBE

# With the caches off, and as production runs them (conftest.py: cache_mode).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def _premium(n: int):
    return ArticleFactory(
        access_level=AccessLevel.PREMIUM,
        first_published_at=timezone.now() - timedelta(days=1),
        body=[*paragraphs("Teaser one.", "Teaser two."), *paragraphs(f"Withheld {n}.")],
    )


@pytest.fixture
def reader_client():
    client = Client()
    client.force_login(User.objects.create_user(username="reader", email="r@example.org"))
    return client


def test_meter_is_off_by_default(reader_client):
    article = _premium(1)

    page = reader_client.get(article.get_absolute_url()).content.decode()

    assert "Withheld 1." not in page
    assert escape(SUBSCRIBE.heading) in page
    assert not MeteredRead.objects.exists()


def test_meter_opens_the_set_number_of_premium_articles_a_month(settings, reader_client):
    settings.WARTA_METER_PREMIUM_PER_MONTH = 2
    first, second, third = _premium(1), _premium(2), _premium(3)

    pages = [
        reader_client.get(a.get_absolute_url()).content.decode() for a in (first, second, third)
    ]
    again = reader_client.get(first.get_absolute_url()).content.decode()

    assert "Withheld 1." in pages[0] and "Withheld 2." in pages[1]
    assert "Withheld 3." not in pages[2]
    assert escape(METER_EXHAUSTED.heading) in pages[2]
    assert "Withheld 1." in again  # an article already counted stays open all month
    assert MeteredRead.objects.count() == 2


def test_meter_is_for_signed_in_readers_only(settings):
    settings.WARTA_METER_PREMIUM_PER_MONTH = 5
    article = _premium(1)

    page = Client().get(article.get_absolute_url()).content.decode()

    assert "Withheld 1." not in page
    assert not MeteredRead.objects.exists()


def test_meter_starts_again_with_the_calendar_month_in_jakarta(settings, reader_client):
    settings.WARTA_METER_PREMIUM_PER_MONTH = 1
    first, second = _premium(1), _premium(2)
    jan_31_2330_wib = datetime(2026, 1, 31, 16, 30, tzinfo=UTC)
    feb_1_0030_wib = datetime(2026, 1, 31, 17, 30, tzinfo=UTC)  # still January in UTC

    with patch("warta.web.views.timezone.now", return_value=jan_31_2330_wib):
        january = reader_client.get(first.get_absolute_url()).content.decode()
        january_again = reader_client.get(second.get_absolute_url()).content.decode()
    with patch("warta.web.views.timezone.now", return_value=feb_1_0030_wib):
        february = reader_client.get(second.get_absolute_url()).content.decode()

    assert "Withheld 1." in january
    assert "Withheld 2." not in january_again
    assert "Withheld 2." in february
    assert sorted(str(m) for m in MeteredRead.objects.values_list("month", flat=True)) == [
        "2026-01-01",
        "2026-02-01",
    ]
