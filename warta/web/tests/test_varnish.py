"""Debian's Varnish in front of a live warta with the shipped configuration
(deploy/varnish/warta.vcl): anonymous pages come from Varnish, subscribers and gift readers
always reach warta and get their own page, and publishing empties Varnish as soon as the
background worker runs the purge job."""

import http.client
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import timezone

from warta.gifts.services import gift_create
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.services import article_publish
from warta.testing.jobs import run_queued_jobs

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

VCL = Path(settings.BASE_DIR, "deploy", "varnish", "warta.vcl")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    """Varnish on a free port, its backend the live server, started and stopped by the test."""
    with _varnish_in_front_of(live_server.url) as url:
        settings.WARTA_CACHE_PURGE_URLS = [url + "/"]
        settings.WARTA_BASE_URL = url
        yield url


@contextmanager
def _varnish_in_front_of(backend_url: str) -> Iterator[str]:
    # Varnish's own user must read the files: not in pytest's private temporary folder.
    tmp_path = Path(tempfile.mkdtemp(prefix="warta-varnish-"))
    backend = urlsplit(backend_url)
    vcl = VCL.read_text()
    vcl = re.sub(r'\.host = "[^"]+";', f'.host = "{backend.hostname}";', vcl, count=1)
    vcl = re.sub(r'\.port = "[^"]+";', f'.port = "{backend.port}";', vcl, count=1)
    vcl_file = tmp_path / "warta.vcl"
    vcl_file.write_text(vcl)
    workdir = tmp_path / "varnish"
    workdir.mkdir()
    for path in (tmp_path, workdir, vcl_file):
        path.chmod(0o755)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - the test's own Varnish
        [
            "/usr/sbin/varnishd",
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl_file),
            "-n",
            str(workdir),
            "-s",
            "malloc,32m",
            "-p",
            "default_grace=0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(url, "/robots.txt")
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode()) from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)


def _get(
    base: str, path: str, cookie: str = "", forwarded_proto: str = ""
) -> tuple[int, dict[str, str], str]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Cookie": cookie} if cookie else {}
    if forwarded_proto:  # what the TLS proxy in front of Varnish sends
        headers["X-Forwarded-Proto"] = forwarded_proto
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    headers = {k.lower(): v for k, v in response.getheaders()}
    headers["set-cookie"] = "; ".join(
        c.split(";")[0] for c in response.msg.get_all("Set-Cookie") or []
    )
    connection.close()
    return response.status, headers, body


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_anonymous_article_views_are_served_by_varnish(varnish):
    article = premium_article(first_published_at=timezone.now() - timedelta(hours=1))

    first = _get(varnish, article.get_absolute_url())
    second = _get(varnish, article.get_absolute_url(), cookie="warta_text_size=large")

    assert first[0] == second[0] == 200
    assert (first[1]["x-cache"], second[1]["x-cache"]) == ("miss", "hit")
    assert second[2] == first[2]
    assert CANARY not in second[2]


def test_subscribers_always_reach_warta_and_get_their_own_page(varnish):
    article = premium_article(first_published_at=timezone.now() - timedelta(hours=1))
    _get(varnish, article.get_absolute_url())  # the teaser is now in Varnish
    cookie = _session_cookie(subscriber())

    pages = [_get(varnish, article.get_absolute_url(), cookie=cookie) for _ in range(2)]

    assert [p[1]["x-cache"] for p in pages] == ["miss", "miss"]
    assert all(CANARY in body for _, _, body in pages)
    assert all("private" in headers["cache-control"] for _, headers, _ in pages)


def test_gift_readers_always_reach_warta(varnish):
    article = premium_article(first_published_at=timezone.now() - timedelta(hours=1))
    made = gift_create(gifter=subscriber(), article=article, now=timezone.now())
    _get(varnish, article.get_absolute_url())  # the teaser is now in Varnish

    status, headers, _ = _get(varnish, f"{article.get_absolute_url()}?gift={made.token}")
    page = _get(varnish, article.get_absolute_url(), cookie=headers["set-cookie"])

    assert status == 302
    assert page[1]["x-cache"] == "miss"
    assert CANARY in page[2]


