"""What the subscriber is told: the offer once the month's gifts are used, and revoking, which
asks first and says whether the gift comes back."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.gifts.models import Gift
from warta.gifts.services import gift_create, gift_open
from warta.gifts.tests.factories import premium_article, subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _next_month() -> str:
    today = timezone.localdate()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert first.day == 1 and first > today and isinstance(first, date)
    return f"1 {MONTHS[first.month - 1]}"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_with_no_gifts_left_the_offer_says_so_and_when_they_renew():
    gifter = subscriber(gifts=1)
    article = premium_article()
    client = _signed_in(gifter)
    before = client.get(article.get_absolute_url()).content.decode()  # a shell with gifts left
    gift_create(gifter=gifter, article=premium_article(), now=timezone.now())

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Gift this article</button>" in before
    assert f"You have no gifts left this month; your allowance renews on {_next_month()}." in page
    assert "Gift this article</button>" not in page
    assert 'href="/gift/"' in page  # the links already made are there


def test_with_gifts_left_the_offer_counts_them():
    gifter = subscriber(gifts=3)
    gift_create(gifter=gifter, article=premium_article(), now=timezone.now())

    page = _signed_in(gifter).get(premium_article().get_absolute_url()).content.decode()

    assert "2 gifts left this month." in page
    assert "Gift this article</button>" in page


def test_the_last_gift_says_when_the_allowance_renews():
    gifter = subscriber(gifts=1)
    article = premium_article()

    answer = _signed_in(gifter).post(f"/gift/article/{article.pk}/", HTTP_ACCEPT="application/json")

    assert answer.json()["gifts_left"] == 0
    assert answer.json()["gifts_left_text"] == (
        f"You have no gifts left this month; your allowance renews on {_next_month()}."
    )


def test_revoking_asks_first_and_says_an_unopened_link_gives_its_gift_back():
    gifter = subscriber(gifts=3)
    article = premium_article(headline="A gifted analysis")
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    client = _signed_in(gifter)

    confirm = client.get(f"/gift/{made.gift.pk}/revoke/")

    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Revoke the gift link for A gifted analysis?" in page
    assert "Nobody has opened it yet, so the gift goes back to this month's allowance" in page
    assert f'action="/gift/{made.gift.pk}/revoke/"' in page and 'method="post"' in page
    made.gift.refresh_from_db()
    assert made.gift.revoked_at is None  # asking revokes nothing

    done = client.post(f"/gift/{made.gift.pk}/revoke/", follow=True).content.decode()
    assert "Nobody had opened it, so the gift is back: 3 of 3 gifts left this month." in done


def test_revoking_a_link_someone_opened_says_the_gift_still_counts():
    gifter = subscriber(gifts=3)
    article = premium_article()
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    gift_open(token=made.token, article=article, browser_key="", now=timezone.now())
    client = _signed_in(gifter)

    page = client.get(f"/gift/{made.gift.pk}/revoke/").content.decode()
    done = client.post(f"/gift/{made.gift.pk}/revoke/", follow=True).content.decode()

    assert "It has been opened, so it still counts as one of this month's gifts." in page
    assert "It had been opened, so it still counts: 2 of 3 gifts left this month." in done


def test_the_revoke_page_of_someone_elses_gift_or_a_missing_one_is_refused_cleanly():
    made = gift_create(gifter=subscriber(), article=premium_article(), now=timezone.now())
    other = _signed_in(subscriber("other"))

    assert other.get(f"/gift/{made.gift.pk}/revoke/").status_code == 403
    assert other.get("/gift/999999/revoke/").status_code == 404
    assert Gift.objects.get().revoked_at is None


def test_the_gift_list_says_what_revoking_and_gifting_again_do():
    gifter = subscriber(gifts=3)

    page = _signed_in(gifter).get("/gift/").content.decode()

    assert "A link revoked before anyone opened it gives its gift back" in page
