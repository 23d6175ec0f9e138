"""A signed-in reader's facts (warta/reading/facts.py), with the caches off and as production
runs them: what changes them is seen on the next request, and a new month counts afresh."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.gifts.models import Gift
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.reading.facts import reader_facts
from warta.subscriptions.services import subscription_start
from warta.subscriptions.tests.factories import ReaderFactory, default_plans

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def _fresh(user):
    """The user as the next request loads it: no facts remembered on the object."""
    return type(user).objects.get(pk=user.pk)


def test_a_reader_who_subscribes_reads_premium_articles_on_the_next_request():
    article = premium_article()
    reader = ReaderFactory()
    client = Client()
    client.force_login(reader)
    before = client.get(article.get_absolute_url()).content.decode()

    subscription_start(
        user=reader,
        plan=default_plans()[0],
        provider="development",
        period_end=timezone.now() + timedelta(days=30),
    )
    after = client.get(article.get_absolute_url()).content.decode()

    assert CANARY not in before
    assert CANARY in after


def test_a_new_month_counts_gifts_afresh_even_from_the_cache():
    gifter = subscriber(gifts=3)
    article = premium_article()
    november = datetime(2026, 11, 20, 5, tzinfo=UTC)
    december = datetime(2026, 12, 1, 5, tzinfo=UTC)  # noon in Jakarta
    gift_create(gifter=gifter, article=article, now=november)

    in_november = reader_facts(_fresh(gifter), now=november)
    in_december = reader_facts(_fresh(gifter), now=december)

    assert (in_november.month.month, in_november.gifts_used) == (11, 1)
    assert (in_december.month.month, in_december.gifts_used) == (12, 0)
    assert Gift.objects.filter(gifter=gifter).count() == 1


def test_gifts_made_are_counted_on_the_next_request():
    gifter = subscriber(gifts=3)
    now = timezone.now()
    assert reader_facts(_fresh(gifter), now=now).gifts_used == 0

    gift_create(gifter=gifter, article=premium_article(), now=now)

    assert reader_facts(_fresh(gifter), now=now).gifts_used == 1


def test_facts_are_data_and_paid_up_is_judged_at_each_time():
    gifter = subscriber(gifts=3)
    now = timezone.now()
    facts = reader_facts(_fresh(gifter), now=now)

    assert facts.paid_up(now) and facts.gifts_per_month(now) == 3
    later = facts.paid_until + timedelta(seconds=1)
    assert not facts.paid_up(later) and facts.gifts_per_month(later) == 0
