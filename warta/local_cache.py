"""A small store in each process's memory, in front of the shared cache (Redis in production).

For the page cache's pages and the article shells (``fresh_cache``: each entry knows when it went
stale), a hit costs no round trip to Redis and no unpickling. Entries that can change without
knowing it (a signed-in reader's user row and facts) are kept for about a second only
(``keep_seconds``), and forgotten at once in the process that changes them.

Entries expire with the same timeout as in the shared cache, and the least recently used go when
``WARTA_LOCAL_CACHE_ENTRIES`` are kept (256 by default: a few megabytes, pages are tens of
kilobytes; 0 turns it off).
"""

import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache

_entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
# Small entries (story cards, a kilobyte or two, filled into many pages) in a store of their own,
# sixteen times as many: a reading set of pages does not push them out.
_small: OrderedDict[str, tuple[float, Any]] = OrderedDict()
SMALL_FACTOR = 16
_lock = threading.Lock()


def _store(small: bool) -> tuple[OrderedDict[str, tuple[float, Any]], int]:
    size = settings.WARTA_LOCAL_CACHE_ENTRIES
    return (_small, size * SMALL_FACTOR) if small else (_entries, size)


def local_get(key: str, *, keep_seconds: float = 60) -> Any:
    if settings.WARTA_LOCAL_CACHE_ENTRIES <= 0:
        return cache.get(key)
    now = time.monotonic()
    with _lock:
        found = _entries.get(key)
        if found is not None:
            if found[0] > now:
                _entries.move_to_end(key)
                return found[1]
            del _entries[key]
    value = cache.get(key)
    if value is not None and keep_seconds > 0:
        # How long the shared cache keeps it is unknown here: keep it for a short while.
        _keep(key, value, seconds=keep_seconds)
    return value


def local_set(key: str, value: Any, *, seconds: int) -> None:
    cache.set(key, value, timeout=seconds)
    _keep(key, value, seconds=seconds)


def local_peek(key: str, *, small: bool = False) -> Any:
    """The entry kept in this process, or None: the shared cache is not asked."""
    entries, size = _store(small)
    if size <= 0:
        return None
    now = time.monotonic()
    with _lock:
        found = entries.get(key)
        if found is None:
            return None
        if found[0] <= now:
            del entries[key]
            return None
        entries.move_to_end(key)
        return found[1]


def local_keep(key: str, value: Any, *, seconds: float, small: bool = False) -> None:
    """Keep an entry in this process only (it is in the shared cache already)."""
    if seconds > 0:
        _keep(key, value, seconds=seconds, small=small)


def _keep(key: str, value: Any, *, seconds: float, small: bool = False) -> None:
    entries, size = _store(small)
    if size <= 0:
        return
    with _lock:
        entries[key] = (time.monotonic() + seconds, value)
        entries.move_to_end(key)
        while len(entries) > size:
            entries.popitem(last=False)


def local_forget(key: str) -> None:
    """Drop a kept entry in this process (others drop theirs when it expires)."""
    with _lock:
        _entries.pop(key, None)
        _small.pop(key, None)


def local_clear() -> None:
    with _lock:
        _entries.clear()
        _small.clear()
