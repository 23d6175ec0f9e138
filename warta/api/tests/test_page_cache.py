"""warta's own page cache never keeps an API answer, public or not: it is driven here as
production runs it, through the WSGI application of config/wsgi.py."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from warta.newsroom.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PAGE_CACHE_HEADER = "x-warta-cache"  # what the page cache says of the answers it gives


@pytest.fixture
def application(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    from config.wsgi import application

    yield application
    cache.clear()


def _get(application, path: str) -> tuple[str, dict[str, str], bytes]:
    found: dict[str, object] = {}

    def start_response(status, headers, exc_info=None):
        found["status"], found["headers"] = status, headers

    environ = RequestFactory().get(path).environ
    # As Django's own test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    headers = {name.lower(): value for name, value in found["headers"]}  # type: ignore[attr-defined]
    return str(found["status"]), headers, content


@pytest.mark.parametrize("path", ["/api/v1/sections", "/api/v1/articles", "/api/v1/articles/{pk}"])
def test_an_api_answer_is_never_stored_by_the_page_cache(application, path):
    article = ArticleFactory()
    path = path.format(pk=article.pk)

    first = _get(application, path)
    second = _get(application, path)

    assert first[0].startswith("200") and "public" in first[1]["cache-control"]
    assert PAGE_CACHE_HEADER not in first[1] and PAGE_CACHE_HEADER not in second[1]


def test_the_site_is_still_cached_beside_it(application):
    article = ArticleFactory()

    _get(application, article.get_absolute_url())
    _, headers, _ = _get(application, article.get_absolute_url())

    assert headers[PAGE_CACHE_HEADER] == "hit"
