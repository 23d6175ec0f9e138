"""Which pages a change made stale: a log of changed keys, read by every process (decision 0017).

A change readers see (a publication, an update, an unpublication, a kill, a back-office edit)
names the keys of the pages it touched (``content_keys``) and calls ``content_changed(keys)``.
Once its transaction commits, one row per key goes into ``ContentChange``, numbered in order.
Every cached page and article shell remembers the newest number its process had read when it
was rendered (``content_seen()``) and the keys it shows; it is fresh while none of its keys has
changed since (``content_fresh(seen, keys)``). A publication thus makes stale only the pages that
show the article: its own, the home page, its section, its tags and authors, feeds, sitemaps and
the pages that list it as related, not the site.

Why a log in the database and not counters in Redis: every process must see every change (web
workers, the background worker that publishes scheduled stories, ``manage.py ingest``, on one
machine or several, with or without Redis), and a page cache hit must cost no round trip. Each
process reads the rows added since it last looked, at most once per
``WARTA_CONTENT_CHANGES_SECONDS`` (1 s): one indexed query a second, and a hit then costs a few
dictionary lookups.

Why a page rendered by a process that had read change N is right about change N: the row is
written after the change's own transaction committed, and its number is drawn after that (the
commit of the change comes first, then the number, then the process reads it, then renders). A
row whose number was drawn earlier but committed later than a newer one is not missed: each read
looks again at the numbers of the last few seconds (``_LOOK_BACK_SECONDS``).

Old rows are forgotten: a process remembers the keys changed within ``_window_seconds()`` (longer
than a page is kept), and a page rendered before that is stale anyway; rows older than a day are
deleted as new ones are written.

Shared caches in front (Varnish) are purged by the same keys, by the background worker
(``tasks.purge_shared_cache``), once every process has read the change.
"""

import logging
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .content_keys import ALL

logger = logging.getLogger(__name__)

# Each read looks again at the change numbers of the last few seconds: a number drawn before a
# newer one may commit after it.
_LOOK_BACK_SECONDS = 5.0
# Rows are deleted a day after they were written (pages are kept minutes, not days).
_ROWS_KEPT = timedelta(days=1)
# Every this many rows written, the old ones are deleted.
_PRUNE_EVERY = 256


def _window_seconds() -> float:
    """How long this process remembers a changed key: longer than anything keeps a page."""
    return settings.WARTA_PAGE_CACHE_SECONDS + settings.WARTA_PAGE_STALE_SECONDS + 60.0


@dataclass
class _Known:
    """What this process has read of the log."""

    loaded: bool = False
    latest: int = 0  # the newest change number read
    floor: int = 0  # a page rendered before this is stale: older changes are forgotten
    by_key: dict[str, int] = field(default_factory=dict)  # key -> its newest change number
    hard_by_key: dict[str, int] = field(default_factory=dict)  # key -> its newest hard change
    read_at: float = float("-inf")  # time.monotonic() of the last read
    # (time.monotonic(), latest) after each read: where the next read starts looking again, and
    # when forgotten keys become the floor.
    marks: deque[tuple[float, int]] = field(default_factory=deque)


_known = _Known()
_lock = threading.Lock()


def content_seen() -> int:
    """The newest change this process knows of: kept with a page rendered now."""
    _refresh()
    return _known.latest


def content_fresh(seen: int, keys: Iterable[str]) -> bool:
    """Whether a page rendered when ``seen`` was the newest change, showing ``keys``, is still
    what readers should get, as far as this process knows (at most a second behind)."""
    _refresh()
    known = _known
    if seen < known.floor:
        return False
    by_key = known.by_key
    if by_key.get(ALL, 0) > seen:
        return False
    return all(by_key.get(key, 0) <= seen for key in keys)


def content_may_serve_stale(seen: int, keys: Iterable[str]) -> bool:
    """Whether a stale copy may still be served for a few seconds while it is rendered anew:
    not after a hard change (a story withdrawn or killed, its access raised), which no reader
    may see the old copy of once it committed."""
    hard = _known.hard_by_key
    if seen < _known.floor or hard.get(ALL, 0) > seen:
        return False
    return all(hard.get(key, 0) <= seen for key in keys)


