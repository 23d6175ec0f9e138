"""The signed-in user of each request, read from the cache instead of the database.

Every request of a signed-in reader loads their user row to check the session against the
password and to show their name. Kept in the cache (Redis in production) it costs one cache
read; ``User.save`` and ``User.delete`` forget it when their transaction commits, so a new
password, a deactivated account or a new display name counts on the next request. Entries
expire after ``WARTA_USER_CACHE_SECONDS`` in any case (0 turns the cache off).

Only rows fresh from the database are kept: nothing a request adds to a user object (its
permission caches) is ever stored.
"""

import pickle  # our own cache's bytes only (user_cached)  # nosec B403

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from warta.cache_table import USER_ROWS
from warta.local_cache import local_forget, local_get


def _key(user_id: str | int) -> str:
    return USER_ROWS.key(user_id)


def user_cached(user_id: str | int):  # -> User | None, typed loosely: the user model is swappable
    seconds = settings.WARTA_USER_CACHE_SECONDS
    if seconds > 0:
        # Kept as bytes: every request gets its own copy of the user to add its caches to.
        kept = local_get(_key(user_id), keep_seconds=settings.WARTA_READER_TRUST_SECONDS)
        if kept is not None:
            return pickle.loads(kept)  # noqa: S301 - written by this module, read from our cache  # nosec B301
    model = get_user_model()
    try:
        user = model._default_manager.get(pk=user_id)
    except (model.DoesNotExist, ValueError, TypeError):
        return None
    if seconds > 0:
        cache.set(_key(user_id), pickle.dumps(user), timeout=seconds)
    return user


def user_cache_forget(user_id: str | int) -> None:
    """Drop the kept user when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _forget(_key(user_id)))


def _forget(key: str) -> None:
    cache.delete(key)
    local_forget(key)
