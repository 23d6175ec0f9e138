"""The gift rules of SPEC §3, through the services and the article page."""

import json
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from warta.access.rules import GiftState
from warta.accounts.models import User
from warta.gifts.models import Gift, GiftBrowser
from warta.gifts.services import (
    ALLOWANCE_USED,
    NOT_A_SUBSCRIBER,
    NOT_PREMIUM,
    GiftRefused,
    gift_create,
    gift_open,
    gift_revoke,
)
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory
from warta.subscriptions.models import Subscription, SubscriptionStatus

# With the caches off, and as production runs them (conftest.py: cache_mode).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def test_a_subscriber_gifts_up_to_the_plan_allowance():
    gifter = subscriber(gifts=3)
    articles = [premium_article() for _ in range(4)]
    now = timezone.now()

    made = [gift_create(gifter=gifter, article=a, now=now) for a in articles[:3]]
    with pytest.raises(GiftRefused, match=ALLOWANCE_USED):
        gift_create(gifter=gifter, article=articles[3], now=now)

    assert [m.created for m in made] == [True, True, True]
    assert sorted(Gift.objects.values_list("slot", flat=True)) == [1, 2, 3]


def test_gifting_the_same_article_again_returns_the_same_link_and_uses_nothing():
    gifter = subscriber(gifts=3)
    article = premium_article()
    now = timezone.now()

    first = gift_create(gifter=gifter, article=article, now=now)
    again = gift_create(gifter=gifter, article=article, now=now + timedelta(days=3))

    assert again.created is False
    assert again.token == first.token
    assert Gift.objects.count() == 1


def test_only_active_subscribers_gift_and_only_premium_articles():
    reader = User.objects.create_user(username="reader", email="reader@example.org")
    gifter = subscriber()
    free = ArticleFactory(access_level=AccessLevel.FREE)
    now = timezone.now()

    with pytest.raises(GiftRefused, match=NOT_A_SUBSCRIBER):
        gift_create(gifter=reader, article=premium_article(), now=now)
    with pytest.raises(GiftRefused, match=NOT_PREMIUM):
        gift_create(gifter=gifter, article=free, now=now)
    Subscription.objects.filter(user=gifter).update(status=SubscriptionStatus.EXPIRED)
    with pytest.raises(GiftRefused, match=NOT_A_SUBSCRIBER):
        gift_create(gifter=gifter, article=premium_article(), now=now)

    assert not Gift.objects.exists()


def test_the_month_is_the_calendar_month_in_jakarta():
    gifter = subscriber(gifts=3)
    jan_31_2330_wib = datetime(2026, 1, 31, 16, 30, tzinfo=UTC)
    feb_1_0030_wib = datetime(2026, 1, 31, 17, 30, tzinfo=UTC)  # still January 31 in UTC
    Subscription.objects.filter(user=gifter).update(
        current_period_end=datetime(2026, 3, 1, tzinfo=UTC)
    )

    january = gift_create(gifter=gifter, article=premium_article(), now=jan_31_2330_wib)
    february = gift_create(gifter=gifter, article=premium_article(), now=feb_1_0030_wib)

    assert str(january.gift.month) == "2026-01-01"
    assert str(february.gift.month) == "2026-02-01"
    assert january.gift.slot == february.gift.slot == 1


def test_no_raw_token_is_stored_anywhere_in_the_database():
    made = gift_create(gifter=subscriber(), article=premium_article(), now=timezone.now())

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            for row in cursor.fetchall():
                assert not any(made.token in str(value) for value in row), table
    assert len(made.token) >= 22  # at least 128 bits in URL-safe base64


def _open(client: Client, url: str):
    return client.get(url, follow=False)


def _gift_url(made, article) -> str:
    return f"{article.get_absolute_url()}?gift={made.token}"


