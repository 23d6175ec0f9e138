"""Online backups of the SQLite database through SQLite's backup API.

The backup API copies a consistent snapshot page by page while the site keeps serving (WAL
readers are not blocked), unlike copying the file, which can catch a half-written state.
PostgreSQL is backed up with ``pg_dump`` instead (docs/operations.md).
"""

import sqlite3
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _sqlite_path(alias: str = "default") -> Path:
    settings_dict = connections[alias].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(
            "This database is not SQLite; back up PostgreSQL with pg_dump (see docs/operations.md)."
        )
    return Path(settings_dict["NAME"])


def _check(path: Path) -> None:
    try:
        with sqlite3.connect(path) as db:
            result = db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from exc
    if result != "ok":
        raise BackupError(f"{path} failed its integrity check: {result}")


def database_backup(*, destination: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the live database to ``destination`` and verify it."""
    source_path = _sqlite_path(alias)
    if destination.exists():
        raise BackupError(f"{destination} exists already; choose a new file name.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target, pages=1024)
    finally:
        target.close()
        source.close()
    _check(destination)
    return destination


def database_restore(*, source: Path, alias: str = "default") -> None:
    """Replace the live database's content with the backup at ``source``.

    Run it with the site stopped: open connections would keep reading the old pages.
    """
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    _check(source)
    target_path = _sqlite_path(alias)
    connections[alias].close()
    backup = sqlite3.connect(source)
    target = sqlite3.connect(target_path)
    try:
        with target:
            backup.backup(target)
    finally:
        target.close()
        backup.close()
