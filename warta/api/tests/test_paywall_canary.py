"""The canary suite over the API: a premium article's withheld text never reaches an app that may
not read it, through any endpoint; readers who may read it get it in the article's body only.

Run with the caches off and as production runs them (conftest.py: ``cache_mode``).
"""

import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from warta.access.rules import Reason
from warta.accounts.models import User
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import premium_article as any_premium_article
from warta.gifts.tests.factories import subscriber

from .api_client import api_get, body
from .app_sign_in import app_sign_in, token_headers, with_password
from .newsroom_data import (
    PREMIUM_CANARY,
    REGISTERED_CANARY,
    TEASER,
    premium_article,
    reader_client,
    registered_article,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

NOT_ENTITLED = ["anonymous", "registered", "lapsed", "past_due"]


@pytest.fixture
def premium():
    return premium_article()


def _outputs(article) -> dict[str, str]:
    """Every API address that could carry the article's body."""
    site = "https://news.example"
    outputs = {
        "sections": "/sections",
        "articles": "/articles",
        "section": f"/articles?section={article.section.slug}",
        "detail": f"/articles/{article.pk}",
        "resolve": f"/resolve?url={quote(site + article.get_absolute_url(), safe='')}",
        "resolve_print": f"/resolve?url={quote(site + article.get_print_url(), safe='')}",
        "openapi": "/openapi.json",
        "sync": "/sync",
        # Search looks into the withheld text only for readers who may read it whole, and
        # answers with cards, never body text.
        "search_canary": f"/search?q={quote(PREMIUM_CANARY)}",
        "search_headline": f"/search?q={quote(article.headline)}",
    }
    outputs.update({f"tag-{t.slug}": f"/articles?tag={t.slug}" for t in article.tags.all()})
    outputs.update(
        {f"author-{a.slug}": f"/articles?author={a.slug}" for a in article.authors.all()}
    )
    return outputs


def _fetch(client, path: str, **headers: str) -> str:
    response = api_get(client, path, **headers)
    assert response.status_code == 200, (path, response.content)
    if path.startswith("/search?"):
        # Search says back the words it was asked for: everything else must not hold them.
        page = json.loads(response.content)
        del page["query"]
        return json.dumps(page)
    return response.content.decode()


@pytest.mark.parametrize("kind", NOT_ENTITLED)
def test_premium_canary_reaches_no_endpoint_for_readers_without_access(kind, premium):
    client = reader_client(kind)

    leaks = [
        name for name, path in _outputs(premium).items() if PREMIUM_CANARY in _fetch(client, path)
    ]

    assert leaks == []


@pytest.mark.parametrize("kind", NOT_ENTITLED)
def test_readers_without_access_get_the_teaser_and_the_reason(kind, premium):
    article = body(api_get(reader_client(kind), f"/articles/{premium.pk}"))

    assert [block["html"] for block in article["body"]] == [f"<p>{t}</p>" for t in TEASER]
    assert article["access"]["full"] is False and article["complete"] is False
    expected = {
        "anonymous": Reason.SUBSCRIPTION_REQUIRED,
        "registered": Reason.SUBSCRIPTION_REQUIRED,
        "lapsed": Reason.SUBSCRIPTION_LAPSED,
        "past_due": Reason.PAYMENT_PAST_DUE,
    }[kind]
    assert article["access"]["reason"] == expected


@pytest.mark.parametrize("kind", ["subscriber", "staff"])
def test_entitled_readers_get_the_whole_body_in_the_article_only(kind, premium):
    client = reader_client(kind)

    found = {n for n, path in _outputs(premium).items() if PREMIUM_CANARY in _fetch(client, path)}

    assert found == {"detail", "resolve", "resolve_print"}
    article = body(api_get(client, f"/articles/{premium.pk}"))
    assert article["access"] == {"full": True, "reason": kind}
    assert article["complete"] is True


def test_a_subscribers_read_leaves_nothing_for_the_next_anonymous_reader(premium):
    subscriber = api_get(reader_client("subscriber"), f"/articles/{premium.pk}")
    assert PREMIUM_CANARY in subscriber.content.decode()

    # The same app asks again signed out, with the subscriber's ETag: no 304 for what it may
    # not read, and the teaser.
    anonymous = api_get(reader_client("anonymous"), f"/articles/{premium.pk}",
                        **{"If-None-Match": subscriber["ETag"]})  # fmt: skip

    assert anonymous.status_code == 200
    assert PREMIUM_CANARY not in anonymous.content.decode()


@pytest.mark.parametrize("kind", ["anonymous"])
def test_registered_articles_are_teasers_for_anonymous_readers(kind):
    article = registered_article()
    client = reader_client(kind)

    pages = [_fetch(client, path) for path in _outputs(article).values()]

    assert not any(REGISTERED_CANARY in page for page in pages)
    assert body(api_get(client, f"/articles/{article.pk}"))["access"]["reason"] == (
        Reason.SIGN_IN_REQUIRED
    )


@pytest.mark.parametrize("kind", ["registered", "lapsed", "subscriber"])
def test_registered_articles_open_to_signed_in_readers(kind):
    article = registered_article()

    found = body(api_get(reader_client(kind), f"/articles/{article.pk}"))

    assert REGISTERED_CANARY in str(found["body"])
    assert found["access"]["full"] is True


# --- The same canary for the app's readers, signed in by session token (decision 0020) --------


def _app_headers(kind: str) -> dict[str, str]:
    """What an app reader of ``kind`` sends: nothing when anonymous, else a session token."""
    if kind == "anonymous":
        return {}
    reader_client(kind)  # makes the reader, named after the kind
    return token_headers(app_sign_in(with_password(User.objects.get(username=kind))))


def _app_leaks(article, headers: dict[str, str]) -> set[str]:
    found = set()
    for name, path in _outputs(article).items():
        if PREMIUM_CANARY in _fetch(Client(), path, **headers):
            found.add(name)
    return found


def _grants_from_a_gift_of(article) -> tuple[str, object]:
    """The grants a device got by opening a gift link of ``article``, and the gift."""
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    opened = api_get(Client(), f"/articles/{article.pk}", **{"X-Gift-Token": made.token})
    return opened["X-Gift-Grants"], made.gift


@pytest.mark.parametrize("kind", NOT_ENTITLED)
def test_premium_canary_reaches_no_endpoint_for_token_readers_without_access(kind, premium):
    assert _app_leaks(premium, _app_headers(kind)) == set()


def test_a_subscriber_by_token_gets_the_whole_body_in_the_article_only(premium):
    assert _app_leaks(premium, _app_headers("subscriber")) == {"detail", "resolve", "resolve_print"}


@pytest.mark.parametrize("kind", ["anonymous", "registered"])
def test_an_expired_gift_opens_nothing_for_app_readers(kind, premium):
    grants, gift = _grants_from_a_gift_of(premium)
    gift.expires_at = timezone.now() - timedelta(minutes=1)
    gift.save()
    headers = {**_app_headers(kind), "X-Gift-Grants": grants}

    assert _app_leaks(premium, headers) == set()
    detail = body(api_get(Client(), f"/articles/{premium.pk}", **headers))
    assert detail["access"] == {"full": False, "reason": "gift_expired"}


@pytest.mark.parametrize("kind", ["anonymous", "registered"])
def test_another_articles_gift_opens_nothing_for_app_readers(kind, premium):
    grants, _ = _grants_from_a_gift_of(any_premium_article(n="-other", slug="other-gifted"))

    assert _app_leaks(premium, {**_app_headers(kind), "X-Gift-Grants": grants}) == set()


@pytest.mark.parametrize("kind", ["anonymous", "registered"])
def test_a_valid_gift_opens_the_article_in_its_detail_only(kind, premium):
    grants, _ = _grants_from_a_gift_of(premium)

    found = _app_leaks(premium, {**_app_headers(kind), "X-Gift-Grants": grants})

    assert found == {"detail", "resolve", "resolve_print"}