def test_publishing_empties_varnish(varnish):
    article = premium_article(
        headline="Harbour tender opens", first_published_at=timezone.now() - timedelta(hours=1)
    )
    article.save_revision()
    section_url = article.section.get_absolute_url()
    for path in ("/", article.get_absolute_url(), section_url):
        _get(varnish, path)
        assert _get(varnish, path)[1]["x-cache"] == "hit"

    other = premium_article(
        n="2", headline="Rice harvest up", first_published_at=timezone.now() - timedelta(hours=2)
    )
    other_section = other.section.get_absolute_url()
    for path in (other.get_absolute_url(), other_section):
        _get(varnish, path)

    article.headline = "Harbour tender closes early"
    article.save_revision()
    article_publish(article=article)
    run_queued_jobs()  # the background worker sends the purge, after the commit

    # A soft purge: the first reader may get the old copy while Varnish fetches the new one.
    for path in ("/", article.get_absolute_url(), section_url):
        assert _eventually(varnish, path, "Harbour tender closes early"), path
    # What does not show the story stays in Varnish, untouched.
    assert _get(varnish, other.get_absolute_url())[1]["x-cache"] == "hit"
    assert _get(varnish, other_section)[1]["x-cache"] == "hit"


def _eventually(base: str, path: str, text: str, seconds: float = 2.0) -> bool:
    """The page shows ``text`` within ``seconds`` (a soft purge's background fetch)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(base, path)[2]:
            return True
        time.sleep(0.05)
    return False


def test_a_withdrawn_story_is_never_served_stale(varnish):
    from warta.newsroom.services import article_unpublish

    article = premium_article(
        headline="Harbour tender opens", first_published_at=timezone.now() - timedelta(hours=1)
    )
    for path in ("/", article.get_absolute_url()):
        _get(varnish, path)
        assert _get(varnish, path)[1]["x-cache"] == "hit"

    article_unpublish(article=article)
    run_queued_jobs()

    assert _get(varnish, article.get_absolute_url())[0] == 404
    home = _get(varnish, "/")
    assert home[1]["x-cache"] == "miss"
    assert "Harbour tender opens" not in home[2]


def _ban(base: str, keys: str, how: str = "hard") -> int:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("BAN", "/", headers={"X-Warta-Keys": keys, "X-Warta-Purge": how})
    status = connection.getresponse().status
    connection.close()
    return status


def test_pages_carry_surrogate_keys_and_can_be_purged_by_them(varnish):
    article = premium_article(first_published_at=timezone.now() - timedelta(hours=1))
    other = premium_article(n="2", first_published_at=timezone.now() - timedelta(hours=2))
    paths = ["/", article.get_absolute_url(), other.get_absolute_url()]
    for path in paths:
        _get(varnish, path)
    assert all(_get(varnish, path)[1]["x-cache"] == "hit" for path in paths)
    assert "surrogate-key" not in _get(varnish, "/")[1]  # for caches, not for browsers

    assert _ban(varnish, f"article-{article.pk}") == 200

    # The home page shows the article's card, and names it: it goes with its page.
    assert [_get(varnish, path)[1]["x-cache"] for path in paths] == ["miss", "miss", "hit"]


@pytest.fixture
def ssl_redirecting_varnish(settings):
    """Varnish in front of a server with the production profile's SSL redirect
    (WARTA_SSL_REDIRECT=true), which reads the scheme from X-Forwarded-Proto."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Its own server: the live server's middleware was set up before these settings.
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        with _varnish_in_front_of(f"http://127.0.0.1:{server.port}") as url:
            yield url
    finally:
        server.terminate()
        server.join()


def test_the_redirect_of_plain_http_is_never_served_to_https(ssl_redirecting_varnish):
    plain = [_get(ssl_redirecting_varnish, "/robots.txt", forwarded_proto="http") for _ in "ab"]
    secure = _get(ssl_redirecting_varnish, "/robots.txt", forwarded_proto="https")

    assert [status for status, _, _ in plain] == [301, 301]
    assert plain[1][1]["location"].startswith("https://")
    assert secure[0] == 200  # not the 301 again: that was a redirect loop
    assert "Sitemap:" in secure[2]


def test_an_https_page_in_varnish_is_never_served_to_plain_http(ssl_redirecting_varnish):
    secure = [_get(ssl_redirecting_varnish, "/robots.txt", forwarded_proto="https") for _ in "ab"]
    plain = _get(ssl_redirecting_varnish, "/robots.txt", forwarded_proto="http")

    assert [(s[0], s[1]["x-cache"]) for s in secure] == [(200, "miss"), (200, "hit")]
    assert plain[0] == 301  # Varnish keeps the two schemes apart (it hashes on the header)
    assert plain[1]["location"].startswith("https://")


