"""`make lint`: refuse data-losing migrations in warta's apps (django-migration-linter).

The linter reads the SQL each migration runs (``sqlmigrate``) on the configured database and
fails on what loses or hides data: dropping a column or table, renaming one (the running code
loses it), changing a column's type, and a RunPython/RunSQL that cannot be reversed (its
warnings are made errors here). Exit status 1 on any finding.

    .venv/bin/python bin/lint-migrations.py

Not checked, on purpose (one line each):
- NOT_NULL: adding a NOT NULL column with a default loses nothing (SQLite's table rebuilds
  set it off on almost every change); it is a rolling-deploy concern, not a data one.
- ADD_UNIQUE: a unique constraint over duplicates fails the migration, in its transaction;
  no row is lost.
- RUNPYTHON_ARGS_NAMING_CONVENTION, RUNPYTHON_MODEL_IMPORT, RUNPYTHON_MODEL_VARIABLE_NAME:
  style, not data.

A shipped migration that a check refuses is listed in BASELINE with its reason; a new one must
pass (or be written another way: a column is dropped in a later release than the code that
stops using it).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django_migration_linter import MigrationLinter  # noqa: E402

EXCLUDED = [
    "NOT_NULL",
    "ADD_UNIQUE",
    "RUNPYTHON_ARGS_NAMING_CONVENTION",
    "RUNPYTHON_MODEL_IMPORT",
    "RUNPYTHON_MODEL_VARIABLE_NAME",
]
# "app_label.migration_name": why this shipped migration is accepted as it is.
BASELINE: dict[str, str] = {
    "newsroom.0006_content_changes": "drops newsroom_contentversion, a cache-version counter "
    "replaced by the content-change log in the same migration: derived state, no content",
}


def main() -> int:
    labels = [c.label for c in apps.get_app_configs() if c.name.startswith("warta.")]
    linter = MigrationLinter(
        include_apps=labels,
        ignore_name=[name.split(".", 1)[1] for name in BASELINE],
        exclude_migration_tests=EXCLUDED,
        warnings_as_errors_tests=["RUNPYTHON_REVERSIBLE", "RUNSQL_REVERSIBLE"],
        no_cache=True,
        quiet=["ok"],
    )
    linter.lint_all_migrations()
    return 1 if linter.has_errors else 0


if __name__ == "__main__":
    sys.exit(main())
