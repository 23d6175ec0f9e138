"""A site-wide version of published content, bumped whenever readers should see a change.

Page caches key their entries by it (warta/web/page_cache.py), so one increment makes every
cached page stale at once: an article's headline shows on the home page, fronts, tag and author
pages, feeds and other articles' related lists, so a change anywhere may change any of them.

The version is a row in the database (``ContentVersion``), so a publication made by any process
reaches every other: the web workers, the background worker that publishes scheduled stories,
a ``manage.py`` command, on one machine or several, with or without Redis. Each process trusts
what it read for ``WARTA_CONTENT_VERSION_SECONDS`` (1 s), so a cache hit costs no query.

Both the version and the purge of a shared cache in front (Varnish) happen once the change
commits, never inside its transaction: a request in between would cache the old content again
under the new version. The purge is a job for the background worker
(``tasks.purge_shared_cache``), retried while Varnish is away, so no request waits on Varnish
and no write lock is held meanwhile; a purge already queued and not started serves every change
that commits before it runs, so a burst of publications sends one BAN. It is sent once every
process has read the new version (``WARTA_CONTENT_VERSION_SECONDS`` after the commit).
"""

import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

# The version this process read last, and when: read again after WARTA_CONTENT_VERSION_SECONDS.
_seen: dict[str, float] = {}


def content_version() -> int:
    """The current version, as this process saw it at most ``WARTA_CONTENT_VERSION_SECONDS`` ago
    (1 s by default: other processes see a publication within a second, and a page cache hit
    needs no query for it)."""
    from .models import ContentVersion

    now = time.monotonic()
    trusted = settings.WARTA_CONTENT_VERSION_SECONDS
    if trusted > 0 and now - _seen.get("at", -trusted) < trusted:
        return int(_seen["version"])
    version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    version = 1 if version is None else int(version)
    _seen.update(version=version, at=now)
    return version


def content_changed() -> None:
    """Call after publishing, unpublishing or editing anything readers see: the version moves
    when the current transaction commits (at once outside one), then shared caches are purged
    by the background worker."""
    transaction.on_commit(_changed, robust=True)


def _changed() -> None:
    from .models import ContentVersion
    from .tasks import purge_shared_cache

    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=1, version=2)
        except IntegrityError:  # another process created it meanwhile
            ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    _seen.clear()  # this process sees its own change at once
    # The other processes trust the version they read for WARTA_CONTENT_VERSION_SECONDS: a BAN
    # sent sooner lets Varnish fetch the old page from one of them again, and keep it. The job
    # is taken at once and waits out the rest of that second itself.
    after = time.time() + settings.WARTA_CONTENT_VERSION_SECONDS
    for url in settings.WARTA_CACHE_PURGE_URLS:
        if not _purge_waiting(purge_shared_cache.module_path, url, after):
            purge_shared_cache.enqueue(url, after=after)


def _purge_waiting(task_path: str, url: str, after: float) -> bool:
    """A purge of ``url`` is queued and has not started: told to wait until ``after``, it
    empties the cache of this change too. A burst of publications sends one BAN."""
    from django_tasks_db.models import DBTaskResult

    from warta.worker.background import ATTEMPT

    waiting = DBTaskResult.objects.filter(task_path=task_path, status="READY").values_list(
        "pk", "args_kwargs"
    )[:50]  # one per purge URL while the worker is behind, and its retries
    for pk, job in waiting:
        # A retry waits out a pause: the change gets a purge of its own.
        if job["args"] == [url] and ATTEMPT not in job["kwargs"]:
            # Not taken by a worker meanwhile: then it is this change's purge too.
            moved = {"args": [url], "kwargs": {"after": after}}
            return bool(
                DBTaskResult.objects.filter(pk=pk, status="READY").update(args_kwargs=moved)
            )
    return False
