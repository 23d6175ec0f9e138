"""Text a user controls (their names, username, e-mail, display name) is never markup: every
reader-facing page and form that can show it escapes it (issue 11: a full name of
``<img src=x onerror=...>`` ran on the reader's account page through a help text)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.services import gift_create
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory, paragraphs
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

# Each is markup a browser would run; none may reach a page as it is.
HOSTILE = {
    "first_name": "<img src=x onerror=alert(1)>",
    "last_name": "<script>alert(2)</script>",
    "username": "<svg onload=alert(3)>",
    "email": '"><img src=y onerror=alert(4)>@example.org',
}
HOSTILE_DISPLAY_NAME = "<b onmouseover=alert(5)>Budi</b>"
MARKUP = [
    "<img src=x",
    "<script>alert(2)",
    "<svg onload",
    "<img src=y",
    "<b onmouseover",
    'onerror=alert(4)>"',
]


def _hostile_user(*, display_name: str = "") -> User:
    user = User.objects.create_user(password="warta-demo", display_name=display_name, **HOSTILE)
    plan, _ = Plan.objects.get_or_create(
        slug="digital", defaults={"name": "Digital", "price": 55000, "gifts_per_month": 3}
    )
    Subscription.objects.create(
        user=user,
        plan=plan,
        status=SubscriptionStatus.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=20),
        provider="development",
    )
    return user


@pytest.fixture
def premium():
    return ArticleFactory(
        headline="Nickel smelters rethink coal",
        access_level=AccessLevel.PREMIUM,
        first_published_at=timezone.now() - timedelta(hours=3),
        body=[*paragraphs("One.", "Two."), ("teaser_break", None), *paragraphs("Three.")],
    )


def _page(client: Client, url: str, data: dict | None = None, *, post: bool = False) -> str:
    response = client.post(url, data or {}) if post else client.get(url, data or {}, follow=True)
    assert response.status_code in (200, 400), (url, response.status_code)
    return response.content.decode()


def _unescaped(page: str) -> list[str]:
    return [markup for markup in MARKUP if markup in page]


SIGNED_IN_PAGES = [
    "/",
    "/account/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/password/reset/",
    "/gift/",
    "/subscribe/",
    "/subscribe/billing/",
    "/search/?q=nickel",
]


@pytest.mark.parametrize("display_name", ["", HOSTILE_DISPLAY_NAME])
@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_pages_of_a_signed_in_reader_escape_their_names(url, display_name, premium):
    client = Client()
    client.force_login(_hostile_user(display_name=display_name))

    assert _unescaped(_page(client, url)) == []


@pytest.mark.parametrize("display_name", ["", HOSTILE_DISPLAY_NAME])
def test_the_article_page_with_its_gift_and_feedback_forms_escapes_the_reader(
    display_name, premium
):
    client = Client()
    user = _hostile_user(display_name=display_name)
    client.force_login(user)
    gift_create(gifter=user, article=premium, now=timezone.now())

    assert _unescaped(_page(client, premium.get_absolute_url())) == []
    assert _unescaped(_page(client, "/gift/")) == []


@pytest.mark.parametrize("display_name", ["", HOSTILE_DISPLAY_NAME])
def test_the_gift_banner_escapes_the_giver(display_name, premium):
    made = gift_create(
        gifter=_hostile_user(display_name=display_name), article=premium, now=timezone.now()
    )

    page = _page(Client(), f"{premium.get_absolute_url()}?gift={made.token}")

    assert "gifted you this article" in page
    assert _unescaped(page) == []


def test_the_account_page_help_text_shows_the_full_name_as_text():
    client = Client()
    client.force_login(_hostile_user())

    page = _page(client, "/account/")

    assert "&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/login/", {"login": HOSTILE["username"], "password": "wrong"}),
        ("/accounts/login/", {"login": HOSTILE["email"], "password": "wrong"}),
        (
            "/accounts/signup/",
            {"email": HOSTILE["email"], "password1": HOSTILE["first_name"], "password2": "x"},
        ),
        ("/accounts/password/reset/", {"email": HOSTILE["email"]}),
        ("/feedback/", {"message": HOSTILE["last_name"], "page": HOSTILE["first_name"]}),
    ],
)
def test_forms_sent_back_with_hostile_values_escape_them(url, data):
    _hostile_user()

    assert _unescaped(_page(Client(), url, data, post=True)) == []


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_forms_for_signed_out_readers_render(url):
    assert _unescaped(_page(Client(), url)) == []
