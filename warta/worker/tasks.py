"""The worker's own periodic job (``manage.py crontask`` enqueues it every minute)."""

from crontask import cron
from django.utils import timezone

from .background import background_task
from .services import worker_beat_record


@cron("* * * * *")
@background_task()
def heartbeat() -> None:
    worker_beat_record(now=timezone.now())
