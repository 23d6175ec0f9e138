"""Images behind Debian's Varnish with the shipped configuration (deploy/varnish/warta.vcl):
warta serves them (decision 0015) and Varnish keeps them, also for a signed-in editor, whose
back-office thumbnails are the same files as everyone's.

Not Django's live server: it answers MEDIA_URL with a handler of its own, before any URL of
warta's. Here a threaded server runs the application as config/wsgi.py builds it."""

import http.client
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connections

from warta.newsroom.tests.factories import NewsImageFactory
from warta.web.access_log import AccessLog
from warta.web.page_cache import PageCache
from warta.web.tests.test_varnish import _session_cookie, _varnish_in_front_of

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def varnish():
    application = AccessLog(PageCache(WSGIHandler()))

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        try:
            return list(application(environ, start_response))
        finally:
            connections.close_all()  # this request's thread ends here

    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with _varnish_in_front_of(f"http://127.0.0.1:{server.server_address[1]}") as url:
            yield url
    finally:
        server.shutdown()
        server.server_close()


def _get(base: str, path: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_images_come_from_varnish_for_readers_and_editors(varnish, django_user_model):
    cache.clear()  # Wagtail's rendition cache: an earlier test's image had the same id
    rendition = NewsImageFactory().get_rendition("max-165x165")  # a back-office thumbnail
    editor = _session_cookie(django_user_model.objects.create_superuser("ed", "ed@x.org", "x"))

    first = _get(varnish, rendition.url, cookie=editor)
    second = _get(varnish, rendition.url, cookie=editor)
    reader = _get(varnish, rendition.url)

    assert first[0] == second[0] == reader[0] == 200
    assert [r[1]["x-cache"] for r in (first, second, reader)] == ["miss", "hit", "hit"]
    assert second[1]["cache-control"] == "public, max-age=31536000, immutable"
    assert second[2][:2] == b"\xff\xd8"
    assert _get(varnish, "/media/images/no-such-picture.jpg")[0] == 404
