"""The log of content changes: a change makes stale only what shows its keys, once it commits, in
every process (the database is shared); purging Varnish by the same keys is the worker's job, it
never holds anyone up and is retried."""

import logging
import socket
import subprocess
import sys
import urllib.request
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from warta.newsroom import content_changes as changes
from warta.newsroom.content_changes import (
    content_changed,
    content_fresh,
    content_seen,
    everything_changed,
)
from warta.newsroom.models import ContentChange
from warta.newsroom.tasks import purge_shared_cache
from warta.testing.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_purges(settings):
    settings.WARTA_CACHE_PURGE_URLS = []


def _purges() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache"))


def test_a_change_makes_stale_only_what_shows_its_keys(django_capture_on_commit_callbacks):
    seen = content_seen()

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["article-1", "home"])

    assert not content_fresh(seen, ["article-1"])
    assert not content_fresh(seen, ["section-world", "home"])
    assert content_fresh(seen, ["article-2", "section-world"])
    # What is rendered now knows of the change.
    assert content_fresh(content_seen(), ["article-1", "home"])


def test_an_edit_of_everything_makes_every_page_stale(django_capture_on_commit_callbacks, caplog):
    seen = content_seen()

    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.INFO):
        everything_changed("Section edited in the back office")

    assert not content_fresh(seen, ["article-2"])
    assert not content_fresh(seen, ["other"])
    assert "Every cached page is stale: Section edited in the back office" in caplog.text


def test_a_change_is_seen_only_once_it_commits(django_capture_on_commit_callbacks):
    seen = content_seen()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed(["home"])
        # A request now would cache the old content: it must not be told it is stale yet
        # (and what it renders must not count as knowing of the change).
        assert content_fresh(seen, ["home"])
        inside = content_seen()

    assert len(callbacks) == 1
    assert not content_fresh(inside, ["home"])


def test_a_change_rolled_back_changes_nothing(django_capture_on_commit_callbacks):
    seen = content_seen()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                content_changed(["home"])
                raise RuntimeError("the edit failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert content_fresh(seen, ["home"])
    assert not ContentChange.objects.exists()


def test_a_process_reads_the_log_again_after_a_second(settings):
    settings.WARTA_CONTENT_CHANGES_SECONDS = 1
    clock = [1000.0]
    with mock.patch("warta.newsroom.content_changes.time.monotonic", lambda: clock[0]):
        seen = content_seen()
        # Another process publishes (its row, without this process's knowing).
        ContentChange.objects.create(key="home", at=timezone.now())

        clock[0] += 0.5
        assert content_fresh(seen, ["home"])  # trusted for a second: no query per hit
        clock[0] += 0.6
        assert not content_fresh(seen, ["home"])


def test_a_process_sees_its_own_change_at_once(settings, django_capture_on_commit_callbacks):
    settings.WARTA_CONTENT_CHANGES_SECONDS = 60
    seen = content_seen()

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["home"])

    assert not content_fresh(seen, ["home"])


def test_a_number_drawn_earlier_but_committed_later_is_not_missed(settings):
    """On PostgreSQL two changes may commit out of the order of their numbers: each read looks
    again at the numbers of the last few seconds."""
    settings.WARTA_CONTENT_CHANGES_SECONDS = 1
    clock = [1000.0]
    now = timezone.now()
    with mock.patch("warta.newsroom.content_changes.time.monotonic", lambda: clock[0]):
        content_seen()
        ContentChange.objects.create(pk=100, key="article-1", at=now)
        clock[0] += 1.1
        assert content_seen() == 100
        rendered_before_the_late_one = 95  # a page rendered by a process that had read 95
        ContentChange.objects.create(pk=97, key="article-2", at=now)  # committed only now

        clock[0] += 1.1
        assert not content_fresh(rendered_before_the_late_one, ["article-2"])
        assert content_fresh(100, ["article-2"])  # rendered after it was drawn: right about it


def test_a_page_older_than_what_the_process_remembers_is_stale(settings):
    settings.WARTA_CONTENT_CHANGES_SECONDS = 1
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    settings.WARTA_PAGE_STALE_SECONDS = 30
    clock = [1000.0]
    with mock.patch("warta.newsroom.content_changes.time.monotonic", lambda: clock[0]):
        ContentChange.objects.create(key="article-1", at=timezone.now())
        old = content_seen()
        ContentChange.objects.create(key="article-2", at=timezone.now())
        for _ in range(3):  # reads over more than the window: article-2 is forgotten
            clock[0] += 400
            content_seen()

        assert not content_fresh(old, ["article-3"])  # before the floor: cannot tell
        assert content_fresh(content_seen(), ["article-2"])


