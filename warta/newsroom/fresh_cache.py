"""Cache entries that stay under one key and know when they went stale (decision 0017).

An entry keeps what it holds (a page, an article shell, what deciding access needs of an
article), the newest content change its process had read before making it (``seen``), the keys
of what it shows, and when it was made. It is fresh while it is younger than its lifetime and
none of its keys has changed since (``newsroom.content_changes.content_fresh``): a publication
makes stale only the entries that show the article, in every process within a second.

Entries live in the shared cache (Redis in production) and in each process's memory in front of
it (``local_cache``); a local copy that went stale is looked up again in the shared cache, where
another process may have put a fresh one. Each kind of entry has its lifetime (pages:
``WARTA_PAGE_CACHE_SECONDS``; article shells and references: ``WARTA_FRAGMENT_CACHE_SECONDS``).
A stale entry stays in the shared cache for ``WARTA_PAGE_STALE_SECONDS`` more, so that the page
cache can answer with it while one process renders the page anew (``web/page_cache.py``).
"""

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

from warta.local_cache import local_keep, local_peek
from warta.newsroom.content_changes import content_fresh


@dataclass(frozen=True, slots=True)
class Kept:
    value: Any
    seen: int  # the newest content change read before it was made
    keys: tuple[str, ...]  # what it shows (newsroom.content_keys)
    made_at: float  # time.time()

    def age(self, now: float) -> float:
        return now - self.made_at


def kept_is_fresh(kept: Kept, now: float, lifetime: float) -> bool:
    return kept.age(now) < lifetime and content_fresh(kept.seen, kept.keys)


def kept_lookup(
    key: str, now: float, *, lifetime: float, small: bool = False
) -> tuple[Kept | None, Kept | None]:
    """(the fresh entry, or None; else the stale one still kept, or None). ``small`` entries
    (cards) are kept in this process's store of small ones (``local_cache``)."""
    local: Kept | None = local_peek(key, small=small)
    if local is not None and kept_is_fresh(local, now, lifetime):
        return local, None
    shared: Kept | None = cache.get(key)
    if shared is not None and (local is None or shared.made_at > local.made_at):
        if kept_is_fresh(shared, now, lifetime):
            local_keep(key, shared, seconds=lifetime - shared.age(now), small=small)
            return shared, None
        return None, shared
    return None, local


def kept_get(key: str, *, lifetime: float, small: bool = False) -> Any:
    """What a fresh entry holds, or None."""
    fresh, _ = kept_lookup(key, time.time(), lifetime=lifetime, small=small)
    return fresh.value if fresh is not None else None


def kept_set(
    key: str,
    value: Any,
    *,
    seen: int,
    keys: tuple[str, ...],
    lifetime: float,
    small: bool = False,
) -> Kept:
    kept = Kept(value=value, seen=seen, keys=keys, made_at=time.time())
    cache.set(key, kept, timeout=lifetime + settings.WARTA_PAGE_STALE_SECONDS)
    local_keep(key, kept, seconds=lifetime, small=small)
    return kept
