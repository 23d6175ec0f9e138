"""Online backups of the SQLite database through SQLite's backup API.

The backup API copies a consistent snapshot page by page while the site keeps serving (WAL
readers are not blocked), unlike copying the file, which can catch a half-written state.
PostgreSQL is dumped with ``pg_dump`` instead (pg_backup.py).
"""

import contextlib
import os
import sqlite3
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _sqlite_path(alias: str = "default") -> Path:
    settings_dict = connections[alias].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(
            "This database is not SQLite; PostgreSQL is dumped with pg_dump (pg_backup.py)."
        )
    return Path(settings_dict["NAME"])


def check(path: Path) -> None:
    try:
        # Closed at once (a `with` on a connection only commits): an open connection would keep
        # a WAL copy's -wal file beside it, with pages that the file alone lacks.
        with contextlib.closing(sqlite3.connect(path)) as db:
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
    # Written beside its destination and renamed once checked: a file with the final name is
    # always a whole backup.
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(partial)
        try:
            with target:
                source.backup(target, pages=1024)
            # One file, whole: no -wal beside it to lose when it is renamed or copied.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
        check(partial)
        if destination.exists():
            raise BackupError(f"{destination} appeared while copying; choose a new file name.")
        partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination


def database_restore(*, source: Path, alias: str = "default") -> None:
    """Replace the live database's content with the backup at ``source``.

    Run it with the site stopped: open connections would keep reading the old pages.
    """
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    check(source)
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
