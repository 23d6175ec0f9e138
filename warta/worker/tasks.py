"""The worker's own periodic jobs (``manage.py crontask`` enqueues them every minute)."""

from datetime import timedelta

from crontask import cron
from django.conf import settings
from django.utils import timezone

from .background import background_task
from .services import abandoned_jobs_requeue, worker_beat_record


@cron("* * * * *")
@background_task()
def heartbeat() -> None:
    worker_beat_record(now=timezone.now())


@cron("* * * * *")
@background_task()
def requeue_abandoned_jobs() -> None:
    """Every minute: run again the jobs whose worker died in the middle (job_holds.py)."""
    abandoned_jobs_requeue(
        now=timezone.now(), older_than=timedelta(seconds=settings.WARTA_WORKER_ABANDONED_AFTER)
    )