def test_a_burst_of_changes_sends_one_purge_per_cache_with_every_key(
    settings, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/", "http://127.0.0.1:10/"]

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed(["article-1", "home"])  # the publication
        content_changed(["home"])  # another hook, in the same transaction
    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["article-2", "section-world"])  # the next story, before the worker ran

    purges = _purges()
    assert sorted(job.args_kwargs["args"][0] for job in purges) == sorted(
        settings.WARTA_CACHE_PURGE_URLS
    )
    assert {tuple(job.args_kwargs["kwargs"]["keys"]) for job in purges} == {
        ("article-1", "article-2", "home", "section-world")
    }


def test_a_change_after_the_purge_started_gets_a_purge_of_its_own(
    settings, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["home"])
    DBTaskResult.objects.update(status="RUNNING")  # the worker took it

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["article-3"])

    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.args_kwargs["kwargs"]["keys"] == ["article-3"]


def test_the_purge_names_its_keys_and_all_purges_everything(monkeypatch):
    """deploy/varnish/warta.vcl purges by X-Warta-Keys (test_varnish.py has it for real)."""
    sent: list[urllib.request.Request] = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def urlopen(request, timeout):
        sent.append(request)
        return Answer()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    purge_shared_cache.enqueue("http://127.0.0.1:6081/", keys=["home", "article-1"])
    purge_shared_cache.enqueue("http://127.0.0.1:6081/", keys=["all"])
    run_queued_jobs()

    assert [r.get_method() for r in sent] == ["BAN", "BAN"]
    assert sent[0].get_header("X-warta-keys") == "article-1 home"
    assert sent[1].get_header("X-warta-keys") is None  # Varnish then bans everything


def test_too_many_keys_purge_everything(settings, django_capture_on_commit_callbacks):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    with django_capture_on_commit_callbacks(execute=True):
        content_changed([f"tag-{n}" for n in range(600)])

    assert _purges()[0].args_kwargs["kwargs"]["keys"] == ["all"]


def test_old_rows_are_deleted_as_new_ones_come(django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(changes, "_PRUNE_EVERY", 1)  # every write prunes
    long_ago = timezone.now() - changes._ROWS_KEPT * 2
    ContentChange.objects.bulk_create(ContentChange(key="home", at=long_ago) for _ in range(5))
    ContentChange.objects.create(key="section-world", at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["article-1"])

    assert sorted(ContentChange.objects.values_list("key", flat=True)) == [
        "article-1",
        "section-world",
    ]


def test_an_unreachable_shared_cache_is_logged_retried_and_does_not_stop_publishing(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    seen = content_seen()

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["home"])
    assert not content_fresh(seen, ["home"])  # published: the purge waits for the worker

    with caplog.at_level(logging.WARNING, logger="warta.newsroom.tasks"):
        run_queued_jobs()

    assert "Could not purge the shared cache at http://127.0.0.1:9/" in caplog.text
    retry = DBTaskResult.objects.filter(
        task_path__endswith="purge_shared_cache", status="READY"
    ).get()
    assert retry.args_kwargs["kwargs"]["_attempt"] == 2
    assert retry.args_kwargs["kwargs"]["keys"] == ["home"]
    assert retry.run_after > timezone.now()  # later, not at once


def test_a_shared_cache_that_does_not_answer_holds_up_nobody(
    settings, django_capture_on_commit_callbacks
):
    """The change returns at once: the purge is queued for the worker, not sent by the request."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    settings.WARTA_CACHE_PURGE_URLS = [f"http://127.0.0.1:{silent.getsockname()[1]}/"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            content_changed(["home"])

        queued = DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache").get()
        assert queued.status == "READY"
        assert queued.args_kwargs["args"] == [django_settings.WARTA_CACHE_PURGE_URLS[0]]
    finally:
        silent.close()


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_process_reaches_this_one(settings):
    """The worker and manage.py commands are other processes: the log they write is the one
    this process reads (the database's), not a copy in their own memory."""
    settings.WARTA_CONTENT_CHANGES_SECONDS = 0
    seen = content_seen()
    database = connection.settings_dict["NAME"]
    code = (
        "import django; django.setup()\n"
        "from warta.newsroom.content_changes import content_changed\n"
        "content_changed(['article-5'])\n"
    )
    env = {
        **__import__("os").environ,
        "WARTA_TEST_DATABASE_NAME": str(database),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-c", _with_database(code)], check=True, env=env, timeout=60
    )

    assert not content_fresh(seen, ["article-5"])
    assert content_fresh(seen, ["article-6"])


def _with_database(code: str) -> str:
    """Point the child process at this test's database (the test database, not the real one)."""
    return (
        "import os\n"
        "from django.conf import settings\n"
        "import config.settings as s\n"
        "s.DATABASES['default']['NAME'] = os.environ['WARTA_TEST_DATABASE_NAME']\n"
        "s.WARTA_CACHE_PURGE_URLS = []\n"
    ) + code
