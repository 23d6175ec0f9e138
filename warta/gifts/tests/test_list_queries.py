"""The lists of gifts cost the same number of queries for 2 gifts as for 12 (no N+1)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.services import gift_create, gift_open, gift_revoke
from warta.gifts.tests.factories import premium_article, subscriber
from warta.testing.query_counts import MANY, assert_list_is_flat, numbered, occurrences

pytestmark = pytest.mark.django_db


def _gift(gifter: User, i: int, *, now) -> None:
    """Gift number ``i``, opened; every third one revoked."""
    made = gift_create(gifter=gifter, article=premium_article(n=i), now=now)
    gift_open(token=made.token, article=made.gift.article, browser_key="", now=now)
    if i % 3 == 2:
        gift_revoke(gift=made.gift, by=gifter, now=now)


def test_gift_list_page_queries_do_not_grow_with_gifts(client):
    gifter = subscriber(gifts=MANY)
    client.force_login(gifter)
    now = timezone.now()

    def make(i: int) -> None:
        # This month's and last month's (the page's "Earlier" list, where links have expired).
        _gift(gifter, i, now=now if i % 2 else now - timedelta(days=40))

    assert_list_is_flat(client, "/gift/", numbered(make), count_items=occurrences("<tr>\n"))


def test_staff_gift_listing_queries_do_not_grow_with_gifts(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))

    def make(i: int) -> None:
        _gift(subscriber(f"gifter{i}"), i, now=timezone.now())

    assert_list_is_flat(
        client,
        "/admin/snippets/gifts/gift/",
        numbered(make),
        count_items=occurrences("Headline number"),
    )