def test_the_link_trades_its_token_for_a_grant_and_a_clean_url():
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    client = Client()

    response = _open(client, _gift_url(made, article))
    page = client.get(article.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()  # the token goes no further
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    body = page.content.decode()
    assert CANARY in body
    assert "Ayu&#x27;s Desk" in body and "gifted you this article" in body
    assert "gifter@example.org" not in body
    assert 'content="noindex"' in body
    assert "private" in page["Cache-Control"] and "public" not in page["Cache-Control"]


def test_a_link_keeps_working_when_the_gifter_lapses():
    gifter = subscriber()
    article = premium_article()
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    Subscription.objects.filter(user=gifter).update(
        status=SubscriptionStatus.EXPIRED, current_period_end=timezone.now() - timedelta(days=1)
    )
    client = Client()

    _open(client, _gift_url(made, article))

    assert CANARY in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("offset", "opens"), [(timedelta(seconds=-1), True), (timedelta(seconds=0), False)]
)
def test_a_link_expires_after_the_set_days(settings, offset, opens):
    settings.WARTA_GIFT_LINK_DAYS = 30
    article = premium_article()
    made_at = timezone.now() - timedelta(days=1)
    made = gift_create(gifter=subscriber(), article=article, now=made_at)
    deadline = made.gift.expires_at

    assert deadline == made_at + timedelta(days=30)
    with patch("warta.web.views.timezone.now", return_value=deadline + offset):
        client = Client()
        first = _open(client, _gift_url(made, article))
        body = client.get(article.get_absolute_url()).content.decode()

    assert (CANARY in body) is opens
    if not opens:
        assert first.status_code == 200  # the teaser with a message, never an error page
        assert "This gift link has expired" in first.content.decode()
        assert CANARY not in first.content.decode()


def test_a_revoked_link_shows_the_teaser_with_a_message_even_to_a_browser_it_admitted():
    gifter = subscriber()
    article = premium_article()
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    reader = Client()
    _open(reader, _gift_url(made, article))

    gift_revoke(gift=made.gift, by=gifter, now=timezone.now())
    again = reader.get(article.get_absolute_url()).content.decode()
    fresh = _open(Client(), _gift_url(made, article)).content.decode()

    for page in (again, fresh):
        assert CANARY not in page
        assert "This gift link is no longer active" in page
        assert "The opening anyone may read." in page


def test_only_the_gifter_or_staff_may_revoke():
    made = gift_create(gifter=subscriber(), article=premium_article(), now=timezone.now())
    other = subscriber("other")

    with pytest.raises(GiftRefused):
        gift_revoke(gift=made.gift, by=other, now=timezone.now())

    made.gift.refresh_from_db()
    assert made.gift.revoked_at is None


def test_a_token_for_one_article_unlocks_no_other():
    gifted, other = premium_article(), premium_article(n="-other")
    made = gift_create(gifter=subscriber(), article=gifted, now=timezone.now())
    client = Client()

    response = _open(client, f"{other.get_absolute_url()}?gift={made.token}")

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{CANARY}-other" not in page
    assert "This gift link does not work" in page
    assert not GiftBrowser.objects.exists()


MANGLES = [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
    lambda t: t[:-2],
    lambda t: t + "x",
    lambda t: "",
    lambda t: "<script>",
]


@pytest.mark.parametrize("mangle", MANGLES)
def test_a_tampered_token_opens_nothing(mangle):
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())

    response = _open(Client(), f"{article.get_absolute_url()}?gift={mangle(made.token)}")

    assert response.status_code == 200
    assert CANARY not in response.content.decode()
    assert "<script>" not in response.content.decode().split("<body")[1].split("</main>")[0]


def test_a_forged_grant_cookie_opens_nothing():
    article = premium_article()
    gift_create(gifter=subscriber(), article=article, now=timezone.now())
    client = Client()
    client.cookies["warta_gifts"] = json.dumps({"b": "x", "g": {str(article.pk): 1}})

    assert CANARY not in client.get(article.get_absolute_url()).content.decode()


