"""pg_dump and pg_restore get the connection's settings, the password only in their environment,
and a dump that fails leaves no file behind (the programs are stood in for here; the real ones
run in test_restore_compare.py on PostgreSQL)."""

import subprocess
from pathlib import Path

import pytest

from warta.backups import pg_backup
from warta.backups.sqlite_backup import BackupError

pytestmark = pytest.mark.database_free

SETTINGS = {
    "NAME": "warta",
    "HOST": "db.internal",
    "PORT": 5433,
    "USER": "warta",
    "PASSWORD": "s3cret-pass",
    "OPTIONS": {"sslmode": "require"},
}


@pytest.fixture
def calls(monkeypatch):
    seen: list[tuple[list[str], dict[str, str]]] = []

    def run(args, *, env, **kwargs):
        seen.append((args, env))
        if "--format=custom" in args:
            Path(next(a for a in args if a.startswith("--file=")).split("=", 1)[1]).write_bytes(
                b"PGDMP..."
            )
        out = "; 3 TABLE DATA public newsroom_article\n" if "--list" in args else ""
        return subprocess.CompletedProcess(args, 0, out, "")

    monkeypatch.setattr(pg_backup.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(pg_backup.subprocess, "run", run)
    return seen


def test_the_password_goes_in_the_environment_never_the_command_line(calls, tmp_path):
    target = tmp_path / "warta-20261201T021700Z.dump"

    pg_backup.pg_backup(destination=target, settings_dict=SETTINGS)

    (dump, dump_env), (listing, _) = calls
    assert dump[:2] == ["/usr/bin/pg_dump", "--format=custom"]
    assert "--dbname=warta" in dump and listing[:2] == ["/usr/bin/pg_restore", "--list"]
    assert not any("s3cret" in arg for args, _ in calls for arg in args)
    assert (dump_env["PGPASSWORD"], dump_env["PGHOST"], dump_env["PGPORT"]) == (
        "s3cret-pass",
        "db.internal",
        "5433",
    )
    assert (dump_env["PGUSER"], dump_env["PGSSLMODE"]) == ("warta", "require")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_failed_dump_leaves_no_file(monkeypatch, tmp_path):
    def fail(args, **kwargs):
        Path(next(a for a in args if a.startswith("--file=")).split("=", 1)[1]).write_bytes(b"PG")
        return subprocess.CompletedProcess(args, 1, "", "pg_dump: error: connection refused")

    monkeypatch.setattr(pg_backup.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(pg_backup.subprocess, "run", fail)

    with pytest.raises(BackupError, match="connection refused"):
        pg_backup.pg_backup(destination=tmp_path / "warta.dump", settings_dict=SETTINGS)

    assert list(tmp_path.iterdir()) == []


def test_restore_adds_no_owner_and_cleans_only_when_asked(calls, tmp_path):
    dump = tmp_path / "warta.dump"
    dump.write_bytes(b"PGDMP...")

    pg_backup.pg_restore_into(source=dump, settings_dict={**SETTINGS, "NAME": "fresh"})
    pg_backup.pg_restore_into(source=dump, settings_dict={**SETTINGS, "NAME": "old"}, clean=True)

    restores = [args for args, _ in calls if "--list" not in args]
    assert restores[0] == [
        "/usr/bin/pg_restore",
        "--no-owner",
        "--exit-on-error",
        "--dbname=fresh",
        str(dump),
    ]
    assert "--clean" in restores[1] and "--dbname=old" in restores[1]
