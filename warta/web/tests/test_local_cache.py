"""The per-process store in front of the shared cache."""

from unittest import mock

import pytest
from django.core.cache import cache

from warta import local_cache


@pytest.fixture(autouse=True)
def fresh(settings):
    settings.WARTA_LOCAL_CACHE_ENTRIES = 3
    cache.clear()
    local_cache.local_clear()
    yield
    local_cache.local_clear()
    cache.clear()


def test_a_kept_entry_is_served_without_asking_the_shared_cache():
    local_cache.local_set("page:1", b"page", seconds=60)

    with mock.patch.object(cache, "get", side_effect=AssertionError("asked")):
        assert local_cache.local_get("page:1") == b"page"


def test_an_entry_from_the_shared_cache_is_kept_after_the_first_read():
    cache.set("page:2", b"page")
    assert local_cache.local_get("page:2") == b"page"
    cache.delete("page:2")  # the local copy stays: keys never change meaning

    assert local_cache.local_get("page:2") == b"page"


def test_the_least_recently_used_go_first():
    for n in range(3):
        local_cache.local_set(f"page:{n}", n, seconds=60)
    local_cache.local_get("page:0")
    local_cache.local_set("page:3", 3, seconds=60)
    cache.clear()

    assert [local_cache.local_get(f"page:{n}") for n in range(4)] == [0, None, 2, 3]


def test_entries_expire(settings):
    local_cache.local_set("page:1", b"page", seconds=60)
    cache.clear()

    with mock.patch("warta.local_cache.time.monotonic", return_value=10**9):
        assert local_cache.local_get("page:1") is None


def test_off_keeps_nothing(settings):
    settings.WARTA_LOCAL_CACHE_ENTRIES = 0
    local_cache.local_set("page:1", b"page", seconds=60)
    cache.clear()

    assert local_cache.local_get("page:1") is None


def test_a_peek_asks_only_this_process():
    cache.set("page:9", b"shared")
    assert local_cache.local_peek("page:9") is None
    local_cache.local_keep("page:9", b"local", seconds=60)

    with mock.patch.object(cache, "get", side_effect=AssertionError("asked")):
        assert local_cache.local_peek("page:9") == b"local"
    with mock.patch("warta.local_cache.time.monotonic", return_value=10**9):
        assert local_cache.local_peek("page:9") is None
