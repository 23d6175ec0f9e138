"""Scheduled publishing and expiry: articles go live and come down through ``publish_scheduled``.

Time is moved by patching ``django.utils.timezone.now``, which Wagtail's publishing code and the
command both read.
"""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.newsroom.services import article_create, article_publish
from warta.newsroom.tests.factories import SectionFactory, paragraphs

pytestmark = pytest.mark.django_db

HEADLINE = "Container terminal opens to the largest ships"
CONTROL = "Container terminal tariffs rise for shipping lines"
QUERY = "container terminal"


@pytest.fixture
def section():
    return SectionFactory(name="Business", slug="business")


def _article(section, *, headline=HEADLINE, slug="terminal-opens", **kwargs):
    return article_create(
        headline=headline,
        slug=slug,
        dek="The port doubles its capacity.",
        section=section,
        body=paragraphs("The terminal opens at dawn.", "Ships queue outside the harbour."),
        **kwargs,
    )


def _would_be_url(article, when):
    """The address the article will have once it is published at ``when``."""
    local = timezone.localtime(when)
    return reverse(
        "web:article",
        kwargs={
            "section": article.section.slug,
            "year": f"{local:%Y}",
            "month": f"{local:%m}",
            "day": f"{local:%d}",
            "slug": article.slug,
        },
    )


def _headlines(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    doc = lxml_html.fromstring(response.content.decode())
    return [a.text_content().strip() for a in doc.cssselect(".card-title a")]


def _publish_scheduled_at(moment):
    with patch("django.utils.timezone.now", return_value=moment):
        call_command("publish_scheduled")


# --- Scheduled publishing -----------------------------------------------------------------------


def test_given_article_scheduled_for_later_when_read_then_it_is_not_on_the_site(client, section):
    go_live_at = timezone.now() + timedelta(hours=2)
    _article(section, headline=CONTROL, slug="tariffs-rise", publish=True)

    article = _article(section, go_live_at=go_live_at)

    assert article.live is False
    assert article.first_published_at is None
    assert article.go_live_at == go_live_at
    assert article.latest_revision.approved_go_live_at == go_live_at
    assert article.get_absolute_url() == ""
    assert client.get(_would_be_url(article, go_live_at)).status_code == 404
    # The published control story shows the lists work; the scheduled one is not in them.
    assert _headlines(client, section.get_absolute_url()) == [CONTROL]
    assert _headlines(client, f"{reverse('web:search')}?q={QUERY}") == [CONTROL]
    assert HEADLINE not in client.get("/").content.decode()


def test_given_scheduled_article_when_go_live_time_passes_then_publish_scheduled_publishes_it(
    client, section
):
    go_live_at = timezone.now() + timedelta(hours=2)
    article = _article(section, go_live_at=go_live_at)

    call_command("publish_scheduled")  # too early: nothing happens
    article.refresh_from_db()
    assert article.live is False

    later = go_live_at + timedelta(minutes=1)
    _publish_scheduled_at(later)

    article.refresh_from_db()
    assert article.live is True
    assert article.first_published_at == later
    assert article.live_revision == article.latest_revision
    assert article.latest_revision.approved_go_live_at is None
    url = article.get_absolute_url()
    assert url == _would_be_url(article, later)
    response = client.get(url)
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    assert [h.text_content() for h in doc.cssselect("h1")] == [HEADLINE]
    assert "The terminal opens at dawn." in doc.text_content()
    assert _headlines(client, section.get_absolute_url()) == [HEADLINE]
    assert _headlines(client, f"{reverse('web:search')}?q={QUERY}") == [HEADLINE]


# --- Expiry -------------------------------------------------------------------------------------


def test_given_live_article_with_expiry_when_expiry_passes_then_publish_scheduled_unpublishes_it(
    client, section
):
    expire_at = timezone.now() + timedelta(hours=2)
    article = _article(section)
    article.expire_at = expire_at
    article.save_revision()
    article = article_publish(article=article)
    assert article.live is True
    assert article.expire_at == expire_at
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200

    call_command("publish_scheduled")  # before the expiry: still live
    article.refresh_from_db()
    assert article.live is True

    _publish_scheduled_at(expire_at + timedelta(minutes=1))

    article.refresh_from_db()
    assert article.live is False
    assert article.expired is True
    assert client.get(url).status_code == 404
    assert _headlines(client, section.get_absolute_url()) == []
    assert _headlines(client, f"{reverse('web:search')}?q={QUERY}") == []
    # Unpublishing keeps the article and its content for the newsroom.
    assert Article.objects.get(pk=article.pk).headline == HEADLINE


# --- Through the background worker -------------------------------------------------------------


def test_the_worker_publishes_a_scheduled_article_once_its_time_has_come(
    client, section, django_capture_on_commit_callbacks
):
    """The job the scheduler enqueues every minute, run by the database worker."""
    from warta.newsroom.tasks import publish_scheduled
    from warta.testing.jobs import run_queued_jobs

    go_live_at = timezone.now() + timedelta(minutes=1)
    article = _article(section, go_live_at=go_live_at)

    publish_scheduled.enqueue()
    run_queued_jobs()  # too early
    article.refresh_from_db()
    assert article.live is False

    later = go_live_at + timedelta(seconds=30)
    with patch("django.utils.timezone.now", return_value=later):
        publish_scheduled.enqueue()
        with django_capture_on_commit_callbacks(execute=True):
            run_queued_jobs()

    article.refresh_from_db()
    assert article.live is True
    assert _headlines(client, "/") == [HEADLINE]


def test_running_the_job_twice_publishes_once(section):
    from wagtail.models import ModelLogEntry

    from warta.newsroom.schedule import scheduled_publishing_run

    go_live_at = timezone.now() + timedelta(minutes=1)
    article = _article(section, go_live_at=go_live_at)
    later = go_live_at + timedelta(minutes=1)

    with patch("django.utils.timezone.now", return_value=later):  # Wagtail reads the clock too
        first = scheduled_publishing_run(now=later)
        second = scheduled_publishing_run(now=later)

    assert (first.published, second.published) == (1, 0)
    assert (
        ModelLogEntry.objects.filter(
            object_id=str(article.pk), action="wagtail.publish.scheduled"
        ).count()
        == 1
    )


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_publish_each_story_once(section):
    """Row locks: two workers running the job at the same moment take each revision once."""
    import threading

    from django.db import connection
    from wagtail.models import ModelLogEntry

    from warta.newsroom.schedule import scheduled_publishing_run

    go_live_at = timezone.now() + timedelta(minutes=1)
    articles = [
        _article(section, headline=f"Story {n}", slug=f"story-{n}", go_live_at=go_live_at)
        for n in range(8)
    ]
    later = go_live_at + timedelta(minutes=1)
    start = threading.Barrier(2)
    runs = []

    def worker():
        try:
            start.wait()
            runs.append(scheduled_publishing_run(now=later))
        finally:
            connection.close()

    clock = patch("django.utils.timezone.now", return_value=later)
    clock.start()
    request_cleanup = clock.stop

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join(timeout=60)
    finally:
        request_cleanup()

    assert sum(run.published for run in runs) == len(articles)
    assert ModelLogEntry.objects.filter(action="wagtail.publish.scheduled").count() == len(articles)
    assert Article.objects.filter(live=True).count() == len(articles)
