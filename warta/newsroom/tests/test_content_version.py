"""The content version moves once a change commits, is shared by every process through the
database, and purging Varnish is the worker's job: it never holds anyone up and is retried."""

import logging
import socket
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from warta.newsroom import content_version as versions
from warta.newsroom.content_version import content_changed, content_version
from warta.testing.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


def test_each_change_moves_the_version_on(settings, django_capture_on_commit_callbacks):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()

    assert content_version() == before + 2


def test_a_burst_of_changes_sends_one_purge_while_the_worker_has_not_caught_up(
    settings, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/", "http://127.0.0.1:10/"]
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed()  # the publication
        content_changed()  # the back office's after-edit hook, in the same transaction
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()  # the next story, before the worker ran the purge

    assert content_version() == before + 3
    purges = DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache")
    assert sorted(job.args_kwargs["args"][0] for job in purges) == sorted(
        settings.WARTA_CACHE_PURGE_URLS
    )


def test_a_change_after_the_purge_started_gets_a_purge_of_its_own(
    settings, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
    DBTaskResult.objects.update(status="RUNNING")  # the worker took it

    with django_capture_on_commit_callbacks(execute=True):
        content_changed()

    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_version_moves_only_when_the_change_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed()
        inside = content_version()

    assert inside == before  # a request now would still cache the old content under `before`
    assert len(callbacks) == 1
    assert content_version() == before + 1


def test_a_change_rolled_back_moves_nothing(settings, django_capture_on_commit_callbacks):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                content_changed()
                raise RuntimeError("the edit failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert content_version() == before


def test_an_unreachable_shared_cache_is_logged_retried_and_does_not_stop_publishing(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
    assert content_version() == before + 1  # published: the purge waits for the worker

    with caplog.at_level(logging.WARNING, logger="warta.newsroom.tasks"):
        run_queued_jobs()

    assert "Could not purge the shared cache at http://127.0.0.1:9/" in caplog.text
    retry = DBTaskResult.objects.filter(
        task_path__endswith="purge_shared_cache", status="READY"
    ).get()
    assert retry.args_kwargs["kwargs"]["_attempt"] == 2
    assert retry.run_after > timezone.now()  # later, not at once


def test_a_shared_cache_that_does_not_answer_holds_up_nobody(
    settings, django_capture_on_commit_callbacks
):
    """The change returns at once: the purge is queued for the worker, not sent by the request."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    settings.WARTA_CACHE_PURGE_URLS = [f"http://127.0.0.1:{silent.getsockname()[1]}/"]
    before = content_version()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            content_changed()

        assert content_version() == before + 1
        queued = DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache").get()
        assert queued.status == "READY"
        assert queued.args_kwargs["args"] == [django_settings.WARTA_CACHE_PURGE_URLS[0]]
    finally:
        silent.close()


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_process_reaches_this_one(settings):
    """The worker and manage.py commands are other processes: the version they move is the one
    this process reads (the database's), not a copy in their own memory."""
    settings.WARTA_CACHE_PURGE_URLS = []
    settings.WARTA_CONTENT_VERSION_SECONDS = 0
    before = content_version()
    database = connection.settings_dict["NAME"]
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "from warta.newsroom.content_version import content_changed\n"
        "content_changed()\n"
    )
    env = {
        **__import__("os").environ,
        "WARTA_TEST_DATABASE_NAME": str(database),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-c", _with_database(code)], check=True, env=env, timeout=60
    )
    versions._seen.clear()

    assert content_version() == before + 1


def _with_database(code: str) -> str:
    """Point the child process at this test's database (the test database, not the real one)."""
    return (
        "import os\n"
        "from django.conf import settings\n"
        "import config.settings as s\n"
        "s.DATABASES['default']['NAME'] = os.environ['WARTA_TEST_DATABASE_NAME']\n"
    ) + code
