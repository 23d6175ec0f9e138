"""Which backup a database gets, where it goes, and scratch databases to restore one into.

SQLite is copied with its online backup API (sqlite_backup), PostgreSQL dumped with pg_dump
(pg_backup). Nothing here knows an app: a database is copied, restored and compared whole.
"""

import contextlib
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from . import pg_backup, sqlite_backup
from .sqlite_backup import BackupError

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}


def vendor(alias: str = "default") -> str:
    name = connections[alias].vendor
    if name not in SUFFIXES:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {name}.")
    return name


def backup_folder() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def default_destination(alias: str = "default") -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return backup_folder() / f"warta-{stamp}{SUFFIXES[vendor(alias)]}"


def backup(*, destination: Path, alias: str = "default") -> Path:
    """Write a verified backup of the live database to ``destination`` (a new file)."""
    if vendor(alias) == "sqlite":
        return sqlite_backup.database_backup(destination=destination, alias=alias)
    return pg_backup.pg_backup(destination=destination, settings_dict=_settings(alias))


def prune(*, folder: Path, keep: int, suffix: str) -> list[Path]:
    """Delete all but the ``keep`` newest ``warta-*`` backups in ``folder``; return the deleted."""
    if keep < 1:
        raise BackupError("Keep at least one backup.")
    # The names hold their UTC time, so the order of the names is the order of the backups.
    found = sorted(folder.glob(f"warta-*{suffix}"), reverse=True)
    gone = found[keep:]
    for path in gone:
        path.unlink()
    return gone


def _settings(alias: str) -> dict[str, Any]:
    return dict(connections[alias].settings_dict)


@contextlib.contextmanager
def other_database(name: str, alias: str = "default") -> Iterator[BaseDatabaseWrapper]:
    """A connection like ``alias``'s to another database ``name`` (a file, a database's name).

    It is registered under its own alias while it is used (Django's features and transactions
    look connections up by alias), and closed and forgotten afterwards.
    """
    live = connections[alias]
    other_alias = f"{alias}-backup-{secrets.token_hex(4)}"
    wrapper = type(live)({**live.settings_dict, "NAME": name}, alias=other_alias)
    connections[other_alias] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[other_alias]


def is_empty(wrapper: BaseDatabaseWrapper) -> bool:
    with wrapper.cursor() as cursor:
        return not wrapper.introspection.table_names(cursor)


def restore_into(
    *, source: Path, target: BaseDatabaseWrapper, alias: str = "default", replace: bool = False
) -> None:
    """Restore ``source`` into the database ``target`` connects to, never the live one.

    The target must hold no table unless ``replace`` is given.
    """
    live = connections[alias].settings_dict
    target_settings = target.settings_dict
    if vendor(alias) == "sqlite":
        same = Path(target_settings["NAME"]).resolve() == Path(live["NAME"]).resolve()
    else:
        same = (
            target_settings["NAME"] == live["NAME"]
            and target_settings.get("HOST") == live.get("HOST")
            and str(target_settings.get("PORT") or "") == str(live.get("PORT") or "")
        )
    if same:
        raise BackupError(
            "That is the live database; `backup_restore FILE --yes` (site stopped) replaces it."
        )
    if vendor(alias) == "sqlite":
        _sqlite_restore_into(source, Path(target_settings["NAME"]), replace=replace)
        return
    if not replace and not is_empty(target):
        raise BackupError(
            f"The database {target_settings['NAME']} holds tables already; restore into a "
            "fresh one (createdb NAME) or add --replace."
        )
    target.close()
    pg_backup.pg_restore_into(source=source, settings_dict=target_settings, clean=replace)


def _sqlite_restore_into(source: Path, target: Path, *, replace: bool) -> None:
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    sqlite_backup.check(source)
    if target.exists() and target.stat().st_size and not replace:
        raise BackupError(f"{target} exists and is not empty; name a new file or add --replace.")
    backup_db = sqlite3.connect(source)
    target_db = sqlite3.connect(target)
    try:
        with target_db:
            backup_db.backup(target_db)
    finally:
        target_db.close()
        backup_db.close()


@contextlib.contextmanager
def scratch_database(alias: str = "default") -> Iterator[BaseDatabaseWrapper]:
    """A fresh, empty database of the live one's kind, deleted afterwards."""
    live = connections[alias]
    if vendor(alias) == "sqlite":
        with (
            tempfile.TemporaryDirectory(prefix="warta-backup-check-") as folder,
            other_database(f"{folder}/check.sqlite3", alias) as wrapper,
        ):
            yield wrapper
        return
    name = f"warta_backup_check_{secrets.token_hex(4)}"
    with live._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        with other_database(name, alias) as wrapper:
            yield wrapper
    finally:
        with live._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
