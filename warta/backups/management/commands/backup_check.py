import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from warta.backups.compare import compare_databases
from warta.backups.databases import restore_into, scratch_database
from warta.backups.sqlite_backup import BackupError


class Command(BaseCommand):
    help = (
        "Restore a backup into a scratch database (a temporary SQLite file, or a PostgreSQL "
        "database created and dropped) and compare it with the live one, row by row."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="TABLE",
            help="A table not to compare (e.g. one the running site writes to); repeatable.",
        )

    def handle(self, *args, backup: Path, exclude: list[str], **options) -> None:
        started = time.monotonic()
        try:
            with scratch_database() as scratch:
                restore_into(source=backup, target=scratch)
                result = compare_databases(connection, scratch, exclude=exclude)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        took = time.monotonic() - started
        if not result.equal:
            details = "\n".join(str(d) for d in result.differences)
            raise CommandError(
                f"The backup differs from the live database in {len(result.differences)} "
                f"table(s):\n{details}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{backup} restores to the live data: {result.tables} tables, "
                f"{result.rows} rows compared, equal ({took:.1f} s)."
            )
        )
