"""The newsroom's jobs for the background worker (decision 0013).

``manage.py crontask`` enqueues the periodic ones; ``manage.py db_worker`` runs them all.
"""

import logging
import time
import urllib.request
from collections.abc import Iterable

from crontask import cron
from django.conf import settings
from django.utils import timezone

from warta.worker.background import background_task

from .content_keys import ALL
from .schedule import scheduled_publishing_run

logger = logging.getLogger(__name__)


@background_task(retries=5, backoff_seconds=10)
def articles_search_index(article_ids: list[int]) -> None:
    """The search index entries of a batch of new articles (a backlog of agency copy,
    ``articles_bulk.articles_create_many``), written after the batch."""
    from .articles_bulk import articles_search_indexed

    articles_search_indexed(article_ids)


@background_task(retries=2, backoff_seconds=30)
def image_renditions(image_id: int) -> None:
    """The renditions public pages ask for, made by the worker once an image is stored
    (``images.NewsImage.save``), so that the first page to show it does not decode it."""
    image_renditions_made(image_id)


def image_renditions_made(image_id: int) -> int:
    """How many of ``renditions.PUBLIC`` the image has now (none: gone, or above the limit)."""
    from wagtail.images.models import SourceImageIOError

    from .models import NewsImage
    from .renditions import PUBLIC

    image = NewsImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return len(image.get_renditions(*PUBLIC))
    except SourceImageIOError as error:  # its file is gone, or it is above the pixel limit
        logger.warning("No renditions of image %d: %s", image_id, error)
        return 0


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
# The header that names the keys to purge (deploy/varnish/warta.vcl); none: purge everything.
PURGE_KEYS_HEADER = "X-Warta-Keys"
# "soft": the pages may be served stale while they are fetched anew; "hard": they may not.
PURGE_HOW_HEADER = "X-Warta-Purge"
# A purge names at most this many keys; more, and it empties the shared cache.
PURGE_KEYS_MAX = 500
# Varnish refuses a request header longer than 8 KB (http_req_hdr_len): well under that.
PURGE_HEADER_MAX = 6000


@background_task(queue="purge", retries=5, backoff_seconds=10)
def purge_shared_cache(
    url: str,
    after: float = 0.0,
    keys: list[str] | None = None,
    hard_keys: list[str] | None = None,
) -> None:
    """Ask a shared cache in front of warta (Varnish, deploy/varnish/warta.vcl) to drop the pages
    that carry one of ``keys`` (all pages without keys, or with ``all`` among them), not before
    ``after`` (a Unix time: when every process has read the change, content_changes.py). Pages
    of ``keys`` may be served stale once more while the cache fetches them anew (Varnish's soft
    purge); pages of ``hard_keys`` may not (a story withdrawn, its access raised). While the
    cache cannot be reached the pages stay stale there until their s-maxage runs out; the job is
    tried again meanwhile."""
    wait = after - time.time()
    if wait > 0:
        time.sleep(min(wait, PURGE_WAITS_AT_MOST))
    if keys is None and hard_keys is None:
        keys = [ALL]  # a purge queued before keys: everything
    for named, how in ((hard_keys, "hard"), (keys, "soft")):
        if named:
            _purge(url, named, how)


def _purge(url: str, keys: list[str], how: str) -> None:
    request = urllib.request.Request(url, method="BAN")  # noqa: S310 - an operator's setting
    if ALL not in keys:
        request.add_header(PURGE_KEYS_HEADER, " ".join(sorted(keys)))
    request.add_header(PURGE_HOW_HEADER, how)
    try:
        with urllib.request.urlopen(request, timeout=5):  # noqa: S310 - http(s) only: config/settings.py refuses others  # nosec B310
            pass
    except OSError as error:
        logger.warning("Could not purge the shared cache at %s: %s", url, error)
        raise


def purge_shared_cache_soon(keys: frozenset[str], *, hard: bool = False) -> None:
    """Queue the purge of ``keys`` in every shared cache in front, once every process has read
    the change (each trusts what it read for WARTA_CONTENT_CHANGES_SECONDS: a purge sent sooner
    lets Varnish fetch the old page from one of them again, and keep it). A purge already queued
    and not started takes these keys too: a burst of publications sends one request."""
    after = time.time() + settings.WARTA_CONTENT_CHANGES_SECONDS
    for url in settings.WARTA_CACHE_PURGE_URLS:
        if not _purge_waiting_takes(url, keys, hard, after):
            named = _purge_keys(keys)
            purge_shared_cache.enqueue(
                url, after=after, keys=[] if hard else named, hard_keys=named if hard else []
            )


def _purge_keys(keys: Iterable[str]) -> list[str]:
    named = sorted(set(keys))
    too_long = len(" ".join(named)) > PURGE_HEADER_MAX
    return [ALL] if ALL in named or len(named) > PURGE_KEYS_MAX or too_long else named


def _purge_waiting_takes(url: str, keys: frozenset[str], hard: bool, after: float) -> bool:
    from django_tasks_db.models import DBTaskResult

    from warta.worker.background import ATTEMPT

    waiting = DBTaskResult.objects.filter(
        task_path=purge_shared_cache.module_path, status="READY"
    ).values_list("pk", "args_kwargs")[:50]  # one per purge URL while the worker is behind
    for pk, job in waiting:
        # A retry waits out a pause: the change gets a purge of its own.
        if job["args"] == [url] and ATTEMPT not in job["kwargs"]:
            queued = job["kwargs"]
            soft = list(queued.get("keys") or [])
            hard_keys = list(queued.get("hard_keys") or [])
            if "keys" not in queued and "hard_keys" not in queued:
                soft = [ALL]  # a purge queued before keys: everything
            (hard_keys if hard else soft).extend(keys)
            moved = {
                "args": [url],
                "kwargs": {
                    "after": after,
                    "keys": _purge_keys(soft) if soft else [],
                    "hard_keys": _purge_keys(hard_keys) if hard_keys else [],
                },
            }
            # Not taken by a worker meanwhile: then it is this change's purge too.
            return bool(
                DBTaskResult.objects.filter(pk=pk, status="READY").update(args_kwargs=moved)
            )
    return False
