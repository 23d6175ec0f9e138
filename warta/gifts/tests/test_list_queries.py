"""The lists of gifts cost the same number of queries for 2 gifts as for 12 (no N+1)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.services import gift_create, gift_open, gift_revoke
from warta.gifts.tests.factories import premium_article, subscriber

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 12


def _queries(client, url: str) -> tuple[CaptureQueriesContext, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
    return queries, body


def _assert_list_is_flat(client, url: str, make, *, item: str) -> None:
    """Render ``url`` with FEW gifts made by ``make(i)``, then with MANY: the same count of
    queries, and the page lists every gift (``item`` marks one)."""
    for i in range(FEW):
        make(i)
    few, _ = _queries(client, url)
    for i in range(FEW, MANY):
        make(i)
    many, body = _queries(client, url)

    assert body.count(item) == MANY, f"{url} lists {body.count(item)} gifts, not {MANY}"
    if len(few) != len(many):
        listing = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(many.captured_queries, 1))
        counts = f"{len(few)} queries for {FEW} gifts, {len(many)} for {MANY}"
        pytest.fail(f"{url}: {counts}:\n{listing}")


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

    _assert_list_is_flat(client, "/gift/", make, item="<tr>\n")


def test_staff_gift_listing_queries_do_not_grow_with_gifts(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))

    def make(i: int) -> None:
        _gift(subscriber(f"gifter{i}"), i, now=timezone.now())

    _assert_list_is_flat(client, "/admin/snippets/gifts/gift/", make, item="Headline number")
