"""No stampede: while one request renders a stale page anew, every other request is answered with
the stale copy (warta/web/page_cache.py); a page never cached is rendered where it is asked."""

import threading

import pytest
from django.core.cache import cache

from warta.cache_table import PAGE_RENDERS
from warta.newsroom.content_changes import content_changed, content_seen
from warta.request_keys import request_digest
from warta.web.page_cache import HIT_HEADER, PageCache

pytestmark = pytest.mark.django_db


class SlowPage:
    """A WSGI application whose page says how many times it was rendered; a render can be held
    until the test lets it go."""

    def __init__(self) -> None:
        self.renders = 0
        self.hold = threading.Event()
        self.hold.set()
        self.started = threading.Event()

    def __call__(self, environ, start_response):
        self.renders += 1
        number = self.renders
        self.started.set()
        assert self.hold.wait(10)
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", "public, max-age=0, s-maxage=60"),
                ("Surrogate-Key", "home"),
            ],
        )
        return Body([f"render {number}".encode()])


class Body(list):
    streaming = False  # as Django's responses say it


def _get(app, path="/"):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["headers"] = dict(headers)

    body = b"".join(app(_environ_of(path), start_response))
    return seen["headers"][HIT_HEADER], body.decode()


@pytest.fixture
def slow(production_caches):
    return SlowPage()


def test_while_one_request_renders_a_stale_page_the_others_get_the_stale_copy(slow):
    app = PageCache(slow)
    assert _get(app) == ("miss", "render 1")
    content_changed(["home"])  # published: the page is stale
    content_seen()  # read here: the thread below then trusts it and asks no database of its own
    slow.hold.clear()
    slow.started.clear()
    answers = {}
    renderer = threading.Thread(target=lambda: answers.update(first=_get(app)))
    renderer.start()
    assert slow.started.wait(10)  # the first request is rendering

    others = [_get(app) for _ in range(5)]

    assert others == [("stale", "render 1")] * 5
    assert slow.renders == 2  # one render for all of them
    slow.hold.set()
    renderer.join(10)
    assert answers["first"] == ("miss", "render 2")
    assert _get(app) == ("hit", "render 2")


def test_a_page_that_is_not_stale_is_never_rendered_twice(slow):
    app = PageCache(slow)
    _get(app)
    content_changed(["section-sport"])  # names nothing this page shows

    assert _get(app) == ("hit", "render 1")
    assert slow.renders == 1


def test_a_page_never_cached_is_rendered_even_while_another_render_runs(slow):
    """Nothing to answer with meanwhile: the reader is not kept waiting for the other."""
    app = PageCache(slow)
    cache.add(PAGE_RENDERS.key(request_digest(_environ_of("/new/"))), 1, timeout=10)

    assert _get(app, "/new/") == ("miss", "render 1")


def test_a_render_that_failed_lets_the_next_request_render(slow):
    app = PageCache(slow)
    _get(app)
    content_changed(["home"])

    def broken(environ, start_response):
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        _get(PageCache(broken))

    assert _get(app) == ("miss", "render 2")  # not held off by the failed one


def test_the_stale_copy_is_served_only_for_a_while(slow, settings):
    app = PageCache(slow)
    _get(app)
    content_changed(["home"])
    digest = request_digest(_environ_of("/"))
    cache.add(PAGE_RENDERS.key(digest), 1, timeout=10)  # another process renders it
    assert _get(app)[0] == "stale"

    settings.WARTA_PAGE_STALE_SECONDS = 0
    settings.WARTA_PAGE_CACHE_SECONDS = 0.000001  # its lifetime and stale time are over

    assert _get(app) == ("miss", "render 2")


def _environ_of(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "news.example",
        "SERVER_NAME": "news.example",
        "SERVER_PORT": "80",
    }


def test_after_a_hard_change_no_reader_gets_the_stale_copy(slow):
    """A story withdrawn or killed, or its access raised: the old copy is never served again."""
    app = PageCache(slow)
    _get(app)
    content_changed(["home"], hard=True)
    cache.add(PAGE_RENDERS.key(request_digest(_environ_of("/"))), 1, timeout=10)  # elsewhere

    assert _get(app) == ("miss", "render 2")
