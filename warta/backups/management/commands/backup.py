from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from warta.backups.sqlite_backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the SQLite database while the site runs (SQLite's online backup API)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write (default: var/backups/warta-<UTC time>.sqlite3).",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        if output is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.VAR_DIR) / "backups" / f"warta-{stamp}.sqlite3"
        try:
            path = database_backup(destination=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written and verified: {path}"))
