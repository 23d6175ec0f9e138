"""GET /api/v1/sections."""

import pytest

from warta.newsroom.tests.factories import SectionFactory

from .api_client import api_get, assert_matches_schema, body

pytestmark = pytest.mark.django_db


def test_sections_come_in_the_order_of_the_navigation(client):
    SectionFactory(slug="world", name="World", position=2, description="News from abroad.")
    SectionFactory(slug="business", name="Business", position=1)

    response = api_get(client, "/sections")

    document = body(response)
    assert_matches_schema(document, "SectionList")
    assert [s["slug"] for s in document["items"]] == ["business", "world"]
    assert document["items"][1] == {
        "slug": "world",
        "name": "World",
        "description": "News from abroad.",
        "url": "https://news.example/world/",
    }


def test_sections_are_the_same_for_every_reader_and_purged_by_any_change(client):
    response = api_get(client, "/sections")

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert response["Surrogate-Key"] == "other"
    assert "Vary" not in response
