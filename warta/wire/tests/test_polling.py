"""Polling URL sources: conditional GET, errors kept on the source, one source never holding
up another, and the worker's job that polls each due source."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from warta.newsroom.models import Article
from warta.testing.jobs import run_queued_jobs
from warta.wire import polling
from warta.wire.models import Source
from warta.wire.tasks import poll_due_sources

from .wire_helpers import ninjs, source

pytestmark = pytest.mark.django_db

ITEM = ninjs("urn:test:polled", 1)


class _Agency(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_GET(self):
        type(self).seen.append((self.path, self.headers.get("If-None-Match", "")))
        if self.path == "/feed.json":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(ITEM)))
            self.end_headers()
            self.wfile.write(ITEM)
        elif self.path == "/garbage.json":
            body = b"<html>Service Unavailable</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/hangs.json":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.send_response(500)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def agency():
    _Agency.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Agency)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_poll_ingests_then_asks_only_for_what_changed(agency):
    src = source(url=f"{agency}/feed.json")
    first = polling.source_poll(source_id=src.pk)
    assert first.fetched and first.summary.new == ("urn:test:polled",)
    assert Article.objects.count() == 1

    second = polling.source_poll(source_id=src.pk)
    assert not second.fetched and not second.error
    assert _Agency.seen[-1] == ("/feed.json", '"v1"')
    src.refresh_from_db()
    assert src.etag == '"v1"' and src.last_success_at is not None and not src.last_error


def test_garbage_and_errors_are_kept_on_the_source(agency):
    garbage = source("Garbage", url=f"{agency}/garbage.json")
    broken = source("Broken", url=f"{agency}/broken.json")
    assert polling.source_poll(source_id=garbage.pk).error
    assert "HTTP 500" in polling.source_poll(source_id=broken.pk).error
    garbage.refresh_from_db()
    broken.refresh_from_db()
    assert garbage.last_error and garbage.last_error_at and garbage.last_success_at is None
    assert "HTTP 500" in broken.last_error


def test_a_hanging_source_is_cut_off_and_the_next_one_is_polled(agency, monkeypatch):
    monkeypatch.setattr(polling, "POLL_TIMEOUT_SECONDS", 1.0)
    hangs = source("Hangs", url=f"{agency}/hangs.json")
    good = source("Good", url=f"{agency}/feed.json")
    started = time.monotonic()
    poll_due_sources.enqueue()
    run_queued_jobs()
    assert time.monotonic() - started < 8
    hangs.refresh_from_db()
    assert "timed out" in hangs.last_error
    assert Article.objects.filter(wire_source=good.agency).count() == 1


def test_only_sources_whose_interval_passed_are_due():
    now = timezone.now()
    fresh = source("Fresh", url="https://agency.example/a.json", poll_every=300)
    stale = source("Stale", url="https://agency.example/b.json", poll_every=300)
    never = source("Never", url="https://agency.example/c.json")
    source("No URL")
    Source.objects.filter(pk=fresh.pk).update(last_polled_at=now - timedelta(seconds=100))
    Source.objects.filter(pk=stale.pk).update(last_polled_at=now - timedelta(seconds=400))
    assert set(polling.sources_due(now=now)) == {stale.pk, never.pk}
