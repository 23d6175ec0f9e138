"""Varnish is purged only once every process has read the new content change: each trusts what it
read for WARTA_CONTENT_CHANGES_SECONDS, and a BAN sent sooner let Varnish fetch the old page from
one of them and keep it for its s-maxage (seen with two servers: tests/test_several_machines.py)."""

import http.server
import threading
import time

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from warta.newsroom.content_changes import content_changed
from warta.testing.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def varnish_clock():
    """A stand-in for Varnish that notes when each BAN arrives."""
    arrived: list[float] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_BAN(self):
            arrived.append(time.time())
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", arrived
    server.shutdown()
    server.server_close()


def test_the_ban_waits_until_every_process_trusts_the_new_version(
    settings, django_capture_on_commit_callbacks, varnish_clock
):
    url, arrived = varnish_clock
    settings.WARTA_CACHE_PURGE_URLS = [url]
    settings.WARTA_CONTENT_CHANGES_SECONDS = 1
    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["home"])
    committed = time.time()

    run_queued_jobs()

    assert len(arrived) == 1
    assert committed + 0.9 <= arrived[0] < committed + 3


def test_a_change_while_the_purge_waits_is_purged_by_it_after_its_own_second(
    settings, django_capture_on_commit_callbacks, varnish_clock
):
    url, arrived = varnish_clock
    settings.WARTA_CACHE_PURGE_URLS = [url]
    settings.WARTA_CONTENT_CHANGES_SECONDS = 1
    with django_capture_on_commit_callbacks(execute=True):
        content_changed(["home"])
    time.sleep(0.5)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed(["home"])  # the worker has not taken the first purge yet
    second = time.time()

    assert DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache").count() == 1
    run_queued_jobs()

    assert len(arrived) == 1  # one BAN for both
    assert arrived[0] >= second + 0.9
