"""New items of a file are written together; a batch that fails is taken again item by item."""

import json
from unittest.mock import patch

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from warta.newsroom.models import Article
from warta.wire import ingest as ingest_module
from warta.wire.models import DeskEvent, Outcome, WireItemRecord

from .wire_helpers import ingest, ingest_path, ninjs, row_counts, source

pytestmark = pytest.mark.django_db


def _envelope(prefix: str, count: int, **extra) -> bytes:
    items = [
        json.loads(
            ninjs(
                f"urn:test:batch:{prefix}-{n}",
                1,
                f"Harbour story {prefix} number {n}",
                subjects=[{"name": f"Port {n % 3}"}, {"name": "Shipping"}],
                **extra,
            )
        )
        for n in range(count)
    ]
    return json.dumps({"items": items}).encode()


def _queries(src, tmp_path, data: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        summary = ingest(src, tmp_path, data)
    assert not summary.failed
    return len(queries)


def test_the_queries_of_a_file_of_new_items_do_not_grow_with_its_items(tmp_path):
    src = source()
    _queries(src, tmp_path, _envelope("warm", 2))  # tags and content types exist from here on

    few = _queries(src, tmp_path, _envelope("few", 10))
    many = _queries(src, tmp_path, _envelope("many", 40))

    # One by one, each item costs dozens of queries; together, a batch costs a few.
    assert many - few < 10, (few, many)
    assert Article.objects.filter(live=True).count() == 52


def test_a_batch_that_fails_is_taken_again_item_by_item(tmp_path):
    src = source()
    with patch.object(
        ingest_module, "articles_create_many", side_effect=IntegrityError("a race")
    ) as batch:
        summary = ingest(src, tmp_path, _envelope("race", 5))

    assert batch.call_count == 1
    assert len(summary.new) == 5 and not summary.failed
    assert row_counts()["articles"] == 5
    events = DeskEvent.objects.filter(source=src)
    assert sorted(events.values_list("outcome", flat=True)) == [Outcome.NEW] * 5


def test_an_item_that_cannot_be_taken_fails_alone_and_the_others_land(tmp_path):
    src = source()
    original_clean = Article.clean

    def refuse_one(self):
        original_clean(self)
        if self.headline.endswith("number 2"):
            raise ValidationError({"headline": ["refused for this test"]})

    with patch.object(Article, "clean", refuse_one):
        summary = ingest(src, tmp_path, _envelope("mixed", 4))

    assert [problem.item for problem in summary.failed] == ["urn:test:batch:mixed-2"]
    assert "headline: refused for this test" in summary.failed[0].reason
    assert sorted(summary.new) == [f"urn:test:batch:mixed-{n}" for n in (0, 1, 3)]
    assert Article.objects.count() == 3
    assert not WireItemRecord.objects.filter(item_id="urn:test:batch:mixed-2").exists()
    failed = DeskEvent.objects.get(outcome=Outcome.FAILED)
    assert failed.item_id == "urn:test:batch:mixed-2"


def test_an_item_another_ingest_took_meanwhile_is_not_taken_twice(tmp_path):
    src = source()
    data = _envelope("twice", 3)
    ingest(src, tmp_path, data)
    counts = row_counts()

    # A second ingest that read the records before the first one wrote them (a race): its
    # batch hits the records' unique key, and item by item, each is the version held.
    with patch.object(ingest_module, "_records_held", return_value={}):
        summary = ingest(src, tmp_path, data)

    assert len(summary.unchanged) == 3 and not summary.new and not summary.failed
    assert row_counts() == counts


def test_items_refused_by_the_mapping_are_reported_and_the_batch_lands(tmp_path):
    src = source()
    items = json.loads(_envelope("empty", 3))["items"]
    items[1]["headlines"] = [{"role": "main", "value": "   "}]

    summary = ingest(src, tmp_path, json.dumps({"items": items}).encode())

    assert [(p.item, p.reason) for p in summary.failed] == [
        ("urn:test:batch:empty-1", "the item has no headline")
    ]
    assert len(summary.new) == 2 and Article.objects.count() == 2


def test_a_dry_run_of_new_items_writes_nothing(tmp_path):
    src = source()
    counts = row_counts()

    summary = ingest(src, tmp_path, _envelope("dry", 3), dry_run=True)

    assert len(summary.new) == 3
    assert row_counts() == counts


def test_an_item_and_its_next_version_in_the_next_file_are_both_taken(tmp_path):
    src = source()
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "a.json").write_bytes(_envelope("pair", 3))
    update = ninjs("urn:test:batch:pair-1", 2, "Harbour story pair number 1, updated")
    (folder / "b.json").write_bytes(update)

    with patch.object(ingest_module, "_ingest_item", wraps=ingest_module._ingest_item) as alone:
        summary = ingest_path(src, folder)

    # The update waited for the batch, then went alone; the batch did not fall back.
    assert [call.args[1].item_id for call in alone.call_args_list] == ["urn:test:batch:pair-1"]
    assert len(summary.new) == 3 and summary.updated == ("urn:test:batch:pair-1",)
    assert not summary.failed
    record = WireItemRecord.objects.get(item_id="urn:test:batch:pair-1")
    assert record.version == "2"
    assert record.article.headline == "Harbour story pair number 1, updated"
    assert Article.objects.count() == 3


def _worker_runs_the_queued_jobs() -> None:
    """What ``db_worker`` does with each job, in this test's transaction (the command's loop
    closes the connection between jobs)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="worker", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    for job in DBTaskResult.objects.ready().filter(backend_name="worker"):
        job.claim(worker.worker_id)
        worker.run_task(job)


def test_a_backlog_is_on_the_site_at_once_and_in_search_once_the_worker_has_run(
    tmp_path, monkeypatch
):
    from django_tasks_db.models import DBTaskResult
    from wagtail.search.models import IndexEntry

    from warta.newsroom.selectors import article_search

    monkeypatch.setattr(ingest_module, "BACKLOG_ITEMS", 3)
    src = source()

    small = ingest(src, tmp_path, _envelope("ferry", 2))  # under a backlog: indexed at once
    assert len(small.new) == 2
    assert len(article_search(query="ferry")) == 2

    summary = ingest(src, tmp_path, _envelope("backlog", 4))

    assert len(summary.new) == 4
    backlog = Article.objects.filter(headline__contains="backlog")
    assert backlog.filter(live=True).count() == 4  # on the site now
    assert not IndexEntry.objects.filter(object_id__in=[str(a.pk) for a in backlog]).exists()
    assert article_search(query="backlog") == []
    jobs = DBTaskResult.objects.filter(task_path__endswith="articles_search_index")
    assert jobs.count() == 1

    _worker_runs_the_queued_jobs()

    assert jobs.get().status == "SUCCESSFUL"
    assert {a.headline for a in article_search(query="backlog")} == {
        f"Harbour story backlog number {n}" for n in range(4)
    }


def test_a_body_refused_in_a_batch_fails_alone_and_the_batch_lands(tmp_path):
    src = source()
    items = json.loads(_envelope("deep", 3))["items"]
    items[1]["bodies"][0]["value"] = "<div>" * 150 + "x" + "</div>" * 150

    with patch.object(ingest_module, "_ingest_item", wraps=ingest_module._ingest_item) as alone:
        summary = ingest(src, tmp_path, json.dumps({"items": items}).encode())

    assert [call.args[1].item_id for call in alone.call_args_list] == ["urn:test:batch:deep-1"]
    assert [problem.item for problem in summary.failed] == ["urn:test:batch:deep-1"]
    assert len(summary.new) == 2 and Article.objects.count() == 2