def content_forget_known() -> None:
    """Read the log afresh at the next question (tests; a process after a fork)."""
    global _known
    with _lock:
        _known = _Known()


def content_changed(keys: Iterable[str], *, hard: bool = False) -> None:
    """Call when something readers see changed, naming the pages it touched
    (``content_keys``): they go stale when the current transaction commits (at once outside
    one), then shared caches are purged by the background worker. ``hard`` when no reader may
    get the old copy again, not even while the new one is rendered (a story withdrawn, killed,
    or its access raised)."""
    named = frozenset(keys)
    if named:
        transaction.on_commit(partial(_changed, named, hard), robust=True)


def everything_changed(why: str) -> None:
    """For the few edits that change every page (a section renamed, the site's settings)."""
    logger.info("Every cached page is stale: %s", why)
    content_changed([ALL])


def _changed(keys: frozenset[str], hard: bool) -> None:
    from .models import ContentChange
    from .tasks import purge_shared_cache_soon

    now = timezone.now()
    rows = ContentChange.objects.bulk_create(
        ContentChange(key=key, at=now, hard=hard) for key in sorted(keys)
    )
    newest = max((row.pk for row in rows if row.pk is not None), default=0)
    if newest and any(row.pk % _PRUNE_EVERY == 0 for row in rows if row.pk is not None):
        # Never the newest: SQLite would number the next row from the newest left, and a
        # process that had read a higher number would miss it.
        ContentChange.objects.filter(at__lt=now - _ROWS_KEPT, pk__lt=newest).delete()
    with _lock:
        _known.read_at = float("-inf")  # this process sees its own change at once
    purge_shared_cache_soon(keys, hard=hard)


def _refresh() -> None:
    now = time.monotonic()
    trusted = settings.WARTA_CONTENT_CHANGES_SECONDS
    if trusted > 0 and now - _known.read_at < trusted:
        return
    with _lock:
        if trusted > 0 and now - _known.read_at < trusted:
            return  # another thread read it meanwhile
        if not _known.loaded:
            _load(now)
        else:
            _read_since(now)


def _load(now: float) -> None:
    """The first read of this process: the keys changed within the window."""
    from .models import ContentChange

    cutoff = timezone.now() - timedelta(seconds=_window_seconds())
    before = ContentChange.objects.filter(at__lt=cutoff).aggregate(newest=Max("pk"))["newest"]
    known = _known
    known.floor = known.latest = int(before or 0)
    for pk, key, hard in ContentChange.objects.filter(at__gte=cutoff).values_list(
        "pk", "key", "hard"
    ):
        _note(known, pk, key, hard)
    known.loaded = True
    known.read_at = now
    known.marks.append((now, known.latest))


def _read_since(now: float) -> None:
    from .models import ContentChange

    known = _known
    marks = known.marks
    # Look again from the newest number read at least _LOOK_BACK_SECONDS ago.
    start = known.floor
    for at, latest in marks:
        if now - at >= _LOOK_BACK_SECONDS:
            start = latest
        else:
            break
    for pk, key, hard in ContentChange.objects.filter(pk__gt=start).values_list(
        "pk", "key", "hard"
    ):
        _note(known, pk, key, hard)
    known.read_at = now
    marks.append((now, known.latest))
    _forget_old(known, now)


def _note(known: _Known, pk: int, key: str, hard: bool) -> None:
    if pk > known.by_key.get(key, 0):
        known.by_key[key] = pk
    if hard and pk > known.hard_by_key.get(key, 0):
        known.hard_by_key[key] = pk
    if pk > known.latest:
        known.latest = pk


def _forget_old(known: _Known, now: float) -> None:
    """Keys not changed within the window are forgotten; pages older than that are stale."""
    window = _window_seconds()
    marks = known.marks
    floor = known.floor
    # Keep one mark older than _LOOK_BACK_SECONDS for the next read to start from.
    while len(marks) > 2 and now - marks[1][0] >= max(window, _LOOK_BACK_SECONDS):
        floor = max(floor, marks.popleft()[1])
    if floor != known.floor:
        known.floor = floor
        known.by_key = {key: pk for key, pk in known.by_key.items() if pk > floor}
        known.hard_by_key = {key: pk for key, pk in known.hard_by_key.items() if pk > floor}
