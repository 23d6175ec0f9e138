"""The canary suite: a premium article's withheld text never leaves the server for a reader who
may not read it, through any output; readers who may read it get it where the body belongs.

Each premium article holds a unique phrase after its teaser break. Every output is fetched as
every kind of reader and searched for the phrase.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from warta.accounts.models import User
from warta.newsroom.models import AccessLevel
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    paragraphs,
)
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus

# With the caches off, and as production runs them (conftest.py: cache_mode).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

PREMIUM_CANARY = "canary-premium-7f3a9c"
REGISTERED_CANARY = "canary-registered-b81e44"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def _article(headline: str, level: str, canary: str, **kwargs):
    return ArticleFactory(
        headline=headline,
        slug=headline.lower().replace(" ", "-"),
        access_level=level,
        first_published_at=timezone.now() - timedelta(hours=3),
        body=[
            *paragraphs("Opening paragraph anyone may read.", "Second paragraph of the teaser."),
            ("teaser_break", None),
            *paragraphs(f"The withheld paragraph with {canary} in it.", "More withheld text."),
        ],
        **kwargs,
    )


@pytest.fixture
def premium():
    section = SectionFactory(slug="business", name="Business")
    tag = TagFactory(slug="markets", name="Markets")
    desk = AuthorFactory(slug="business-desk", name="Business Desk")
    return _article(
        "Nickel smelters rethink coal",
        AccessLevel.PREMIUM,
        PREMIUM_CANARY,
        section=section,
        tags=[tag],
        authors=[desk],
    )


@pytest.fixture
def registered_only(premium):
    return _article(
        "Cinema audiences grow", AccessLevel.REGISTERED, REGISTERED_CANARY, section=premium.section
    )


def _user(username: str) -> User:
    return User.objects.create_user(username=username, email=f"{username}@example.org")


def _subscribe(user: User, status: str, period_end) -> None:
    plan, _ = Plan.objects.get_or_create(
        slug="digital", defaults={"name": "Digital", "price": 55000, "gifts_per_month": 3}
    )
    Subscription.objects.create(
        user=user, plan=plan, status=status, current_period_end=period_end, provider="development"
    )


def _client(kind: str) -> Client:
    if kind == "googlebot":
        return Client(HTTP_USER_AGENT=GOOGLEBOT)
    if kind == "search_referer":
        return Client(HTTP_REFERER="https://www.google.com/search?q=nickel+smelters")
    client = Client()
    if kind == "anonymous":
        return client
    user = _user(kind)
    now = timezone.now()
    if kind == "lapsed":
        _subscribe(user, SubscriptionStatus.EXPIRED, now - timedelta(days=2))
    elif kind == "cancelled_ended":
        _subscribe(user, SubscriptionStatus.CANCELLED, now - timedelta(minutes=1))
    elif kind == "past_due":
        _subscribe(user, SubscriptionStatus.PAST_DUE, now + timedelta(days=5))
    elif kind == "subscriber":
        _subscribe(user, SubscriptionStatus.ACTIVE, now + timedelta(days=20))
    elif kind == "staff":
        newsroom_roles_ensure()
        from django.contrib.auth.models import Group

        user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def _outputs(article) -> dict[str, str]:
    """Every URL that could carry an article's body text."""
    return {
        "page": article.get_absolute_url(),
        "print": article.get_print_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
        "tag": "/tag/markets/",
        "author": "/author/business-desk/",
        "search": "/search/?q=nickel+smelters",
        "search_all": "/search/?q=withheld",
        "rss": "/feeds/rss.xml",
        "atom": "/feeds/atom.xml",
        "section_rss": f"/feeds/{article.section.slug}/rss.xml",
        "section_atom": f"/feeds/{article.section.slug}/atom.xml",
        "sitemap_index": "/sitemap.xml",
        "sitemap_articles": "/sitemap-articles.xml",
        "sitemap_news": "/sitemap-news.xml",
        "preview": f"/admin/snippets/newsroom/article/preview/{article.pk}/",
    }


def _fetch(client: Client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code in (200, 405), (url, response.status_code)
    return response.content.decode()


NOT_ENTITLED = ["anonymous", "registered", "lapsed", "cancelled_ended", "past_due", "googlebot",
                "search_referer"]  # fmt: skip


@pytest.mark.parametrize("kind", NOT_ENTITLED)
def test_premium_canary_reaches_no_output_for_readers_without_access(kind, premium):
    client = _client(kind)

    leaks = [
        name for name, url in _outputs(premium).items() if PREMIUM_CANARY in _fetch(client, url)
    ]

    assert leaks == []


@pytest.mark.parametrize("kind", NOT_ENTITLED)
def test_the_teaser_is_still_there_for_readers_without_access(kind, premium):
    page = _fetch(_client(kind), premium.get_absolute_url())

    assert "Opening paragraph anyone may read." in page
    assert "Second paragraph of the teaser." in page
    assert 'class="paywall"' in page


@pytest.mark.parametrize("kind", ["subscriber", "staff"])
def test_entitled_readers_get_the_whole_body_where_it_belongs(kind, premium):
    client = _client(kind)
    outputs = _outputs(premium)

    found = {name for name, url in outputs.items() if PREMIUM_CANARY in _fetch(client, url)}

    assert {"page", "print"} <= found
    assert found <= {"page", "print", "preview"}  # never in feeds, sitemaps, lists or search


@pytest.mark.parametrize("kind", ["anonymous", "googlebot", "search_referer"])
def test_registered_articles_are_teasers_for_anonymous_readers(kind, registered_only):
    client = _client(kind)

    pages = [_fetch(client, url) for url in _outputs(registered_only).values()]

    assert not any(REGISTERED_CANARY in page for page in pages)
    assert "Sign in to keep reading" in _fetch(client, registered_only.get_absolute_url())


@pytest.mark.parametrize("kind", ["registered", "lapsed", "subscriber"])
def test_registered_articles_open_to_signed_in_readers(kind, registered_only):
    page = _fetch(_client(kind), registered_only.get_absolute_url())

    assert REGISTERED_CANARY in page
    assert 'class="paywall"' not in page


def test_json_ld_and_social_tags_of_a_premium_article_carry_the_dek_not_the_body(premium):
    page = _fetch(_client("subscriber"), premium.get_absolute_url())
    head = page.split("</head>")[0]

    assert PREMIUM_CANARY not in head
    assert '"isAccessibleForFree": false' in head
    assert f'<meta property="og:description" content="{premium.dek}">' in head
