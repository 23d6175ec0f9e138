from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from warta.backups.sqlite_backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Replace the SQLite database with a backup. Stop the site first."

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that the current data may be replaced."
        )

    def handle(self, *args, backup: Path, yes: bool, **options) -> None:
        if not yes:
            raise CommandError("This replaces all current data. Stop the site and add --yes.")
        try:
            database_restore(source=backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored from {backup}."))
