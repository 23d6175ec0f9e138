"""The log of live articles for the app's sync (article_events.py): each write path writes its
event in its own transaction, numbers go to committed rows only, old events are forgotten."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from warta.accounts.models import User
from warta.newsroom.article_events import (
    KEPT,
    article_events_forget,
    article_events_number,
    article_log_position,
)
from warta.newsroom.articles_bulk import articles_create_many
from warta.newsroom.models import AccessLevel, Article, ArticleEvent
from warta.newsroom.schedule import scheduled_publishing_run
from warta.newsroom.services import (
    ArticleChanges,
    article_create,
    article_revise,
    article_take_down,
    article_unpublish,
)
from warta.newsroom.tests.factories import SectionFactory, paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionFactory(slug="world", name="World")


def _story(section, n: int = 1, **kwargs) -> Article:
    return article_create(
        headline=f"Ferry story {n}",
        slug=f"ferry-story-{n}",
        dek="Boats.",
        section=section,
        body=paragraphs("The ferry sails."),
        **kwargs,
    )


def _changes(article: Article, **kwargs) -> ArticleChanges:
    fields = {
        "headline": article.headline,
        "dek": article.dek,
        "body": paragraphs("Another version."),
        "section": article.section,
        "access_level": article.access_level,
    }
    return ArticleChanges(**{**fields, **kwargs})


def _events(article_id: int | None = None) -> list[tuple[str, str, bool]]:
    found = ArticleEvent.objects.order_by("id")
    if article_id is not None:
        found = found.filter(article_id=article_id)
    return list(found.values_list("kind", "reason", "access_raised"))


def test_publishing_updating_and_unpublishing_each_log_one_event(section):
    story = _story(section, publish=True)
    article_revise(article=story, changes=_changes(story, headline="New"), publish=True)
    article_revise(article=story, changes=_changes(story, headline="Draft"), publish=False)
    article_revise(
        article=story, changes=_changes(story, access_level=AccessLevel.PREMIUM), publish=True
    )
    article_unpublish(article=story)

    assert _events(story.pk) == [
        ("arrived", "", False),
        ("updated", "", False),
        ("updated", "", True),  # access raised
        ("left", "unpublished", False),
    ]


def test_a_draft_or_a_story_scheduled_for_later_logs_nothing_until_it_goes_live(section):
    go_live_at = timezone.now() + timedelta(hours=1)
    story = _story(section, go_live_at=go_live_at)
    _story(section, 2)
    assert _events() == []

    from unittest.mock import patch

    later = go_live_at + timedelta(minutes=1)
    with patch("django.utils.timezone.now", return_value=later):
        scheduled_publishing_run(now=later)

    assert _events(story.pk) == [("arrived", "", False)]


def test_expiry_kills_withholds_and_deletes_say_why_the_story_left(section):
    expiring, killed, withheld, deleted, bulk = (_story(section, n, publish=True) for n in range(5))
    Article.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    scheduled_publishing_run(now=timezone.now())
    article_take_down(article=killed, because=ArticleEvent.Reason.KILLED)
    article_take_down(article=withheld, because=ArticleEvent.Reason.WITHHELD)
    deleted_id, bulk_id = deleted.pk, bulk.pk
    deleted.delete()
    Article.objects.filter(pk=bulk_id).delete()

    left = ArticleEvent.objects.filter(kind="left").order_by("id")
    assert list(left.values_list("article_id", "reason")) == [
        (expiring.pk, "expired"),
        (killed.pk, "killed"),
        (withheld.pk, "withheld"),
        (deleted_id, "deleted"),
        (bulk_id, "deleted"),
    ]


def test_deleting_a_draft_or_taking_down_what_is_not_live_logs_nothing(section):
    draft = _story(section)
    article_take_down(article=draft)
    draft.delete()
    assert _events() == []


def test_a_batch_of_agency_copy_logs_each_story_that_arrived(section):
    template = _story(section, 9)
    changes = [_changes(template, headline=f"Wire {n}") for n in range(3)]

    created = articles_create_many(articles=changes, publish=True)

    arrived = ArticleEvent.objects.filter(kind="arrived").order_by("id")
    assert list(arrived.values_list("article_id", flat=True)) == [a.pk for a in created]


def test_a_change_rolled_back_takes_its_event_with_it(section):
    story = _story(section, publish=True)
    before = _events()
    with pytest.raises(RuntimeError), transaction.atomic():
        article_unpublish(article=story)
        raise RuntimeError("the rest of the change failed")
    assert _events() == before


def test_the_back_office_unpublish_goes_through_the_newsroom(section):
    story = _story(section, publish=True)
    admin = User.objects.create_superuser("chief", "chief@example.org", "a-long-passphrase")
    client = Client()
    client.force_login(admin)

    response = client.post(f"/admin/snippets/newsroom/article/unpublish/{story.pk}/")

    assert response.status_code == 302
    assert _events(story.pk)[-1] == ("left", "unpublished", False)


def test_numbers_follow_the_order_and_old_events_are_forgotten(section):
    for n in range(3):
        _story(section, n, publish=True)
    assert ArticleEvent.objects.filter(seq__isnull=False).count() == 0

    position = article_events_number()

    assert position.numbered == 3 and position.forgotten == 0
    by_id = list(ArticleEvent.objects.order_by("id").values_list("seq", flat=True))
    assert by_id == [1, 2, 3]
    assert article_events_number() == position  # nothing waits: nothing changes

    forgotten = article_events_forget(now=timezone.now() + KEPT + timedelta(seconds=1))
    assert forgotten.forgotten == 3 and ArticleEvent.objects.count() == 0
    assert article_log_position() == forgotten


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time")
def test_an_event_that_commits_late_is_numbered_after_those_already_seen(section):
    story_late, story_early = _story(section, 1, publish=True), _story(section, 2, publish=True)
    article_events_number()
    inserted, release = threading.Event(), threading.Event()

    def late_writer():
        try:
            with transaction.atomic():
                article_unpublish(article=story_late)  # its id is drawn now
                inserted.set()
                release.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=late_writer)
    writer.start()
    assert inserted.wait(10)
    article_unpublish(article=story_early)  # a higher id, committed first
    seen = article_events_number()  # the late one is not visible: not numbered
    release.set()
    writer.join(10)
    after = article_events_number()

    late = ArticleEvent.objects.get(article_id=story_late.pk, kind="left")
    early = ArticleEvent.objects.get(article_id=story_early.pk, kind="left")
    assert late.id < early.id
    assert early.seq is not None and early.seq <= seen.numbered
    assert late.seq is not None and late.seq > seen.numbered == after.numbered - 1
