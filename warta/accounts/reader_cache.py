"""Where a reader's facts (subscription, gift allowance, back-office rights) are kept between
requests, so that a subscriber's page view needs no query about them (warta/reading/facts.py).

Whatever changes those facts calls ``reader_cache_forget``, which forgets them once the
transaction commits: the subscription services, gifts made, and the back office's edits of
subscriptions, gifts, users and groups (their wagtail_hooks). Entries expire after
``WARTA_READER_FACTS_SECONDS`` in any case (warta/cache_table.py).
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from warta.cache_table import READER_FACTS
from warta.local_cache import local_forget


def reader_cache_key(user_id: int) -> str:
    return READER_FACTS.key(user_id)


def reader_cache_forget(user_id: int) -> None:
    """Drop the user's cached facts when the current transaction commits (at once outside one),
    so that no request can cache them again from data the transaction is about to change."""
    transaction.on_commit(lambda: _forget(reader_cache_key(user_id)))


def reader_cache_forget_many(user_ids: Iterable[int]) -> None:
    """``reader_cache_forget`` for many readers at once (the subscribers of an edited plan)."""
    keys = [reader_cache_key(user_id) for user_id in user_ids]
    transaction.on_commit(lambda: _forget(*keys))


def _forget(*keys: str) -> None:
    cache.delete_many(keys)
    for key in keys:
        local_forget(key)
