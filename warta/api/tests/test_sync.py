"""GET /api/v1/sync: the contract. Snapshot, changes in order, tombstones, paging, cursors
refused or expired, caching. (The property test is in test_sync_property.py.)"""

import json
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.test import Client
from django.utils import timezone

from warta.api.problems import INVALID_CURSOR, INVALID_PARAMETER
from warta.api.sync import LIMIT_MAX, SYNC_CURSOR_EXPIRED
from warta.api.sync_cursors import SyncPosition, sync_cursor_for, sync_position_of
from warta.newsroom.article_events import KEPT, article_events_forget
from warta.newsroom.models import AccessLevel, Article
from warta.newsroom.services import (
    ArticleChanges,
    article_create,
    article_revise,
    article_take_down,
    article_unpublish,
)
from warta.newsroom.tests.factories import SectionFactory, paragraphs

from .api_client import assert_problem
from .sync_app import SYNC_URLS, App, sync_get

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SYNC_URLS)]


@pytest.fixture
def section():
    return SectionFactory(slug="world", name="World")


def _story(section, n: int, **kwargs) -> Article:
    kwargs.setdefault("publish", True)
    return article_create(
        headline=f"Harbour story {n}",
        slug=f"harbour-story-{n}",
        dek="Ships and cranes.",
        section=section,
        body=paragraphs("The harbour opens at dawn."),
        **kwargs,
    )


def _revise(article: Article, *, headline: str | None = None, level: str | None = None):
    changes = ArticleChanges(
        headline=headline or article.headline,
        dek=article.dek,
        body=paragraphs("A new version."),
        section=article.section,
        access_level=level or article.access_level,
    )
    return article_revise(article=article, changes=changes, publish=True)


