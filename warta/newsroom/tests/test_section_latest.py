"""The home page's section blocks: the newest stories of each section, read through the
per-section index a few rows deep (selectors.section_latest_articles). The same rows on SQLite
and on PostgreSQL (CI runs this file on both), in a fixed number of queries."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from warta.newsroom.models import Article, Section
from warta.newsroom.selectors import section_latest_articles
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 8, 8, 0, tzinfo=UTC)


def _blocks(**kwargs) -> list[tuple[str, list[str]]]:
    return [
        (s.slug, [a.headline for a in stories]) for s, stories in section_latest_articles(**kwargs)
    ]


def _expected(exclude: list[int], per_section: int) -> list[tuple[str, list[str]]]:
    """What the blocks should hold, worked out in Python from every row."""
    live = [a for a in Article.objects.filter(live=True) if a.pk not in exclude]
    blocks = []
    for section in Section.objects.all():  # in the navigation's order
        newest = sorted(
            (a for a in live if a.section_id == section.pk),
            key=lambda a: (a.first_published_at, a.pk),
            reverse=True,
        )[:per_section]
        if newest:
            blocks.append((section.slug, [a.headline for a in newest]))
    return blocks


def test_each_section_shows_its_newest_live_stories_in_navigation_order():
    world = SectionFactory(slug="world", position=2)
    sport = SectionFactory(slug="sport", position=1)
    SectionFactory(slug="empty", position=0)  # nothing live: no block
    for i in range(6):
        ArticleFactory(section=world, headline=f"World {i}", first_published_at=T0 + timedelta(i))
    ArticleFactory(section=world, headline="World draft", live=False)
    ArticleFactory(section=sport, headline="Sport 0", first_published_at=T0)
    ArticleFactory(section=sport, headline="Sport 1", first_published_at=T0 + timedelta(1))

    assert _blocks(exclude=[]) == [
        ("sport", ["Sport 1", "Sport 0"]),  # fewer than four: all of them
        ("world", ["World 5", "World 4", "World 3", "World 2"]),
    ]


def test_stories_already_on_the_page_make_room_for_older_ones():
    world = SectionFactory(slug="world")
    stories = [
        ArticleFactory(section=world, headline=f"World {i}", first_published_at=T0 + timedelta(i))
        for i in range(6)
    ]
    lead, second = stories[5], stories[3]

    assert _blocks(exclude=[lead.pk, second.pk]) == [
        ("world", ["World 4", "World 2", "World 1", "World 0"])
    ]
    assert _blocks(exclude=[s.pk for s in stories]) == []


def test_stories_published_in_the_same_instant_are_told_apart_by_their_id():
    world = SectionFactory(slug="world")
    same = [
        ArticleFactory(section=world, headline=f"Same {i}", first_published_at=T0) for i in range(6)
    ]
    ArticleFactory(section=world, headline="Older", first_published_at=T0 - timedelta(1))

    blocks = section_latest_articles(exclude=[same[4].pk], per_section=3)

    assert [a.pk for a in blocks[0][1]] == [same[5].pk, same[3].pk, same[2].pk]


@pytest.mark.parametrize("per_section", [1, 4])
def test_the_blocks_hold_what_sorting_every_story_would_give(per_section):
    """Many sections, times that often coincide, drafts and excluded stories: the same rows
    as sorting every live story by section (what the home page showed before, by a window
    function over the whole archive)."""
    rng = random.Random(13)
    sections = [SectionFactory(slug=f"s{i}", position=rng.randint(0, 3)) for i in range(7)]
    made = [
        ArticleFactory(
            section=rng.choice(sections[:6]),  # the last section stays empty
            headline=f"Story {i}",
            first_published_at=T0 + timedelta(hours=rng.randint(0, 12)),
            live=rng.random() > 0.15,
        )
        for i in range(60)
    ]
    exclude = [a.pk for a in rng.sample(made, 8)]

    assert _blocks(exclude=exclude, per_section=per_section) == _expected(exclude, per_section)


def test_the_number_of_queries_does_not_grow_with_sections_or_stories():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            section_latest_articles(exclude=[])
        # Numbering every live story by section sorts the whole archive (4.7 s at a million).
        assert not [q for q in captured if " OVER " in q["sql"].upper()]
        return len(captured)

    for i in range(2):
        section = SectionFactory()
        for j in range(5):
            ArticleFactory(section=section, first_published_at=T0 + timedelta(hours=i * 10 + j))
    few = queries()
    for i in range(10):
        section = SectionFactory()
        for j in range(8):
            ArticleFactory(section=section, first_published_at=T0 + timedelta(hours=i * 10 + j))

    assert queries() == few
