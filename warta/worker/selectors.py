from dataclasses import dataclass
from datetime import datetime, timedelta

from .models import WorkerBeat
from .services import HEARTBEAT

# The heartbeat runs every minute: three missed beats mean no worker (or no scheduler) runs.
SILENT_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class WorkerStatus:
    last_seen: datetime | None
    seen_by: str
    running: bool
    queued: int  # jobs waiting to run now


def worker_status(*, now: datetime) -> WorkerStatus:
    from django_tasks_db.models import DBTaskResult

    beat = WorkerBeat.objects.filter(name=HEARTBEAT).first()
    queued = DBTaskResult.objects.ready().count()
    if beat is None:
        return WorkerStatus(last_seen=None, seen_by="", running=False, queued=queued)
    return WorkerStatus(
        last_seen=beat.last_seen,
        seen_by=beat.seen_by,
        running=now - beat.last_seen <= SILENT_AFTER,
        queued=queued,
    )
