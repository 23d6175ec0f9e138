"""How often one client may search: ``WARTA_SEARCH_PER_MINUTE`` queries a minute (0: no limit).

A search costs the database a full-text query, so a script could keep it busy. Searches are
counted in the cache in fixed one-minute windows, as feedback counts messages
(feedback/guards.py): a signed-in reader by account (on the site and in the app alike), anyone
else by a keyed hash of their address. Over the limit, the site answers 429 with a page that
says when to try again, the API with a problem. Anonymous searches served from a cache cost
nothing and are not counted.
"""

from django.conf import settings
from django.http import HttpRequest

from warta.cache_table import SEARCH_RATES
from warta.feedback.guards import RateCount, client_hash, rate_key
from warta.window_counts import window_count, window_reset

WINDOW_SECONDS = 60
TOO_MANY_SEARCHES = (
    "Too many searches in a short time. Please wait {seconds} seconds, then search again."
)


def search_client(request: HttpRequest, *, user_id: int | None) -> str:
    """Whom a search counts, on the site and in the app: the signed-in account ``user_id``,
    else the request's address."""
    return rate_key(user_id=user_id, hashed_address=client_hash(request))


def search_rate_count(*, client: str, now: float) -> RateCount:
    """Count one search for ``client`` (``feedback.guards.rate_key``: the same for the site and
    the app); over the limit, refuse it."""
    limit = settings.WARTA_SEARCH_PER_MINUTE
    if limit <= 0:
        return RateCount(allowed=True, retry_after=window_reset(window=WINDOW_SECONDS, now=now))
    counted = window_count(
        lambda start: SEARCH_RATES.key(client, start), window=WINDOW_SECONDS, now=now
    )
    return RateCount(allowed=counted.used <= limit, retry_after=counted.reset)
