import os
import socket
from datetime import datetime

from .models import WorkerBeat

HEARTBEAT = "heartbeat"


def worker_beat_record(*, now: datetime) -> None:
    """The worker ran the heartbeat job now."""
    WorkerBeat.objects.update_or_create(
        name=HEARTBEAT,
        defaults={"last_seen": now, "seen_by": f"{socket.gethostname()} (pid {os.getpid()})"},
    )
