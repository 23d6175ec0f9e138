"""Counting in fixed windows of time in the shared cache: what every rate limit of warta uses.

Incrementing first and comparing after makes a count exact under concurrency: Redis and the
local-memory cache both increment atomically, so every process and machine counts together.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class WindowCount:
    used: int  # in this window, the request just counted included
    reset: int  # whole seconds until the window ends, at least 1


def window_count(key: Callable[[int], str], *, window: int, now: float) -> WindowCount:
    """Count one more for the window holding ``now``; ``key(window_start)`` is its cache key."""
    window_start = math.floor(now / window) * window
    cache_key = key(window_start)
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.add(cache_key, 1, timeout=window + 5)
        used = 1
    return WindowCount(used=used, reset=window_reset(window=window, now=now))


def window_reset(*, window: int, now: float) -> int:
    """Whole seconds until the window holding ``now`` ends, at least 1 (nothing counted)."""
    return max(math.ceil(math.floor(now / window) * window + window - now), 1)
