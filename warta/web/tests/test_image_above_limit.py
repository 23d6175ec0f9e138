"""An article whose picture is above ``WARTA_IMAGE_MAX_PIXELS`` (stored before the limit, or
before it was lowered) still opens, on the site and in the API: the picture is left out, and no
request decodes it (issue 15, item 3)."""

import pytest

from warta.newsroom.tests.factories import ArticleFactory, NewsImageFactory

pytestmark = pytest.mark.django_db


def test_an_article_whose_picture_is_above_the_limit_opens_without_it(client, settings):
    image = NewsImageFactory()  # 1600x1000
    article = ArticleFactory(hero_image=image)
    settings.WARTA_IMAGE_MAX_PIXELS = 1_000_000

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert 'property="og:image"' not in response.content.decode()
    assert not image.renditions.exists()