def _page(client: Client, **params):
    response = sync_get(client, **params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def _kinds(page) -> list[tuple[str, int]]:
    return [(entry["kind"], entry["id"]) for entry in page["entries"]]


def test_without_since_the_answer_is_a_snapshot_of_every_live_article(client, section):
    first, second = _story(section, 1), _story(section, 2)
    _story(section, 3, publish=False)

    page = _page(client)

    assert page["snapshot"] is True
    assert page["more"] is False
    assert _kinds(page) == [("arrived", first.pk), ("arrived", second.pk)]
    card = page["entries"][0]["article"]
    assert card["headline"] == "Harbour story 1" and "body" not in card
    assert page["entries"][0]["reason"] is None


def test_a_snapshot_is_paged_and_what_changed_during_it_comes_next(client, section):
    stories = [_story(section, n) for n in range(3)]
    page = _page(client, limit=2)
    assert page["more"] is True and page["snapshot"] is True
    assert [e["id"] for e in page["entries"]] == [stories[0].pk, stories[1].pk]

    article_unpublish(article=stories[0])  # during the walk
    rest = _page(client, since=page["next_cursor"], limit=2)
    assert [e["id"] for e in rest["entries"]] == [stories[2].pk]
    assert rest["more"] is True  # the change made during the walk waits

    after = _page(client, since=rest["next_cursor"])
    assert after["snapshot"] is False
    assert _kinds(after) == [("left", stories[0].pk)]
    assert after["entries"][0]["reason"] == "unpublished"


def test_changes_come_in_order_with_tombstones_and_their_reasons(client, section):
    kept, killed, withheld = _story(section, 1), _story(section, 2), _story(section, 3)
    since = _page(client)["next_cursor"]

    _revise(kept, headline="Harbour story 1, updated")
    article_take_down(article=killed, because="killed")
    article_take_down(article=withheld, because="withheld")
    new = _story(section, 4)

    page = _page(client, since=since)
    assert _kinds(page) == [
        ("updated", kept.pk),
        ("left", killed.pk),
        ("left", withheld.pk),
        ("arrived", new.pk),
    ]
    assert page["entries"][0]["article"]["headline"] == "Harbour story 1, updated"
    assert [e["reason"] for e in page["entries"][1:3]] == ["killed", "withheld"]
    assert _page(client, since=page["next_cursor"])["entries"] == []


def test_an_article_is_named_once_a_page_at_its_last_change(client, section):
    story, other = _story(section, 1), _story(section, 2)
    since = _page(client)["next_cursor"]
    _revise(story, headline="Second version")
    _revise(other, headline="Other, second version")
    _revise(story, headline="Third version")

    page = _page(client, since=since)

    assert _kinds(page) == [("updated", other.pk), ("updated", story.pk)]
    assert page["entries"][1]["article"]["headline"] == "Third version"


def test_access_raised_is_an_update_carrying_the_new_level(client, section):
    story = _story(section, 1)
    since = _page(client)["next_cursor"]

    _revise(story, level=AccessLevel.PREMIUM)

    [entry] = _page(client, since=since)["entries"]
    assert entry["kind"] == "updated"
    assert entry["access_raised"] is True
    assert entry["article"]["access_level"] == "premium"


def test_a_deleted_article_leaves_with_a_tombstone(client, section):
    story = _story(section, 1)
    since = _page(client)["next_cursor"]
    story_id = story.pk

    story.delete()

    assert _page(client, since=since)["entries"] == [
        {"kind": "left", "id": story_id, "article": None, "reason": "deleted",
         "access_raised": False}
    ]  # fmt: skip


def test_a_scheduled_story_arrives_when_it_goes_live(client, section):
    go_live_at = timezone.now() + timedelta(hours=1)
    story = _story(section, 1, publish=False, go_live_at=go_live_at)
    since = _page(client)["next_cursor"]
    assert _page(client, since=since)["entries"] == []

    later = go_live_at + timedelta(minutes=1)
    with patch("django.utils.timezone.now", return_value=later):
        from warta.newsroom.schedule import scheduled_publishing_run

        scheduled_publishing_run(now=later)

    assert _kinds(_page(client, since=since)) == [("arrived", story.pk)]


def test_pages_of_changes_are_walked_with_more_and_the_limit_is_capped(client, section):
    since = _page(client)["next_cursor"]
    stories = [_story(section, n) for n in range(3)]

    first = _page(client, since=since, limit=2)
    second = _page(client, since=first["next_cursor"], limit=2)

    assert first["more"] is True and second["more"] is False
    assert [e["id"] for e in first["entries"] + second["entries"]] == [s.pk for s in stories]
    with patch("warta.api.sync.LIMIT_MAX", 1):
        capped = _page(client, since=since, limit=LIMIT_MAX)
    assert len(capped["entries"]) == 1


@pytest.mark.parametrize(
    "since",
    [
        "nonsense",
        sync_cursor_for(SyncPosition(seq=0)) + "=",
        "czEuMDA",  # "s1.00": not one spelling of a position
        "MS4wLjE",  # a cursor of /articles, not of the sync
    ],
)
def test_a_cursor_it_did_not_give_is_refused(client, since):
    assert_problem(sync_get(client, since=since), INVALID_CURSOR)


def test_cursors_decode_exactly_and_round_trip():
    for position in (SyncPosition(seq=0), SyncPosition(seq=42, snapshot_after=7)):
        assert sync_position_of(sync_cursor_for(position)) == position


def test_a_limit_below_one_is_an_invalid_parameter(client):
    assert_problem(sync_get(client, limit=0), INVALID_PARAMETER)


def test_a_cursor_older_than_the_log_keeps_is_gone(client, section):
    since = _page(client)["next_cursor"]
    _story(section, 1)
    _page(client)  # numbers the event

    article_events_forget(now=timezone.now() + KEPT + timedelta(days=1))

    document = assert_problem(sync_get(client, since=since), SYNC_CURSOR_EXPIRED)
    assert "without `since`" in document["detail"]
    assert _page(client)["snapshot"] is True  # starting again works


def test_a_cursor_beyond_the_log_is_gone_too(client):
    ahead = sync_cursor_for(SyncPosition(seq=1000))
    assert_problem(sync_get(client, since=ahead), SYNC_CURSOR_EXPIRED)


def test_the_answer_is_public_purged_with_the_feeds_and_revalidated(client, section):
    _story(section, 1)
    response = sync_get(client)

    assert response["Cache-Control"].startswith("public")
    assert response["Surrogate-Key"] == "feeds"
    again = client.get("/api/v1/sync", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def _queries_of_a_page(client, section, entries: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    since = _page(client)["next_cursor"]
    for n in range(entries):
        _revise(_story(section, n + 100 * entries), headline=f"Story {n}, updated")
    with CaptureQueriesContext(connection) as queries:
        page = _page(client, since=since, limit=LIMIT_MAX)
    assert len(page["entries"]) == entries
    return len(queries)


def test_a_page_costs_the_same_few_queries_however_many_entries(client, section):
    _queries_of_a_page(client, section, 2)  # the log's first numbering makes its row
    one, eight = _queries_of_a_page(client, section, 1), _queries_of_a_page(client, section, 8)
    assert one == eight <= 12  # numbering what waits, the events, the articles and their cards


def test_an_app_syncing_with_pages_of_one_ends_with_the_live_set(client, section):
    app = App(limit=1)
    app.sync(client)
    story = _story(section, 1)
    _revise(story, level=AccessLevel.REGISTERED)
    gone = _story(section, 2)
    article_unpublish(article=gone)
    app.sync(client)
    assert app.held == {story.pk: ("Harbour story 1", "registered")}
