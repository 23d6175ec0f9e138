"""The canary suite over the API: a premium article's withheld text never reaches an app that may
not read it, through any endpoint; readers who may read it get it in the article's body only.

Run with the caches off and as production runs them (conftest.py: ``cache_mode``).
"""

from urllib.parse import quote

import pytest

from warta.access.rules import Reason

from .api_client import api_get, body
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
    }
    outputs.update({f"tag-{t.slug}": f"/articles?tag={t.slug}" for t in article.tags.all()})
    outputs.update(
        {f"author-{a.slug}": f"/articles?author={a.slug}" for a in article.authors.all()}
    )
    return outputs


def _fetch(client, path: str) -> str:
    response = api_get(client, path)
    assert response.status_code == 200, (path, response.content)
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
