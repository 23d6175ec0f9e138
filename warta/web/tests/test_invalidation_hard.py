"""The changes no reader may see the old copy of again (decision 0017, "Hard changes"), however
they are published: a story withdrawn, deleted, or its access raised, by the back office, a
workflow, scheduled publishing or another request. And a page rendered while such a change
commits is not kept as fresh."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.test import Client as BackOffice
from django.utils import timezone

from warta.accounts.models import User
from warta.cache_table import PAGE_RENDERS
from warta.newsroom import content_changes
from warta.newsroom.content_changes import content_seen
from warta.newsroom.models import AccessLevel, Article, ContentChange, Section
from warta.newsroom.schedule import scheduled_publishing_run
from warta.newsroom.services import article_create, article_publish
from warta.newsroom.tests.factories import SectionFactory, paragraphs
from warta.request_keys import request_digest
from warta.web import page_cache, views
from warta.web.tests.page_cache_client import PageCacheClient as Client

pytestmark = pytest.mark.django_db
SECRET = "PAID-PARAGRAPH"


def _story(section=None, headline="A free story"):
    return article_create(
        headline=headline,
        slug="free-story",
        dek="A summary.",
        section=section or SectionFactory(slug="world"),
        body=paragraphs("One.", "Two.", "Three.", "Four.", f"{SECRET} five."),
        publish=True,
        published_at=timezone.now() - timedelta(hours=1),
    )


def _hard(story) -> bool:
    return ContentChange.objects.filter(key=f"article-{story.pk}", hard=True).exists()


def test_access_raised_and_published_from_the_stored_row_is_hard(production_caches):
    """A workflow's approval, or a publication from another request: Wagtail publishes the
    revision's own copy, not the instance the editor changed."""
    story = _story()
    story.access_level = AccessLevel.PREMIUM
    story.save_revision()
    ContentChange.objects.all().delete()

    article_publish(article=Article.objects.get(pk=story.pk))

    assert Article.objects.get(pk=story.pk).access_level == AccessLevel.PREMIUM
    assert _hard(story)


def test_a_scheduled_raise_changes_nothing_until_it_is_live_and_is_hard_then(production_caches):
    story = _story()
    url = story.get_absolute_url()
    story.access_level = AccessLevel.PREMIUM
    story.go_live_at = timezone.now() + timedelta(minutes=5)
    ContentChange.objects.all().delete()
    story.save_revision().publish()  # scheduled: nothing readers see changes yet

    assert not ContentChange.objects.exists()
    assert SECRET in Client().get(url).content.decode()
    later = timezone.now() + timedelta(minutes=6)
    with patch("django.utils.timezone.now", return_value=later):  # Wagtail reads the clock too
        assert scheduled_publishing_run(now=later).published == 1
    assert _hard(story)

    # Another process is rendering the page anew: this one must not answer with the old copy.
    rendering = PAGE_RENDERS.key(request_digest(_environ(url)))
    cache.add(rendering, 1, timeout=10)
    response = Client().get(url)

    assert response[page_cache.HIT_HEADER] != "stale"
    assert SECRET not in response.content.decode()


def _environ(path):
    from django.test.client import RequestFactory

    return RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", QUERY_STRING="")


@pytest.fixture
def staff():
    client = BackOffice()
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    return client


@pytest.mark.django_db(transaction=True)
def test_deleting_a_live_article_names_its_pages_hard_once_it_is_gone(staff, monkeypatch):
    story = _story()
    ContentChange.objects.all().delete()
    existed_when_named: list[bool] = []
    named = content_changes._changed

    def watching(keys, hard):
        existed_when_named.append(Article.objects.filter(pk=story.pk).exists())
        return named(keys, hard)

    monkeypatch.setattr(content_changes, "_changed", watching)

    staff.post(f"/admin/snippets/newsroom/article/delete/{story.pk}/")

    assert not Article.objects.filter(pk=story.pk).exists()
    assert existed_when_named == [False]
    assert _hard(story)


@pytest.mark.django_db(transaction=True)
def test_looking_at_a_delete_confirmation_changes_no_page(staff):
    world = SectionFactory(slug="world")
    ContentChange.objects.all().delete()

    assert staff.get(f"/admin/snippets/newsroom/section/delete/{world.pk}/").status_code == 200

    assert Section.objects.filter(pk=world.pk).exists()
    assert not ContentChange.objects.exists()


def test_an_update_committed_while_a_page_renders_is_not_hidden_behind_it(production_caches):
    """The article was read for this request; then the desk publishes an update and this
    process reads the log: the shell rendered from the old copy must not count as fresh."""
    story = _story(headline="Version one")
    url = story.get_absolute_url()
    reading = views.reading_for_request
    raced: list[int] = []

    def reading_while_another_process_publishes(request, **kwargs):
        if not raced:
            raced.append(1)
            edited = Article.objects.get(pk=story.pk)
            edited.headline = "Version two"
            edited.save_revision()
            article_publish(article=edited)
            content_seen()
        return reading(request, **kwargs)

    with patch.object(views, "reading_for_request", reading_while_another_process_publishes):
        Client().get(url)  # rendered from version one

    assert "Version two" in Client().get(url).content.decode()
