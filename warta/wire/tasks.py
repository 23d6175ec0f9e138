"""The wire desk's jobs for the background worker: each due source polled in its own job."""

import logging

from crontask import cron
from django.utils import timezone

from warta.worker.background import background_task

from .polling import source_poll, sources_due

logger = logging.getLogger(__name__)


@cron("* * * * *")
@background_task(queue="wire")
def poll_due_sources() -> None:
    """Every minute: one job for each source whose interval has passed."""
    for source_id in sources_due(now=timezone.now()):
        poll_source.enqueue(source_id)


@background_task(queue="wire")
def poll_source(source_id: int) -> None:
    result = source_poll(source_id=source_id)
    if result.error:
        logger.warning("Wire source %s: %s", result.source, result.error)
    elif result.fetched:
        s = result.summary
        logger.info(
            "Wire source %s: %d new, %d updated, %d withdrawn, %d failed",
            result.source,
            len(s.new),
            len(s.updated),
            len(s.withdrawn),
            len(s.failed),
        )
