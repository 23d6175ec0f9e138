from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from warta.backups.databases import other_database, restore_into, vendor
from warta.backups.sqlite_backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Restore a backup into a fresh database (--target), or replace the live SQLite "
        "database with it (--yes, site stopped)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--target",
            help="The database to restore into: a SQLite file, or a PostgreSQL database's name "
            "on the same server (createdb NAME first). Never the live database.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Restore into a --target that holds tables already (its tables are replaced).",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="SQLite without --target: confirm that the current data may be replaced.",
        )

    def handle(
        self, *args, backup: Path, target: str | None, replace: bool, yes: bool, **options
    ) -> None:
        try:
            if target is not None:
                with other_database(target) as wrapper:
                    restore_into(source=backup, target=wrapper, replace=replace)
                self.stdout.write(self.style.SUCCESS(f"Restored {backup} into {target}."))
                return
            if vendor() != "sqlite":
                raise CommandError(
                    "Name the database to restore into: --target NAME (a fresh one: createdb "
                    "NAME), then point DATABASE_URL at it."
                )
            if not yes:
                raise CommandError("This replaces all current data. Stop the site and add --yes.")
            database_restore(source=backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored from {backup}."))
