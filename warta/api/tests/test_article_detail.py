"""GET /api/v1/articles/{id}: the article's resource, its body as blocks, who may keep it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.api.problems import ARTICLE_NOT_FOUND
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    TagFactory,
    WireSourceFactory,
    paragraphs,
)

from .api_client import api_get, assert_matches_schema, assert_problem, body
from .newsroom_data import premium_article, reader_client

pytestmark = pytest.mark.django_db


def test_every_kind_of_block_comes_typed_in_order(client):
    picture = NewsImageFactory(credit="Photo Desk")
    article = ArticleFactory(
        hero_image=picture,
        tags=[TagFactory(slug="ports", name="Ports")],
        authors=[AuthorFactory(slug="harbour-desk", name="Harbour Desk", role="Staff")],
        dateline="Makassar",
        body=[
            *paragraphs(
                'Ships <b>move</b> again, <a href="https://port.example/">says the port</a>.'
            ),
            ("subheading", "What changes"),
            ("image", {"image": picture, "alt_text": "Cranes at dusk", "caption": ""}),
            ("quote", {"text": "We are open.", "attribution": "The harbour master"}),
            (
                "embed",
                {"url": "https://video.example/v/1", "title": "The first ship", "provider": ""},
            ),
        ],
    )

    document = body(api_get(client, f"/articles/{article.pk}"))

    assert_matches_schema(document, "ArticleResource")
    assert [b["type"] for b in document["body"]] == [
        "paragraph", "subheading", "image", "quote", "embed"
    ]  # fmt: skip
    paragraph, subheading, image, quote, embed = document["body"]
    assert paragraph["html"] == (
        '<p>Ships <b>move</b> again, <a href="https://port.example/">says the port</a>.</p>'
    )
    assert subheading["text"] == "What changes"
    assert image["alt"] == "Cranes at dusk"
    assert image["caption"] == picture.caption and image["credit"] == "Photo Desk"
    assert [r["width"] for r in image["renditions"]] == [480, 800, 1200]
    assert all(r["url"].startswith("https://news.example/media/") for r in image["renditions"])
    assert quote == {"type": "quote", "text": "We are open.", "attribution": "The harbour master"}
    assert embed["url"] == "https://video.example/v/1" and embed["provider"] == ""
    assert document["hero"]["renditions"][-1]["width"] == 1600
    assert document["authors"] == [
        {"slug": "harbour-desk", "name": "Harbour Desk", "role": "Staff"}
    ]
    assert document["byline"] == ["Harbour Desk"]
    assert document["tags"] == [{"slug": "ports", "name": "Ports"}]
    assert document["dateline"] == "Makassar"
    assert document["url"] == "https://news.example" + article.get_absolute_url()
    assert document["access"] == {"full": True, "reason": "free"}


def test_wire_copy_is_credited_to_its_agency(client):
    article = ArticleFactory(wire_source=WireSourceFactory(credit="Lumen Wire"))

    assert body(api_get(client, f"/articles/{article.pk}"))["byline"] == ["Lumen Wire"]


def test_an_update_long_after_the_first_publication_says_so(client):
    first = timezone.now() - timedelta(hours=5)
    article = ArticleFactory(first_published_at=first, last_published_at=first + timedelta(hours=1))
    unchanged = ArticleFactory(first_published_at=first)

    assert body(api_get(client, f"/articles/{article.pk}"))["updated_at"] is not None
    assert body(api_get(client, f"/articles/{unchanged.pk}"))["updated_at"] is None


@pytest.mark.parametrize("article_id", ["999999", str(2**63 - 1)])
def test_no_such_article_is_a_problem(client, article_id):
    assert_problem(api_get(client, f"/articles/{article_id}"), ARTICLE_NOT_FOUND)


def test_an_unpublished_article_is_not_there(client):
    article = ArticleFactory(live=False)

    assert_problem(api_get(client, f"/articles/{article.pk}"), ARTICLE_NOT_FOUND)


def test_an_anonymous_read_is_shared_and_purged_by_the_article_key(client):
    article = premium_article()

    response = api_get(client, f"/articles/{article.pk}")

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert response["Surrogate-Key"] == f"article-{article.pk}"
    assert {"Cookie", "Authorization", "X-Session-Token"} <= {
        v.strip() for v in response["Vary"].split(",")
    }


@pytest.mark.parametrize("kind", ["registered", "subscriber"])
def test_a_signed_in_read_is_private_and_names_no_keys(kind):
    article = ArticleFactory(access_level=AccessLevel.PREMIUM)

    response = api_get(reader_client(kind), f"/articles/{article.pk}")

    assert response["Cache-Control"] == "private, no-cache"
    assert "Surrogate-Key" not in response
