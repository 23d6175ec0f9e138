import importlib

import pytest
from crontask import scheduler
from django.db import connection

from warta.newsroom.tests.factories import SectionFactory
from warta.testing.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_tasks():
    """The module the worker's scheduler loads; its job is taken off the scheduler afterwards,
    so no other test that runs every periodic job makes a backup."""
    module = importlib.import_module("warta.backups.tasks")
    yield module
    for job in scheduler.get_jobs():
        if job.name.endswith("nightly_backup"):
            scheduler.remove_job(job.id)


def test_the_scheduler_enqueues_the_backup_nightly(backup_tasks):
    (job,) = [j for j in scheduler.get_jobs() if j.name.endswith("nightly_backup")]

    fields = {f.name: str(f) for f in job.trigger.fields}
    assert (fields["hour"], fields["minute"], fields["day"]) == ("2", "17", "*")


def test_the_worker_writes_a_backup_and_keeps_the_newest(backup_tasks, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.WARTA_BACKUPS_KEEP = 2
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [folder / f"warta-2026110{day}T021700Z{suffix}" for day in range(1, 4)]
    for path in old:
        path.write_text("an older night")
    SectionFactory(name="World", slug="world")

    backup_tasks.nightly_backup.enqueue()
    log = run_queued_jobs()

    kept = sorted(folder.iterdir())
    assert len(kept) == 2, log
    assert kept[0] == old[-1]
    assert kept[1].name.startswith("warta-2026") and kept[1].stat().st_size > 1000
