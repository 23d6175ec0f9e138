"""A gift link opened in the app: its token in ``X-Gift-Token`` opens the article for this device
(decision 0006, as on the web), which keeps the grant it is handed in ``X-Gift-Grants``."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from warta.gifts.services import gift_create, gift_revoke
from warta.gifts.tests.factories import premium_article as any_premium_article
from warta.gifts.tests.factories import subscriber

from .api_client import api_get, body
from .newsroom_data import PREMIUM_CANARY, premium_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


@pytest.fixture
def gift():
    article = premium_article()
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    return article, made


def _read(article, **headers):
    return api_get(Client(), f"/articles/{article.pk}", **headers)


def test_a_gift_token_opens_the_article_for_the_device_and_hands_it_its_grants(gift):
    article, made = gift

    opened = _read(article, **{"X-Gift-Token": made.token})

    assert body(opened)["access"] == {"full": True, "reason": "gift"}
    assert PREMIUM_CANARY in opened.content.decode()
    assert opened["Cache-Control"] == "private, no-cache" and not opened.has_header("Surrogate-Key")
    grants = opened["X-Gift-Grants"]
    again = _read(article, **{"X-Gift-Grants": grants})
    assert body(again)["access"] == {"full": True, "reason": "gift"}
    assert PREMIUM_CANARY not in _read(article).content.decode()


def test_the_grant_opens_only_its_article(gift):
    article, made = gift
    other = any_premium_article(n="-other", slug="another-premium")
    grants = _read(article, **{"X-Gift-Token": made.token})["X-Gift-Grants"]

    elsewhere = _read(other, **{"X-Gift-Grants": grants})

    assert body(elsewhere)["access"]["full"] is False
    assert PREMIUM_CANARY not in elsewhere.content.decode()


def test_a_revoked_link_stops_opening_it_and_says_why(gift):
    article, made = gift
    grants = _read(article, **{"X-Gift-Token": made.token})["X-Gift-Grants"]
    gift_revoke(gift=made.gift, by=made.gift.gifter, now=timezone.now())

    kept = _read(article, **{"X-Gift-Grants": grants})
    opened_again = _read(article, **{"X-Gift-Token": made.token})

    assert body(kept)["access"] == {"full": False, "reason": "gift_revoked"}
    assert body(opened_again)["access"] == {"full": False, "reason": "gift_revoked"}
    assert not opened_again.has_header("X-Gift-Grants")


def test_a_link_full_of_devices_admits_no_other_device(gift, settings):
    article, made = gift
    made.gift.max_browsers = 1
    made.gift.save()
    first = _read(article, **{"X-Gift-Token": made.token})

    second = _read(article, **{"X-Gift-Token": made.token})
    first_again = _read(article, **{"X-Gift-Token": made.token,
                                    "X-Gift-Grants": first["X-Gift-Grants"]})  # fmt: skip

    assert body(second)["access"] == {"full": False, "reason": "gift_full"}
    assert body(first_again)["access"]["full"] is True


def test_a_forged_grants_value_is_no_grant(gift):
    article, made = gift
    grants = _read(article, **{"X-Gift-Token": made.token})["X-Gift-Grants"]

    forged = _read(article, **{"X-Gift-Grants": grants[:-3] + "abc"})

    assert body(forged)["access"]["full"] is False


def test_a_wrong_token_opens_nothing():
    article = premium_article()

    response = _read(article, **{"X-Gift-Token": "x" * 43})

    assert body(response)["access"] == {"full": False, "reason": "gift_invalid"}
    assert response["Cache-Control"] == "private, no-cache"


# --- Sign-ups from the app are credited to the gift that brought the reader ------------------


def _app_sign_up(email: str, **headers: str):
    return Client().post(
        "/_allauth/app/v1/auth/signup",
        json.dumps({"email": email, "password": "a-long-pass-phrase-41"}),
        content_type="application/json",
        headers=headers,
    )


def test_a_sign_up_in_the_app_after_a_gift_is_credited_to_it():
    from warta.accounts.models import User

    article = premium_article()
    made = gift_create(gifter=subscriber("credit-gifter"), article=article, now=timezone.now())
    opened = api_get(Client(), f"/articles/{article.pk}", **{"X-Gift-Token": made.token})
    source = opened["X-Warta-Source"]

    _app_sign_up("from-a-gift@example.org", **{"X-Warta-Source": source})

    assert User.objects.get(email="from-a-gift@example.org").signup_source == (
        f"gift:{made.gift.pk}"
    )


def test_a_read_that_opens_no_gift_hands_over_no_source():
    article = premium_article()

    assert not api_get(Client(), f"/articles/{article.pk}").has_header("X-Warta-Source")


@pytest.mark.parametrize("value", ["gift:1", "gift:1:forged-signature", "x" * 500])
def test_a_source_not_signed_by_warta_credits_nothing(value):
    from warta.accounts.models import User

    _app_sign_up("forged-source@example.org", **{"X-Warta-Source": value})

    assert User.objects.get(email="forged-source@example.org").signup_source == ""
