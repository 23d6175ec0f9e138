import sqlite3

import pytest
from django.core.management import CommandError, call_command

from warta.newsroom.models import Section

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sqlite_only]


def test_backup_writes_a_verified_copy_of_the_live_data(tmp_path):
    Section.objects.create(name="World", slug="world")
    target = tmp_path / "backup.sqlite3"

    call_command("backup", output=target)

    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = db.execute("SELECT name FROM newsroom_section").fetchall()
    assert names == [("World",)]


def test_restore_brings_back_what_the_backup_held(tmp_path):
    Section.objects.create(name="World", slug="world")
    target = tmp_path / "backup.sqlite3"
    call_command("backup", output=target)
    Section.objects.all().delete()
    Section.objects.create(name="Culture", slug="culture")

    call_command("backup_restore", str(target), yes=True)

    assert list(Section.objects.values_list("slug", flat=True)) == ["world"]


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    target = tmp_path / "backup.sqlite3"
    target.write_text("precious")

    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=target)

    assert target.read_text() == "precious"


def test_restore_needs_confirmation_and_a_sound_file(tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    Section.objects.create(name="World", slug="world")

    with pytest.raises(CommandError, match="--yes"):
        call_command("backup_restore", str(broken))
    with pytest.raises(CommandError):
        call_command("backup_restore", str(broken), yes=True)

    assert Section.objects.filter(slug="world").exists()
