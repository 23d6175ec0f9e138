"""`make lint`'s migration linter (bin/lint-migrations.py) passes today's migrations and refuses a
new one that loses data: a dropped column, a renamed one, a RunPython with no way back.

Each case runs the linter in a subprocess whose settings point the feedback app at a copy of its
migrations with one more appended (MIGRATION_MODULES), so no file of the project is touched.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
LINTER = PROJECT / "bin" / "lint-migrations.py"

BAD = {
    "drop_column": "migrations.RemoveField(model_name='feedback', name='page_url')",
    "rename_column": (
        "migrations.RenameField(model_name='feedback', old_name='page_url', new_name='page')"
    ),
    "irreversible_runpython": "migrations.RunPython(lambda apps, schema_editor: None)",
    "delete_model": "migrations.DeleteModel(name='Feedback')",
}
MIGRATION = """from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [{operation}]
"""


def _lint(tmp_path: Path, operation: str | None) -> subprocess.CompletedProcess[str]:
    package = tmp_path / "linted_feedback_migrations"
    shutil.copytree(PROJECT / "warta" / "feedback" / "migrations", package)
    if operation is not None:
        (package / "0002_new.py").write_text(MIGRATION.format(operation=operation))
    (tmp_path / "linted_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        "MIGRATION_MODULES = {'feedback': 'linted_feedback_migrations'}\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "linted_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(PROJECT)]),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lint.sqlite3'}",
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(LINTER)], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.database_free
def test_the_shipped_migrations_pass(tmp_path):
    done = _lint(tmp_path, None)

    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.database_free
@pytest.mark.parametrize("case", sorted(BAD))
def test_a_data_losing_migration_is_refused(tmp_path, case):
    done = _lint(tmp_path, BAD[case])

    assert done.returncode == 1, done.stdout + done.stderr
    assert "(feedback, 0002_new)... ERR" in done.stdout
