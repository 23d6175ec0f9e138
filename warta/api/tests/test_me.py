"""``GET /me``: who the reader is, what they read whole, their text size, their gifts left."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.accounts.services import user_text_size_set
from warta.api import problems
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import subscriber
from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.tests.factories import ReaderFactory, SubscriptionFactory

from .api_client import api_get, assert_matches_schema, assert_problem, body
from .app_sign_in import app_sign_in, token_headers, with_password
from .newsroom_data import premium_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def _me(user):
    return api_get(Client(), "/me", **token_headers(app_sign_in(with_password(user))))


def test_nobody_signed_in_has_no_me():
    assert_problem(api_get(Client(), "/me"), problems.SIGN_IN_REQUIRED)


def test_a_subscriber_reads_everything_and_has_the_plans_gifts():
    user = subscriber("me-subscriber", gifts=5)
    gift_create(gifter=user, article=premium_article(), now=timezone.now())
    user_text_size_set(user=user, size="large")

    response = _me(user)

    me = body(response)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"
    assert_matches_schema(me, "MeResource")
    assert me["username"] == "me-subscriber" and me["text_size"] == "large"
    assert me["entitlements"]["subscription_status"] == "active"
    assert me["entitlements"]["paid_up"] is True
    assert me["entitlements"]["plan"]["gifts_per_month"] == 5
    assert me["entitlements"]["reads_whole"] == ["free", "registered", "premium"]
    assert me["gifts"] == {
        "per_month": 5,
        "used": 1,
        "left": 4,
        "renews_on": me["gifts"]["renews_on"],
        "text": "4 gifts left this month.",
    }


def test_a_registered_reader_reads_registered_articles_and_has_no_gifts():
    me = body(_me(ReaderFactory(username="me-registered")))

    assert me["entitlements"]["reads_whole"] == ["free", "registered"]
    assert me["entitlements"]["plan"] is None
    assert me["gifts"]["per_month"] == 0 and me["gifts"]["left"] == 0


def test_a_lapsed_subscription_reads_no_premium_and_gives_no_gifts():
    user = ReaderFactory(username="me-lapsed")
    SubscriptionFactory(
        user=user,
        status=SubscriptionStatus.ACTIVE,
        current_period_end=timezone.now() - timedelta(hours=1),
    )

    me = body(_me(user))

    assert me["entitlements"]["paid_up"] is False
    assert "premium" not in me["entitlements"]["reads_whole"]
    assert me["gifts"]["per_month"] == 0


def test_the_site_session_reads_me_too():
    client = Client()
    client.force_login(ReaderFactory(username="me-cookie"))

    assert body(api_get(client, "/me"))["username"] == "me-cookie"
