"""The real agency samples in ``../shared/wire-samples`` ingested end to end, then again.

Each folder goes in the way the ``ingest`` command takes it. Items that cannot become articles
(video, a package, an embargo that is no date, a story with no text) are refused with a reason;
the rest become articles whose pages answer, and the agency's notes to editors are on none of
them. Ingesting everything a second time reports every item unchanged and changes no row.
Pictures named by URL are not fetched: the tests have no network, and the warning says so.
"""

from pathlib import Path

import pytest
from django.conf import settings
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.wire import transports
from warta.wire.models import WireItemRecord

from .wire_helpers import SAMPLES, ingest_path, row_counts, source

pytestmark = pytest.mark.django_db

SHARED = Path(settings.BASE_DIR).parent / "shared" / "wire-samples"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared wire samples not present")

# (format, shared folder, project folder, items that become articles at least, refused at most)
FOLDERS = [
    ("ninjs", "ninjs", "ninjs", 7, 1),
    ("newsml-g2", "newsml-g2", "newsml_g2", 9, 5),
    ("rss", "rss", "rss", 60, 8),
]
# What the project's samples hold on purpose that cannot become articles.
REFUSALS = {
    "not a text or picture item (video, audio, graphics are not taken)",
    "the item has no body and no summary",
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(url, **kwargs):
        raise transports.TransportError(f"cannot reach {url}: no network in the tests")

    monkeypatch.setattr(transports, "_get", refuse)


def _ingest_twice(src, folder: Path):
    first = ingest_path(src, folder)
    rows = row_counts()
    second = ingest_path(src, folder)
    return first, rows, second


def _seen(summary) -> set[str]:
    return set(summary.new) | set(summary.updated) | set(summary.withdrawn) | set(summary.unchanged)


def _check_second_run(first, rows, second):
    assert row_counts() == rows
    assert not second.new and not second.updated and not second.withdrawn
    assert set(second.unchanged) == _seen(first)
    assert {(p.item, p.reason) for p in second.failed} == {(p.item, p.reason) for p in first.failed}


def _check_pages(client, src):
    records = WireItemRecord.objects.filter(source=src, article__isnull=False)
    assert records.exists()
    for record in records:
        article = Article.objects.get(pk=record.article_id)
        if not article.live:
            continue
        texts = []
        for url in (article.get_absolute_url(), article.get_print_url()):
            page = client.get(url)
            assert page.status_code == 200, (article.headline, url)
            texts.append(page.content.decode())  # the source, JSON-LD and meta tags included
            texts.append(lxml_html.fromstring(page.content).text_content())  # as a reader reads
        notes = [event.editor_notes for event in record.events.all()] + [record.editor_notes]
        for line in filter(None, (s.strip() for note in notes for s in note.splitlines())):
            if len(line) > 12:  # a note's own words, not a stray "URGENT"
                assert not any(line in text for text in texts), (record.item_id, line)
        assert not article.headline.upper().startswith("KILL")


@needs_shared
@pytest.mark.parametrize(("format", "folder", "_", "landed", "refused"), FOLDERS)
def test_shared_samples_ingest_and_again_all_unchanged(client, format, folder, _, landed, refused):
    src = source(name=f"Shared {format}", format=format)

    first, rows, second = _ingest_twice(src, SHARED / folder)

    assert len(first.new) >= landed, first
    assert len(first.failed) <= refused, first.failed
    for problem in first.failed + first.warnings:
        assert problem.reason and "Traceback" not in problem.reason
        assert "Error" not in problem.reason.split(":")[0]
    _check_second_run(first, rows, second)
    _check_pages(client, src)


@needs_shared
def test_a_shared_kill_leaves_a_tombstone_and_a_bad_embargo_is_held_back():
    src = source(name="Shared ninjs", format="ninjs")

    summary = ingest_path(src, SHARED / "ninjs")

    assert "023_pubstatus_canceled" in summary.withdrawn
    tombstone = WireItemRecord.objects.get(source=src, item_id="023_pubstatus_canceled")
    assert tombstone.article is None and tombstone.state == "killed"
    held = [p for p in summary.failed if p.item == "019_embargoed_bad_datetime"]
    assert held and "held back" in held[0].reason
    assert not WireItemRecord.objects.filter(item_id="019_embargoed_bad_datetime").exists()


@pytest.mark.parametrize(("format", "_", "folder", "landed", "refused"), FOLDERS)
def test_project_samples_ingest_and_again_all_unchanged(client, format, _, folder, landed, refused):
    src = source(name=f"Project {format}", format=format)

    first, rows, second = _ingest_twice(src, SAMPLES / folder)

    assert first.new
    assert {p.reason for p in first.failed} <= REFUSALS, first.failed
    _check_second_run(first, rows, second)
    _check_pages(client, src)


def _end_state(src) -> set[tuple]:
    return {
        (
            record.item_id,
            record.version,
            record.state,
            record.article.headline if record.article else None,
            record.article.live if record.article else None,
            record.article.hero_image is not None if record.article else None,
        )
        for record in WireItemRecord.objects.filter(source=src).select_related("article")
    }


@pytest.mark.parametrize(("format", "_", "folder", "landed", "refused"), FOLDERS)
def test_a_folder_ends_as_its_files_fed_one_by_one(format, _, folder, landed, refused):
    whole = source(name=f"Folder {format}", format=format)
    one_by_one = source(name=f"Files {format}", format=format)

    ingest_path(whole, SAMPLES / folder)
    for path in sorted((SAMPLES / folder).iterdir()):
        if path.is_file() and path.suffix in transports.SUFFIXES[format]:
            ingest_path(one_by_one, path)

    assert _end_state(whole) == _end_state(one_by_one)
    assert _end_state(whole)
