"""A site-wide version of published content, bumped whenever readers should see a change.

Page caches key their entries by it (warta/web/page_cache.py), so one increment makes every
cached page stale at once: an article's headline shows on the home page, fronts, tag and author
pages, feeds and other articles' related lists, so a change anywhere may change any of them.
"""

from django.core.cache import cache

KEY = "warta:content-version"


def content_version() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    return int(version)


def content_changed() -> None:
    """Call after publishing, unpublishing or editing anything readers see."""
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (a fresh cache): anything cached before is gone anyway
        cache.add(KEY, 2, timeout=None)