def test_the_browser_cap_admits_the_set_number_of_browsers(settings):
    settings.WARTA_GIFT_MAX_BROWSERS = 2
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    browsers = [Client() for _ in range(3)]

    openings = [_open(browser, _gift_url(made, article)) for browser in browsers]
    pages = [b.get(article.get_absolute_url()).content.decode() for b in browsers]
    reopened = _open(browsers[0], _gift_url(made, article))

    assert [o.status_code for o in openings] == [302, 302, 200]
    assert "reached its limit of readers" in openings[2].content.decode()
    assert [CANARY in p for p in pages] == [True, True, False]
    assert reopened.status_code == 302  # an admitted browser keeps its seat
    assert GiftBrowser.objects.get(seat=1).opens == 2


def test_gift_open_reports_each_state():
    article = premium_article()
    gifter = subscriber()
    made = gift_create(gifter=gifter, article=article, now=timezone.now())

    assert (
        gift_open(token=made.token, article=article, browser_key="", now=timezone.now()).state
        == GiftState.VALID
    )
    assert (
        gift_open(token="nope", article=article, browser_key="", now=timezone.now()).state
        == GiftState.INVALID
    )
    later = made.gift.expires_at + timedelta(seconds=1)
    assert (
        gift_open(token=made.token, article=article, browser_key="", now=later).state
        == GiftState.EXPIRED
    )


def test_a_subscription_started_from_a_gift_is_credited_to_it(settings):
    settings.WARTA_PAYMENT_PROVIDER = "development"
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    reader = User.objects.create_user(username="newcomer", email="newcomer@example.org")
    client = Client()
    _open(client, _gift_url(made, article))
    client.force_login(reader)

    client.post("/subscribe/digital/")

    subscription = Subscription.objects.get(user=reader)
    assert subscription.source == f"gift:{made.gift.pk}"


def test_an_attribution_cookie_cannot_be_forged():
    reader = User.objects.create_user(username="newcomer", email="newcomer@example.org")
    client = Client()
    client.cookies["warta_source"] = "gift:1"
    client.force_login(reader)

    client.post("/subscribe/digital/")

    assert Subscription.objects.get(user=reader).source == ""


def test_a_sign_up_that_started_from_a_gift_is_credited_to_it():
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    client = Client()
    _open(client, _gift_url(made, article))

    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert User.objects.get(email="new@example.org").signup_source == f"gift:{made.gift.pk}"


def test_the_gift_banner_never_shows_a_username_or_e_mail():
    gifter = subscriber(display_name="")
    article = premium_article()
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    client = Client()

    _open(client, _gift_url(made, article))
    page = client.get(article.get_absolute_url()).content.decode()

    assert "A fellow reader gifted you this article" in page.replace("</strong>", "").replace(
        "<strong>", ""
    )
    assert "gifter" not in page.split('class="gift-banner"')[1].split("</aside>")[0]


def test_the_account_page_lists_this_months_gifts_with_opens_and_a_revoke_button():
    gifter = subscriber(gifts=3)
    article = premium_article(headline="A gifted analysis")
    made = gift_create(gifter=gifter, article=article, now=timezone.now())
    _open(Client(), _gift_url(made, article))
    client = Client()
    client.force_login(gifter)

    page = client.get("/account/").content.decode()

    assert "2 of 3 gifts left this month." in page
    assert "A gifted analysis" in page
    assert "1 time on 1 device" in page
    assert f'action="/gift/{made.gift.pk}/revoke/"' in page


def test_a_slot_freed_by_a_deleted_article_can_be_used_again():
    gifter = subscriber(gifts=2)
    first, second, third = premium_article(), premium_article(), premium_article()
    now = timezone.now()
    gift_create(gifter=gifter, article=first, now=now)
    gift_create(gifter=gifter, article=second, now=now)
    first.delete()

    made = gift_create(gifter=gifter, article=third, now=now)

    assert made.gift.slot == 1
    assert Gift.objects.filter(gifter=gifter).count() == 2
