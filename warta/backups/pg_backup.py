"""Backups of PostgreSQL with ``pg_dump --format=custom``, restored with ``pg_restore``.

The connection's own settings are used (host, port, user, database name); the password goes to
the programs through ``PGPASSWORD`` in their environment, never on their command line (which
``ps`` shows to every user of the machine). A dump is written to a temporary file beside its
destination, checked with ``pg_restore --list`` and only then renamed into place, so a file with
the final name is always a whole, readable dump.
"""

import os
import shutil

# pg_dump and pg_restore, run with argument lists and no shell.
import subprocess  # nosec B404
from pathlib import Path
from typing import Any

from .sqlite_backup import BackupError

_TIMEOUT = 6 * 3600  # a stuck dump is an error, not a worker held for ever


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed (Debian: apt-get install postgresql-client); "
            "it must be the server's major version or newer."
        )
    return path


def _environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(args: list[str], settings_dict: dict[str, Any], what: str) -> str:
    try:
        # pg_dump or pg_restore found on PATH, with our own arguments, no shell.
        done = subprocess.run(  # noqa: S603  # nosec B603
            args,
            env=_environment(settings_dict),
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BackupError(f"{what} did not finish in {_TIMEOUT} s.") from exc
    if done.returncode != 0:
        raise BackupError(f"{what} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def dump_check(path: Path, settings_dict: dict[str, Any]) -> None:
    """Raise BackupError unless ``path`` is a dump that pg_restore can read whole."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    listing = _run(
        [_program("pg_restore"), "--list", str(path)], settings_dict, f"pg_restore --list {path}"
    )
    if "TABLE DATA" not in listing:
        raise BackupError(f"{path} holds no table data.")


def pg_backup(*, destination: Path, settings_dict: dict[str, Any]) -> Path:
    """Dump the database of ``settings_dict`` to ``destination`` (custom format), verified."""
    if destination.exists():
        raise BackupError(f"{destination} exists already; choose a new file name.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        _run(
            [
                _program("pg_dump"),
                "--format=custom",
                f"--file={partial}",
                f"--dbname={settings_dict['NAME']}",
            ],
            settings_dict,
            "pg_dump",
        )
        dump_check(partial, settings_dict)
        if destination.exists():
            raise BackupError(f"{destination} appeared while dumping; choose a new file name.")
        partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination


def pg_restore_into(*, source: Path, settings_dict: dict[str, Any], clean: bool = False) -> None:
    """Restore the dump at ``source`` into the database of ``settings_dict``.

    The caller has checked that this database may receive it (fresh, or ``clean`` asked for).
    """
    dump_check(source, settings_dict)
    args = [_program("pg_restore"), "--no-owner", "--exit-on-error"]
    if clean:
        args += ["--clean", "--if-exists", "--single-transaction"]
    _run(
        [*args, f"--dbname={settings_dict['NAME']}", str(source)],
        settings_dict,
        f"pg_restore into {settings_dict['NAME']}",
    )
