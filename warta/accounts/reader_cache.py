"""Where a reader's facts (subscription, gift allowance, back-office rights) are kept between
requests, so that a subscriber's page view needs no query about them (warta/web/reader_facts.py).

Services that change those facts call ``reader_cache_forget`` once their transaction commits;
anything else that changes them (an administrator editing a subscription or a role by hand) is
seen when the entry expires, after ``WARTA_READER_FACTS_SECONDS``.
"""

from django.core.cache import cache
from django.db import transaction

from warta.local_cache import local_forget

KEY_PREFIX = "warta:reader:"


def reader_cache_key(user_id: int) -> str:
    return f"{KEY_PREFIX}{user_id}"


def reader_cache_forget(user_id: int) -> None:
    """Drop the user's cached facts when the current transaction commits (at once outside one),
    so that no request can cache them again from data the transaction is about to change."""
    transaction.on_commit(lambda: _forget(reader_cache_key(user_id)))


def _forget(key: str) -> None:
    cache.delete(key)
    local_forget(key)
