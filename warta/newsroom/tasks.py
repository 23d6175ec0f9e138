"""The newsroom's jobs for the background worker (decision 0013).

``manage.py crontask`` enqueues the periodic ones; ``manage.py db_worker`` runs them all.
"""

import logging
import time
import urllib.request

from crontask import cron
from django.utils import timezone

from warta.worker.background import background_task

from .schedule import scheduled_publishing_run

logger = logging.getLogger(__name__)


@background_task(retries=5, backoff_seconds=10)
def articles_search_index(article_ids: list[int]) -> None:
    """The search index entries of a batch of new articles (a backlog of agency copy,
    ``articles_bulk.articles_create_many``), written after the batch."""
    from .articles_bulk import articles_search_indexed

    articles_search_indexed(article_ids)


@cron("* * * * *")
@background_task()
def publish_scheduled() -> None:
    """Every minute: publish what is due and unpublish what expired."""
    run = scheduled_publishing_run(now=timezone.now())
    if run.published or run.expired:
        logger.info("Scheduled publishing: %d published, %d expired", run.published, run.expired)


# The longest a purge waits for its moment (``after``): a clock far off on the machine that
# enqueued it holds up no worker for long.
PURGE_WAITS_AT_MOST = 5.0


@background_task(queue="purge", retries=5, backoff_seconds=10)
def purge_shared_cache(url: str, after: float = 0.0) -> None:
    """Ask a shared cache in front of warta (Varnish, deploy/varnish/warta.vcl) to drop all,
    not before ``after`` (a Unix time: when every process has read the new content version,
    content_version.py). While it cannot be reached the page stays stale there until its
    s-maxage runs out; the job is tried again meanwhile."""
    wait = after - time.time()
    if wait > 0:
        time.sleep(min(wait, PURGE_WAITS_AT_MOST))
    request = urllib.request.Request(url, method="BAN")  # noqa: S310 - an operator's setting
    try:
        with urllib.request.urlopen(request, timeout=5):  # noqa: S310
            pass
    except OSError as error:
        logger.warning("Could not purge the shared cache at %s: %s", url, error)
        raise
