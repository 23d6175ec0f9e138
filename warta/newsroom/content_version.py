"""A site-wide version of published content, bumped whenever readers should see a change.

Page caches key their entries by it (warta/web/page_cache.py), so one increment makes every
cached page stale at once: an article's headline shows on the home page, fronts, tag and author
pages, feeds and other articles' related lists, so a change anywhere may change any of them.

Both the version and the purge of a shared cache in front (Varnish) happen once the change
commits, never inside its transaction: a request in between would cache the old content again
under the new version. The purge runs in the background, so no request waits on Varnish and no
write lock is held meanwhile (the background worker takes this over: warta/cache_table.py).
"""

import logging
import threading
import time
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from warta.cache_table import CONTENT_VERSION

logger = logging.getLogger(__name__)

KEY = CONTENT_VERSION.prefix


# The version this process read last, and when: read again after WARTA_CONTENT_VERSION_SECONDS.
_seen: dict[str, float] = {}


def content_version() -> int:
    """The current version, as this process saw it at most ``WARTA_CONTENT_VERSION_SECONDS`` ago
    (1 s by default: other processes see a publication within a second, and a page cache hit
    needs no round trip to Redis for it)."""
    now = time.monotonic()
    trusted = settings.WARTA_CONTENT_VERSION_SECONDS
    if trusted > 0 and now - _seen.get("at", -trusted) < trusted:
        return int(_seen["version"])
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    _seen.update(version=int(version), at=now)
    return int(version)


def content_changed() -> None:
    """Call after publishing, unpublishing or editing anything readers see: the version moves
    when the current transaction commits (at once outside one), then shared caches are purged
    in the background."""
    transaction.on_commit(_changed, robust=True)


def _changed() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (a fresh cache): anything cached before is gone anyway
        cache.add(KEY, 2, timeout=None)
    _seen.clear()  # this process sees its own change at once
    if settings.WARTA_CACHE_PURGE_URLS:
        pending = purges_pending()  # finished purges are dropped, so the list stays short
        _pending[:] = pending + [
            _purger().submit(_ban, url) for url in settings.WARTA_CACHE_PURGE_URLS
        ]


_executor: list[ThreadPoolExecutor] = []
_executor_lock = threading.Lock()
_pending: list[Future] = []


def _purger() -> ThreadPoolExecutor:
    with _executor_lock:
        if not _executor:
            _executor.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="warta-purge"))
        return _executor[0]


def purges_pending() -> list[Future]:
    """The purges asked for and not finished yet (tests wait for them)."""
    _pending[:] = [future for future in _pending if not future.done()]
    return list(_pending)


def _ban(url: str) -> None:
    """Ask a shared cache in front of warta (Varnish, deploy/varnish/warta.vcl) to drop all."""
    request = urllib.request.Request(url, method="BAN")  # noqa: S310 - an operator's setting
    try:
        with urllib.request.urlopen(request, timeout=2):  # noqa: S310
            pass
    except OSError as error:
        # The page stays stale there until its s-maxage runs out: say so, publish anyway.
        logger.warning("Could not purge the shared cache at %s: %s", url, error)
