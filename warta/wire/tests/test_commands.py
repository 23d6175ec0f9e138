"""``manage.py wire_source`` and ``manage.py ingest`` as an operator runs them."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from warta.newsroom.models import Article
from warta.wire.models import Source

from .wire_helpers import SAMPLES, ninjs, section

pytestmark = pytest.mark.django_db


def _add(*extra: str, name: str = "KBU ninjs") -> None:
    call_command(
        "wire_source", "add", name, "--format", "ninjs", "--section", "world",
        "--publish", "now", "--access", "premium", "--time-zone", "Asia/Jakarta", *extra,
        stdout=io.StringIO(),
    )  # fmt: skip


def test_wire_source_add_and_list(capsys):
    section()
    section("business", "Business")
    _add("--category", "medtop:04000000=business", "--credit", "Kantor Berita Uji")
    source = Source.objects.get()
    assert (source.format, source.section.slug, source.publish_mode) == ("ninjs", "world", "now")
    assert (source.access_level, source.time_zone) == ("premium", "Asia/Jakarta")
    assert source.agency.credit == "Kantor Berita Uji"
    assert [(m.code, m.section.slug) for m in source.categories.all()] == [
        ("medtop:04000000", "business")
    ]
    capsys.readouterr()
    call_command("wire_source", "list")
    listed = capsys.readouterr().out
    assert "KBU ninjs: ninjs, section world, now, premium, Asia/Jakarta" in listed
    assert "medtop:04000000=business" in listed


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--time-zone", "Mars/Olympus"), "not a time zone"),
        (("--category", "medtop:1=nowhere"), 'No section "nowhere"'),
    ],
)
def test_wire_source_add_refuses_bad_settings_and_keeps_nothing(extra, message):
    section()
    with pytest.raises(CommandError, match=message):
        _add(*extra)
    assert not Source.objects.exists()


def test_wire_source_add_refuses_an_unknown_section():
    with pytest.raises(CommandError, match='No section "world"'):
        _add()


def test_ingest_json_summary_and_exit_status(tmp_path, capsys):
    section()
    _add()
    (tmp_path / "a.json").write_bytes(ninjs("urn:test:a", 1))
    (tmp_path / "b.json").write_bytes(ninjs("urn:test:b", 1, headline=""))
    (tmp_path / "notes.txt").write_text("not an item: not the source's format")

    with pytest.raises(SystemExit) as exited:
        call_command("ingest", "--source", "KBU ninjs", str(tmp_path), "--json")
    assert exited.value.code == 1
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) == {"new", "updated", "unchanged", "withdrawn", "failed", "warnings"}
    assert summary["new"] == ["urn:test:a"]
    assert summary["failed"] == [
        {
            "file": str(tmp_path / "b.json"),
            "item": "urn:test:b",
            "reason": "the item has no headline",
        }
    ]
    assert Article.objects.get().access_level == "premium"

    # Again, without the bad file: everything unchanged, exit status 0.
    (tmp_path / "b.json").unlink()
    call_command("ingest", "--source", "KBU ninjs", str(tmp_path), "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["unchanged"] == ["urn:test:a"] and not again["new"] and not again["failed"]


def test_ingest_dry_run_and_readable_summary(tmp_path, capsys):
    section()
    _add()
    for name in ("v2-text-update.json", "v3-kill.json"):
        shutil.copy(SAMPLES / "ninjs" / name, tmp_path / name)
    call_command("ingest", "--source", "KBU ninjs", str(tmp_path), "--dry-run")
    out = capsys.readouterr().out
    assert out.startswith("Dry run, nothing changed: would be 1 new")
    assert "1 withdrawn" in out
    assert not Article.objects.exists()


def test_ingest_names_a_missing_path_and_an_unknown_source(tmp_path, capsys):
    section()
    _add()
    with pytest.raises(SystemExit):
        call_command("ingest", "--source", "KBU ninjs", str(tmp_path / "missing"), "--json")
    failed = json.loads(capsys.readouterr().out)["failed"]
    assert failed[0]["file"] == str(tmp_path / "missing") and "not found" in failed[0]["reason"]
    with pytest.raises(CommandError, match='No source "Nobody"'):
        call_command("ingest", "--source", "Nobody", str(tmp_path))


def test_a_long_readable_summary_lists_50_ids_and_counts_the_rest(tmp_path, capsys):
    section()
    _add()
    items = [
        {
            "uri": f"urn:test:many:{n}",
            "version": "1",
            "headline": f"Story {n}",
            "body_html": "<p>x</p>",
        }
        for n in range(60)
    ]
    (tmp_path / "many.json").write_text(json.dumps(items))

    call_command("ingest", "--source", "KBU ninjs", str(tmp_path))

    out = capsys.readouterr().out
    assert out.startswith("Ingested: 60 new")
    assert out.count("  New: urn:test:many:") == 50
    assert "  New: and 10 more (--json lists all)" in out


def test_ingest_writes_the_new_stories_of_all_its_files_and_locations_together(
    tmp_path, capsys, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from warta.wire import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BACKLOG_ITEMS", 5)  # a backlog's search: one job
    section()
    _add()
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    for n in range(6):
        folder = first if n < 4 else second
        (folder / f"{n}.json").write_bytes(ninjs(f"urn:test:many-{n}", 1, f"Story {n}"))

    with pytest.raises(SystemExit):  # a location failed
        call_command("ingest", "--source", "KBU ninjs", str(first), str(tmp_path / "gone"),
                     str(second), "--json")  # fmt: skip
    summary = json.loads(capsys.readouterr().out)

    assert summary["new"] == [f"urn:test:many-{n}" for n in range(6)]
    assert [problem["file"] for problem in summary["failed"]] == [str(tmp_path / "gone")]
    jobs = DBTaskResult.objects.filter(task_path__endswith="articles_search_index")
    assert [len(job.args_kwargs["args"][0]) for job in jobs] == [6]  # one batch of six
