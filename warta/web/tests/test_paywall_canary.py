"""The canary suite: a premium article's withheld text never leaves the server for a reader who
may not read it, through any output; readers who may read it get it where the body belongs.

Each premium article holds a unique phrase after its teaser break. Every output is fetched as
every kind of reader and searched for the phrase.
"""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.management import call_command
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


# --- Wire copy of a premium source: the same rule, whatever way the story came in ----------

WIRE_CANARY = "canary-wire-premium-5d20e7"
WIRE_EMBARGO_CANARY = "canary-wire-embargo-c94b10"


def _wire_item(uri: str, headline: str, canary: str, **extra) -> bytes:
    from warta.wire.tests.wire_helpers import ninjs

    body = "".join(
        f"<p>{text}</p>"
        for text in (
            "Opening paragraph anyone may read.",
            "Second paragraph of the teaser.",
            f"The withheld paragraph with {canary} in it.",
            "More withheld text.",
        )
    )
    return ninjs(uri, 1, headline, body=body, subjects=[{"name": "Markets"}], **extra)


@pytest.fixture
def wire_premium(tmp_path):
    from warta.wire.models import WireItemRecord
    from warta.wire.tests.wire_helpers import ingest, source

    src = source(name="Premium wire", access_level=AccessLevel.PREMIUM, credit="KBU")
    summary = ingest(
        src, tmp_path, _wire_item("urn:canary:wire", "Nickel exports slow", WIRE_CANARY)
    )
    assert summary.new == ("urn:canary:wire",)
    return WireItemRecord.objects.get(item_id="urn:canary:wire").article


def _wire_outputs(article) -> dict[str, str]:
    outputs = _outputs(article)
    del outputs["author"]  # agency copy has no author page
    outputs["search"] = "/search/?q=nickel+exports"
    return outputs


@pytest.mark.parametrize("kind", NOT_ENTITLED)
def test_wire_premium_canary_reaches_no_output_for_readers_without_access(kind, wire_premium):
    client = _client(kind)
    assert wire_premium.live and wire_premium.access_level == AccessLevel.PREMIUM

    outputs = _wire_outputs(wire_premium)
    leaks = [name for name, url in outputs.items() if WIRE_CANARY in _fetch(client, url)]

    assert leaks == []
    page = _fetch(client, wire_premium.get_absolute_url())
    assert "Second paragraph of the teaser." in page and 'class="paywall"' in page


@pytest.mark.parametrize("kind", ["subscriber", "staff"])
def test_wire_premium_whole_body_for_entitled_readers_only_where_it_belongs(kind, wire_premium):
    client = _client(kind)

    outputs = _wire_outputs(wire_premium)
    found = {name for name, url in outputs.items() if WIRE_CANARY in _fetch(client, url)}

    assert {"page", "print"} <= found <= {"page", "print", "preview"}


@pytest.mark.parametrize("kind", ["anonymous", "subscriber", "googlebot"])
def test_an_embargoed_wire_story_is_in_no_output_before_its_time(kind, tmp_path):
    from warta.wire.models import WireItemRecord
    from warta.wire.tests.wire_helpers import ingest, source

    src = source(name="Premium wire", access_level=AccessLevel.PREMIUM)
    later = timezone.now() + timedelta(hours=2)
    # The canary in the dek, which every list, feed and card shows (the slug is in the URL).
    dek = [{"role": "summary", "value": f"A deal with {WIRE_EMBARGO_CANARY} in it."}]
    item = _wire_item("urn:canary:embargo", "Smelter deal", "x", embargoed=later, descriptions=dek)
    assert ingest(src, tmp_path, item).embargoed == ("urn:canary:embargo",)
    article = WireItemRecord.objects.get(item_id="urn:canary:embargo").article
    client = _client(kind)
    # The addresses it will have once out (an unpublished article has none yet).
    article.first_published_at = later
    outputs = _wire_outputs(article)
    del outputs["preview"]  # the newsroom's own preview, for editors
    outputs["search"] = "/search/?q=smelter+deal"

    leaks = [n for n, url in outputs.items() if WIRE_EMBARGO_CANARY in _fetch_any(client, url)]

    assert leaks == []
    assert client.get(outputs["page"]).status_code == 404
    # At its time the worker brings it out, on the address it was going to have.
    with patch("django.utils.timezone.now", return_value=later + timedelta(seconds=30)):
        call_command("publish_scheduled")
    found = [n for n, url in outputs.items() if WIRE_EMBARGO_CANARY in _fetch_any(client, url)]
    assert {"page", "home", "section", "rss", "search"} <= set(found)  # the check above can fail


def _fetch_any(client: Client, url: str) -> str:
    """Like _fetch, but the embargoed article's own pages may (must) be missing."""
    response = client.get(url, follow=True)
    missing_allowed = "/20" in url and url.endswith(".html")  # the article and its print view
    assert response.status_code in ((200, 404) if missing_allowed else (200, 405)), url
    return response.content.decode()
