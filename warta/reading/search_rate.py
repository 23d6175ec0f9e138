"""How often one client may search: ``WARTA_SEARCH_PER_MINUTE`` queries a minute (0: no limit).

A search costs the database a full-text query, so a script could keep it busy. Searches are
counted in the cache in fixed one-minute windows, as feedback counts messages
(feedback/guards.py): a signed-in reader by account (on the site and in the app alike), anyone
else by a keyed hash of their address. Over the limit, the view answers 429 with a page that
says when to try again. Anonymous searches served from the page cache cost nothing and are not
counted.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from warta.cache_table import SEARCH_RATES
from warta.feedback.guards import RateCount, client_hash, client_key

WINDOW_SECONDS = 60
TOO_MANY_SEARCHES = (
    "Too many searches in a short time. Please wait {seconds} seconds, then search again."
)


def search_client(request: HttpRequest) -> str:
    """Whom a site search counts: the signed-in account, else the address."""
    return client_key(request, client_hash(request))


def search_rate_count(*, client: str, now: float) -> RateCount:
    """Count one search for ``client`` (``feedback.guards.rate_key``: the same for the site and
    the app); over the limit, refuse it."""
    limit = settings.WARTA_SEARCH_PER_MINUTE
    window_start = math.floor(now / WINDOW_SECONDS) * WINDOW_SECONDS
    retry_after = max(int(window_start + WINDOW_SECONDS - now), 1)
    if limit <= 0:
        return RateCount(allowed=True, retry_after=retry_after)
    key = SEARCH_RATES.key(client, window_start)
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    return RateCount(allowed=count <= limit, retry_after=retry_after)
