"""GET /api/v1/articles: filters, pages walked by cursor, keys for purges."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from warta.api.article_lists import LIMIT_MAX
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
)

from .api_client import api_get, assert_matches_schema, body

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def _ids(document) -> list[int]:
    return [item["id"] for item in document["items"]]


def test_a_list_shows_cards_newest_first_with_no_body(client):
    old = ArticleFactory(first_published_at=START)
    new = ArticleFactory(first_published_at=START + timedelta(hours=1), access_level="premium")
    ArticleFactory(first_published_at=START + timedelta(hours=2), live=False)

    document = body(api_get(client, "/articles"))

    assert_matches_schema(document, "ArticlePage")
    assert _ids(document) == [new.pk, old.pk]
    assert document["next_cursor"] is None
    assert document["items"][0]["access_level"] == AccessLevel.PREMIUM
    assert "body" not in document["items"][0]


def test_filters_by_section_tag_and_author_together():
    world, sport = SectionFactory(slug="world"), SectionFactory(slug="sport")
    rain, desk = TagFactory(slug="rain"), AuthorFactory(slug="desk")
    match = ArticleFactory(section=world, tags=[rain], authors=[desk])
    ArticleFactory(section=world, tags=[rain])
    ArticleFactory(section=sport, tags=[rain], authors=[desk])
    from django.test import Client

    client = Client()
    assert len(body(api_get(client, "/articles?section=world"))["items"]) == 2
    assert len(body(api_get(client, "/articles?tag=rain"))["items"]) == 3
    assert len(body(api_get(client, "/articles?author=desk"))["items"]) == 2
    both = api_get(client, "/articles?section=world&tag=rain&author=desk")
    assert _ids(body(both)) == [match.pk]
    # The filters' keys, then the stories' (an update in place names only those).
    assert both["Surrogate-Key"] == f"section-world tag-rain author-desk article-{match.pk}"


def test_lists_are_public_and_purged_by_what_they_list(client):
    SectionFactory(slug="World")

    everything = api_get(client, "/articles")
    section = api_get(client, "/articles?section=World")

    assert (
        everything["Cache-Control"] == section["Cache-Control"] == "public, max-age=0, s-maxage=60"
    )
    assert everything["Surrogate-Key"] == "feeds"  # the site's newest stories, as its feeds
    assert section["Surrogate-Key"] == "section-world"


def test_a_limit_past_the_most_is_served_as_the_most(client):
    for n in range(LIMIT_MAX + 2):
        ArticleFactory(first_published_at=START + timedelta(minutes=n))

    document = body(api_get(client, f"/articles?limit={LIMIT_MAX * 1000}"))

    assert len(document["items"]) == LIMIT_MAX
    assert document["next_cursor"] is not None


def _walk(client, query: str, *, between=None) -> list[int]:
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        document = body(
            api_get(client, f"/articles?{query}" + (f"&cursor={cursor}" if cursor else ""))
        )
        seen += _ids(document)
        pages += 1
        cursor = document["next_cursor"]
        if cursor is None:
            return seen
        if between is not None:
            between(pages)
        assert pages < 50


def test_walking_a_list_sees_every_story_once_while_others_are_published(client):
    section = SectionFactory(slug="world")
    # Stories published in the same instant: the pk breaks the tie, as on the site.
    stories = [
        ArticleFactory(section=section, first_published_at=START + timedelta(minutes=n // 3))
        for n in range(11)
    ]
    expected = [
        a.pk for a in sorted(stories, key=lambda a: (a.first_published_at, a.pk), reverse=True)
    ]

    def publish_and_update(page: int) -> None:
        ArticleFactory(section=section, first_published_at=timezone.now())
        stories[page].headline = f"Updated {page}"
        stories[page].last_published_at = timezone.now()
        stories[page].save()

    seen = _walk(client, "section=world&limit=2", between=publish_and_update)

    assert seen == expected  # every story that was there, once, in order
    assert len(set(seen)) == len(seen)
    fresh = _walk(client, "section=world&limit=50")
    assert len(fresh) == len(stories) + 5 and fresh[5:] == expected  # the new ones on top


def test_the_last_page_names_no_next_one(client):
    for n in range(4):
        ArticleFactory(first_published_at=START + timedelta(minutes=n))

    first = body(api_get(client, "/articles?limit=2"))
    second = body(api_get(client, f"/articles?limit=2&cursor={first['next_cursor']}"))

    assert len(second["items"]) == 2 and second["next_cursor"] is None
