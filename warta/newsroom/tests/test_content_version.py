"""The content version moves once a change commits, and purging Varnish never holds anyone up."""

import logging
import socket

import pytest
from django.db import transaction

from warta.newsroom.content_version import content_changed, content_version, purges_pending

pytestmark = pytest.mark.django_db


def _wait_for_purges():
    for purge in purges_pending():
        purge.result(timeout=10)


def test_each_change_moves_the_version_on(settings, django_capture_on_commit_callbacks):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
        content_changed()

    assert content_version() == before + 2


def test_the_version_moves_only_when_the_change_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed()
        inside = content_version()

    assert inside == before  # a request now would still cache the old content under `before`
    assert len(callbacks) == 1
    assert content_version() == before + 1


def test_a_change_rolled_back_moves_nothing(settings, django_capture_on_commit_callbacks):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                content_changed()
                raise RuntimeError("the edit failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert content_version() == before


def test_an_unreachable_shared_cache_is_logged_and_does_not_stop_publishing(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    before = content_version()

    with caplog.at_level(logging.WARNING, logger="warta.newsroom.content_version"):
        with django_capture_on_commit_callbacks(execute=True):
            content_changed()
        _wait_for_purges()

    assert content_version() == before + 1
    assert "Could not purge the shared cache at http://127.0.0.1:9/" in caplog.text


def test_a_shared_cache_that_does_not_answer_holds_up_nobody(
    settings, django_capture_on_commit_callbacks
):
    """The purge waits on a server that never answers; the change has long returned."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    settings.WARTA_CACHE_PURGE_URLS = [f"http://127.0.0.1:{silent.getsockname()[1]}/"]
    before = content_version()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            content_changed()

        assert content_version() == before + 1
        pending = purges_pending()
        assert len(pending) == 1 and not pending[0].done()
    finally:
        silent.close()
        _wait_for_purges()
