import logging

from warta.newsroom.content_version import content_changed, content_version


def test_each_change_moves_the_version_on(settings):
    settings.WARTA_CACHE_PURGE_URLS = []
    before = content_version()

    content_changed()
    content_changed()

    assert content_version() == before + 2


def test_an_unreachable_shared_cache_is_logged_and_does_not_stop_publishing(settings, caplog):
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    before = content_version()

    with caplog.at_level(logging.WARNING, logger="warta.newsroom.content_version"):
        content_changed()

    assert content_version() == before + 1
    assert "Could not purge the shared cache at http://127.0.0.1:9/" in caplog.text
