import pytest
from django.core.management import CommandError, call_command

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]


def test_backup_on_postgresql_points_to_pg_dump(tmp_path):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", output=tmp_path / "backup.sqlite3")

    assert not (tmp_path / "backup.sqlite3").exists()
