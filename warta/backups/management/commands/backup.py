from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from warta.backups.databases import backup, default_destination
from warta.backups.sqlite_backup import BackupError


class Command(BaseCommand):
    help = (
        "Back up the database while the site runs: SQLite with its online backup API, "
        "PostgreSQL with pg_dump --format=custom. The file is written whole, then checked."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write (default: var/backups/warta-<UTC time>.sqlite3 or .dump).",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            path = backup(destination=output or default_destination())
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written and verified: {path}"))
