"""Every form takes a 60,000-character value calmly: a clear message, never a 500 (issue 11: a
login field that long made SQLite give up on the username lookup, "LIKE or GLOB pattern too
complex"). Lengths are bounded before a value reaches a query."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.accounts.adapter import INPUT_TOO_LONG, PASSWORD_TOO_LONG
from warta.accounts.models import User
from warta.feedback import guards
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus

pytestmark = pytest.mark.django_db

LONG = "x" * 60_000
LONG_EMAIL = "x" * 60_000 + "@example.org"


def _page(response) -> str:
    assert response.status_code < 500, response.status_code
    return response.content.decode()


@pytest.fixture
def reader():
    return User.objects.create_user(
        username="reader", email="reader@example.org", password="warta-demo"
    )


@pytest.mark.parametrize(
    "data",
    [
        {"login": LONG, "password": "warta-demo"},
        {"login": LONG_EMAIL, "password": "warta-demo"},
        {"login": "reader", "password": LONG},
        {"login": LONG, "password": LONG},
    ],
    ids=["login", "login-email", "password", "both"],
)
def test_sign_in_with_a_huge_field_says_it_is_too_long(data, reader):
    client = Client()

    response = client.post("/accounts/login/", data)

    page = _page(response)
    assert response.status_code == 200
    assert INPUT_TOO_LONG in page
    assert "_auth_user_id" not in client.session  # signed in nobody


@pytest.mark.parametrize(
    "data",
    [
        {
            "email": LONG_EMAIL,
            "password1": "a-good-long-password",
            "password2": "a-good-long-password",
        },
        {"email": LONG, "password1": "a-good-long-password", "password2": "a-good-long-password"},
        {"email": "new@example.org", "password1": LONG, "password2": LONG},
    ],
    ids=["email", "not-an-email", "password"],
)
def test_sign_up_with_a_huge_field_is_refused_with_a_message(data):
    response = Client().post("/accounts/signup/", data)

    page = _page(response)
    assert response.status_code == 200
    assert 'class="errorlist' in page
    assert not User.objects.exists()


def test_sign_up_with_a_huge_password_says_how_long_a_password_may_be():
    response = Client().post(
        "/accounts/signup/", {"email": "new@example.org", "password1": LONG, "password2": LONG}
    )

    assert PASSWORD_TOO_LONG in _page(response)


@pytest.mark.parametrize("email", [LONG_EMAIL, LONG])
def test_password_reset_with_a_huge_address_is_refused_with_a_message(email):
    response = Client().post("/accounts/password/reset/", {"email": email})

    page = _page(response)
    assert response.status_code == 200
    assert 'class="errorlist' in page


def test_password_change_with_a_huge_password_is_refused_with_a_message(reader):
    client = Client()
    client.force_login(reader)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": LONG, "password1": LONG, "password2": LONG},
    )

    page = _page(response)
    assert response.status_code == 200
    assert 'class="errorlist' in page


def test_feedback_with_a_huge_message_is_refused_with_a_message():
    response = Client().post(
        "/feedback/",
        {"message": LONG, "started": guards.start_token(at=time.time() - 60)},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["message"]


def test_feedback_with_huge_fields_past_the_body_limit_is_refused_with_a_message():
    response = Client().post(
        "/feedback/",
        {"message": LONG, "page": LONG, "reply_email": LONG_EMAIL},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 413
    assert response.json()["errors"]["__all__"] == [guards.BODY_TOO_LARGE]


def test_a_gift_request_with_a_huge_field_is_answered(reader):
    plan, _ = Plan.objects.get_or_create(
        slug="digital", defaults={"name": "Digital", "price": 55000, "gifts_per_month": 3}
    )
    Subscription.objects.create(
        user=reader,
        plan=plan,
        status=SubscriptionStatus.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=20),
        provider="development",
    )
    article = ArticleFactory(access_level=AccessLevel.PREMIUM)
    client = Client()
    client.force_login(reader)

    response = client.post(f"/gift/article/{article.pk}/", {"note": LONG, "email": LONG_EMAIL})

    assert response.status_code == 200


def test_a_huge_search_is_cut_with_a_message():
    response = Client().get("/search/", {"q": LONG})

    assert response.status_code == 200
    assert "was cut to its first 200 characters" in _page(response)