class _Backend:
    """A stand-in for warta that can go down: a public page that keeps a second."""

    def __init__(self) -> None:
        import http.server
        import threading

        owner = self
        self.version = 1
        self.down = False

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if owner.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                body = f"page version {owner.version}".encode()
                self.send_response(200)
                self.send_header("Cache-Control", "public, max-age=0, s-maxage=1")
                self.send_header("Surrogate-Key", "home")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def backend():
    found = _Backend()
    yield found
    found.down = True
    found.stop()


@pytest.mark.django_db
def test_stale_pages_are_served_while_warta_is_down(backend):
    with _varnish_in_front_of(backend.url) as url:
        assert _get(url, "/robots.txt")[2] == "page version 1"
        backend.version = 2
        backend.down = True
        time.sleep(1.5)  # past its s-maxage

        answers = [_get(url, "/robots.txt") for _ in range(3)]

        assert [status for status, _, _ in answers] == [200, 200, 200]
        assert {body for _, _, body in answers} == {"page version 1"}
        backend.down = False
        assert _eventually(url, "/robots.txt", "page version 2")


@pytest.mark.django_db
def test_a_soft_purge_serves_the_old_copy_once_while_fetching_the_new(backend):
    with _varnish_in_front_of(backend.url) as url:
        _get(url, "/robots.txt")
        backend.version = 2

        assert _ban(url, "home", how="soft") == 200

        assert _get(url, "/robots.txt")[2] == "page version 1"  # at once, from grace
        assert _eventually(url, "/robots.txt", "page version 2")


@pytest.mark.django_db
def test_a_page_long_past_its_time_is_served_stale_while_warta_is_down(backend):
    """Past its s-maxage and past the 10 s a stale copy is served while fetching anew: the
    failed fetch restarts with the 6 hours' grace."""
    with _varnish_in_front_of(backend.url) as url:
        assert _get(url, "/robots.txt")[2] == "page version 1"
        backend.down = True
        time.sleep(11.5)

        answers = [_get(url, "/robots.txt") for _ in range(3)]

        assert [status for status, _, _ in answers] == [200, 200, 200]
        assert {body for _, _, body in answers} == {"page version 1"}


def _app_session_token(user) -> str:
    """Signed in as the app signs in (allauth headless, app client): its session token."""
    user.set_password("a-long-test-passphrase-17")
    user.save()
    signed_in = Client().post(
        "/_allauth/app/v1/auth/login",
        {"username": user.username, "password": "a-long-test-passphrase-17"},
        content_type="application/json",
    )
    return signed_in.json()["meta"]["session_token"]


def _get_with(base: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    found = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, found, body


@pytest.mark.parametrize(
    "header", ["X-Session-Token", "Authorization", "X-Gift-Grants", "X-Gift-Token"]
)
def test_the_apps_tokens_and_grants_always_reach_warta(varnish, header):
    """A request with the app's credentials is passed: never served from the cache (the public
    answer kept for anonymous readers stays theirs), never stored in it."""
    article = premium_article(first_published_at=timezone.now() - timedelta(hours=1))
    path = f"/api/v1/articles/{article.pk}"
    anonymous = [_get_with(varnish, path, {}) for _ in "ab"]
    assert [a[1]["x-cache"] for a in anonymous] == ["miss", "hit"]
    value = {
        "X-Session-Token": _app_session_token(subscriber("varnish-app")),
        "Authorization": "Bearer some-app-credential",
        "X-Gift-Grants": "not-a-grant",
        "X-Gift-Token": "x" * 43,
    }[header]

    carried = [_get_with(varnish, path, {header: value}) for _ in "ab"]

    assert [c[1]["x-cache"] for c in carried] == ["miss", "miss"]
    assert [c[1]["x-varnish"].count(" ") for c in carried] == [0, 0]  # fetched, not a hit
    if header == "X-Session-Token":
        assert CANARY in carried[1][2] and "private" in carried[1][1]["cache-control"]
    after = _get_with(varnish, path, {})
    assert after[1]["x-cache"] == "hit" and CANARY not in after[2]


def test_an_api_answer_from_varnish_carries_no_other_clients_rate_state(varnish, settings):
    """Warta counted the request it answered, not the one Varnish answers from its copy."""
    settings.WARTA_API_ADDRESS_PER_MINUTE = 100
    from django.core.cache import cache

    cache.clear()
    fetched = _get_with(varnish, "/api/v1/sections", {})
    kept = _get_with(varnish, "/api/v1/sections", {})

    assert fetched[1]["x-cache"] == "miss" and fetched[1]["ratelimit"].startswith('"address";r=')
    assert kept[1]["x-cache"] == "hit" and "ratelimit" not in kept[1]
    assert kept[1]["ratelimit-policy"] == '"address";q=100;w=60'
