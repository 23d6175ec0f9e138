"""The nightly backup, run by the background worker (``manage.py crontask`` enqueues it).

At ``WARTA_BACKUP_HOUR`` (the site's time zone; empty: no nightly backup) a verified backup is
written to var/backups and all but the newest ``WARTA_BACKUPS_KEEP`` there are deleted. Only
this module knows the worker; the copying itself imports no app.
"""

from crontask import cron
from django.conf import settings

from warta.worker.background import background_task

from .databases import SUFFIXES, backup, default_destination, prune, vendor


@background_task(retries=1, backoff_seconds=600)
def nightly_backup() -> None:
    path = backup(destination=default_destination())
    prune(folder=path.parent, keep=settings.WARTA_BACKUPS_KEEP, suffix=SUFFIXES[vendor()])


if settings.WARTA_BACKUP_HOUR is not None:
    cron(f"17 {settings.WARTA_BACKUP_HOUR} * * *")(nightly_backup)
