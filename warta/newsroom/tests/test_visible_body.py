import pytest

from warta.newsroom.tests.factories import ArticleFactory, paragraphs
from warta.newsroom.visible_body import visible_body

pytestmark = pytest.mark.django_db


def _texts(body):
    return [str(block.value) for block in body.blocks]


def test_full_body_has_every_block_but_the_teaser_break():
    article = ArticleFactory(
        body=[*paragraphs("One", "Two"), ("teaser_break", None), *paragraphs("Three")]
    )

    body = visible_body(article, full=True)

    assert [b.block_type for b in body.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert body.complete is True


def test_teaser_stops_at_the_editors_break():
    article = ArticleFactory(
        body=[*paragraphs("One"), ("teaser_break", None), *paragraphs("Two", "Three")]
    )

    body = visible_body(article, full=False)

    assert _texts(body) == ["<p>One</p>"]
    assert body.complete is False


def test_teaser_without_break_shows_the_set_number_of_paragraphs(settings):
    settings.WARTA_TEASER_PARAGRAPHS = 2
    article = ArticleFactory(body=[("subheading", "Intro"), *paragraphs("One", "Two", "Three")])

    body = visible_body(article, full=False)

    assert [b.block_type for b in body.blocks] == ["subheading", "paragraph", "paragraph"]
    assert "Three" not in "".join(_texts(body))
    assert body.complete is False


def test_short_article_teaser_is_the_whole_article(settings):
    settings.WARTA_TEASER_PARAGRAPHS = 2
    article = ArticleFactory(body=paragraphs("Only one"))

    body = visible_body(article, full=False)

    assert _texts(body) == ["<p>Only one</p>"]
    assert body.complete is True
