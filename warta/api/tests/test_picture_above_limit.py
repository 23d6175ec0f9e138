"""An article whose picture is above ``WARTA_IMAGE_MAX_PIXELS`` is still answered: its hero
comes with no rendition rather than the request decoding it (issue 15, item 3)."""

import pytest

from warta.newsroom.tests.factories import ArticleFactory, NewsImageFactory

from .api_client import api_get, assert_matches_schema, body

pytestmark = pytest.mark.django_db


def test_an_article_whose_picture_is_above_the_limit_is_answered_without_renditions(
    client, settings
):
    image = NewsImageFactory()  # 1600x1000
    article = ArticleFactory(hero_image=image)
    settings.WARTA_IMAGE_MAX_PIXELS = 1_000_000

    response = api_get(client, f"/articles/{article.pk}")

    assert response.status_code == 200
    document = body(response)
    assert_matches_schema(document, "ArticleResource")
    assert document["hero"]["renditions"] == []
    assert not image.renditions.exists()
