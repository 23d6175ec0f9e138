import logging
import os
import socket
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks import TaskResultStatus

from .job_holds import job_is_held
from .models import WorkerBeat

logger = logging.getLogger(__name__)

HEARTBEAT = "heartbeat"


def worker_beat_record(*, now: datetime) -> None:
    """The worker ran the heartbeat job now."""
    WorkerBeat.objects.update_or_create(
        name=HEARTBEAT,
        defaults={"last_seen": now, "seen_by": f"{socket.gethostname()} (pid {os.getpid()})"},
    )


def abandoned_jobs_requeue(*, now: datetime, older_than: timedelta) -> int:
    """Put back in the queue the jobs RUNNING since before ``now - older_than`` whose worker is
    gone (``job_holds``): killed in the middle, they would stay RUNNING for ever. Returns how
    many. Each is taken under a row lock, so two workers running this at once take it once."""
    from django_tasks_db.models import DBTaskResult

    from .background import WORKER_BACKEND

    stale = DBTaskResult.objects.running().filter(
        backend_name=WORKER_BACKEND, started_at__lt=now - older_than
    )
    requeued = 0
    for pk in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            job = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if job is None or job_is_held(job.pk):
                continue
            job.status = TaskResultStatus.READY
            job.save(update_fields=["status"])
            requeued += 1
            logger.warning(
                "Job %s (%s) was left RUNNING by worker %s since %s; queued again",
                job.pk,
                job.task_path,
                (job.worker_ids or ["?"])[-1],
                job.started_at,
            )
    return requeued
