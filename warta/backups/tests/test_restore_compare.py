"""A backup restored into a fresh database holds the live data, row by row, on either database.

The database is filled with real rows through the apps' factories (articles with revisions,
users, subscriptions, gifts, sessions); the backup is restored into a scratch database and
compared table by table; then one live row is changed and the comparison names its table.
"""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import CommandError, call_command
from django.db import connection

from warta.backups.compare import compare_databases
from warta.backups.databases import backup, prune, restore_into, scratch_database
from warta.backups.sqlite_backup import BackupError
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.models import Article
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory, paragraphs
from warta.subscriptions.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _fill() -> None:
    sections = [SectionFactory() for _ in range(3)]
    for n in range(12):
        story = ArticleFactory(section=sections[n % 3], headline=f"Story {n} — ünïcode “quoted”")
        for edit in range(2):
            story.body = paragraphs(f"Edit {edit} of story {n}.", "A second paragraph.")
            story.save_revision()
    gifters = [subscriber(f"gifter{n}", gifts=5) for n in range(3)]
    for n, gifter in enumerate(gifters):
        for m in range(2):
            gift_create(gifter=gifter, article=premium_article(n=f"{n}-{m}"), now=NOW)
    for _ in range(5):
        ReaderFactory()
    for n in range(4):
        session = SessionStore()
        session["reader"] = n
        session.set_expiry(timedelta(days=14))
        session.save()


def _backup_restore_compare(tmp_path):
    _fill()
    started = time.monotonic()
    path = backup(destination=tmp_path / f"warta-20261201T090000Z.{connection.vendor}")
    with scratch_database() as scratch:
        restore_into(source=path, target=scratch)
        same = compare_databases(connection, scratch)
        article = Article.objects.order_by("pk").first()
        assert article is not None
        Article.objects.filter(pk=article.pk).update(dek="Changed after the backup.")
        changed = compare_databases(connection, scratch)
    took = time.monotonic() - started
    print(f"\n{connection.vendor}: {same.tables} tables, {same.rows} rows compared, {took:.2f} s")
    return same, changed


@pytest.mark.sqlite_only
def test_sqlite_backup_restores_equal_row_by_row(tmp_path):
    same, changed = _backup_restore_compare(tmp_path)

    assert same.equal, "\n".join(str(d) for d in same.differences)
    assert same.rows > 200
    assert [d.table for d in changed.differences] == ["newsroom_article"]
    assert "Changed after the backup." in str(changed.differences[0])


@pytest.mark.postgresql_only
def test_postgresql_backup_restores_equal_row_by_row(tmp_path):
    same, changed = _backup_restore_compare(tmp_path)

    assert same.equal, "\n".join(str(d) for d in same.differences)
    assert same.rows > 200
    assert [d.table for d in changed.differences] == ["newsroom_article"]
    assert "Changed after the backup." in str(changed.differences[0])


def test_backup_check_passes_then_names_the_changed_table(tmp_path, capsys):
    SectionFactory(name="World", slug="world")
    ArticleFactory(headline="Kept")
    path = tmp_path / "warta-20261201T090000Z.backup"
    call_command("backup", output=path)

    call_command("backup_check", str(path))
    assert "equal" in capsys.readouterr().out

    Article.objects.update(headline="Changed")
    with pytest.raises(CommandError, match="newsroom_article"):
        call_command("backup_check", str(path))


def test_restore_refuses_the_live_database_and_a_non_empty_target(tmp_path):
    SectionFactory()
    path = tmp_path / "warta-20261201T090000Z.backup"
    call_command("backup", output=path)

    with pytest.raises(CommandError, match="live database"):
        call_command("backup_restore", str(path), target=connection.settings_dict["NAME"])
    with scratch_database() as scratch:
        restore_into(source=path, target=scratch)
        with pytest.raises(BackupError, match="--replace"):
            restore_into(source=path, target=scratch)
        restore_into(source=path, target=scratch, replace=True)
        assert compare_databases(connection, scratch).equal


def test_backup_is_written_whole_or_not_at_all(tmp_path):
    path = tmp_path / "warta-20261201T090000Z.backup"
    path.write_text("precious")

    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=path)

    assert path.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_prune_keeps_the_newest(tmp_path):
    names = [f"warta-202612{day:02d}T023000Z.dump" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_text("x")
    (tmp_path / "other.dump").write_text("not ours")

    gone = prune(folder=tmp_path, keep=2, suffix=".dump")

    assert sorted(p.name for p in gone) == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.dump", *names[3:]]
