"""Transports: files and folders on disk, and http(s) URLs with limits and conditional GET.

The URL cases run against a real HTTP server on 127.0.0.1, in a thread of the test.
"""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from warta.wire.transports import (
    SUFFIXES,
    FolderResolver,
    HttpResolver,
    TransportError,
    Validators,
    fetch_url,
    read_path,
)

pytestmark = pytest.mark.database_free  # conftest: run once, on SQLite

FEED = b'{"uri": "urn:test:transport:1", "headline": "Harbour reopens", "body_html": "<p>x</p>"}'


class _Agency(BaseHTTPRequestHandler):
    """/feed (ETag "v1"), /big (no length, too long), /slow (trickles), /hang, redirects."""

    def log_message(self, *args) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers)))  # type: ignore[attr-defined]
        match self.path:
            case "/feed":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(FEED, extra={"ETag": '"v1"', "Last-Modified": "Tue, 01 Dec 2026"})
            case "/declared-big":
                self.send_response(200)
                self.send_header("Content-Length", str(50 * 1024 * 1024))
                self.end_headers()
            case "/big":
                self.send_response(200)
                self.end_headers()  # no length: the limit is counted while reading
                for _ in range(40):
                    self.wfile.write(b"x" * 65536)
            case "/slow":
                self.send_response(200)
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            case "/hang":
                time.sleep(3)
            case "/to-file":
                self._redirect("file:///etc/passwd")
            case "/to-feed":
                self._redirect("/feed")
            case "/gone":
                self.send_response(410)
                self.end_headers()
            case _:
                self.send_response(404)
                self.end_headers()

    def _send(self, body: bytes, *, extra: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()


@pytest.fixture
def agency() -> Iterator[tuple[str, list]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Agency)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.seen  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


# --- Files and folders ------------------------------------------------------------------------


def test_a_folder_gives_its_files_of_the_format_in_name_order_and_not_its_subfolders(tmp_path):
    for name in ("b.json", "a.json", "c.JSON", "notes.txt", ".hidden.json", "draft.json~"):
        (tmp_path / name).write_bytes(FEED)
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "inside.json").write_bytes(FEED)

    files = read_path(tmp_path, suffixes=SUFFIXES["ninjs"])

    assert [Path(f.name).name for f in files] == ["a.json", "b.json", "c.JSON"]
    assert all(f.data == FEED for f in files)


def test_a_single_file_is_read_whatever_its_name_and_a_missing_one_is_named(tmp_path):
    path = tmp_path / "feed.txt"
    path.write_bytes(FEED)
    assert [f.data for f in read_path(path, suffixes=(".json",))] == [FEED]
    with pytest.raises(TransportError, match="not found"):
        read_path(tmp_path / "missing.json", suffixes=(".json",))


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(TransportError, match="larger than"):
        read_path(path, suffixes=(".json",), max_bytes=1024)


def test_a_folder_href_reads_beside_the_file_and_subfolders_but_never_outside(tmp_path):
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "pictures").mkdir()
    (tmp_path / "feed" / "pictures" / "p.jpg").write_bytes(b"jpeg")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    resolver = FolderResolver(tmp_path / "feed")

    assert resolver.fetch("pictures/p.jpg") == b"jpeg"
    assert resolver.fetch("pictures/p%2Ejpg") == b"jpeg"
    for href, why in [
        ("../secret.txt", "outside"),
        ("pictures/../../secret.txt", "outside"),
        (str(tmp_path / "secret.txt"), "absolute"),
        ("file:///etc/passwd", "only relative paths"),
        ("ftp://agency.example/p.jpg", "only relative paths"),
        ("pictures/none.jpg", "not found"),
    ]:
        with pytest.raises(TransportError, match=why):
            resolver.fetch(href)


# --- URLs -------------------------------------------------------------------------------------


def test_a_url_is_fetched_with_its_validators_and_then_asked_only_for_changes(agency):
    base, seen = agency

    first = fetch_url(f"{base}/feed")
    assert first.file is not None and first.file.data == FEED
    assert first.validators == Validators(etag='"v1"', last_modified="Tue, 01 Dec 2026")

    again = fetch_url(f"{base}/feed", validators=first.validators)
    assert again.file is None and again.validators == first.validators
    assert seen[-1][1]["If-None-Match"] == '"v1"'
    assert seen[-1][1]["If-Modified-Since"] == "Tue, 01 Dec 2026"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/declared-big", "larger than the 1 MB limit"),
        ("/big", "larger than the 1 MB limit"),
        ("/gone", "HTTP 410"),
        ("/nowhere", "HTTP 404"),
        ("/to-file", r"to file:///etc/passwd: only http\(s\) is followed"),
    ],
)
def test_a_url_that_cannot_give_a_file_says_why(agency, path, message):
    base, _ = agency
    with pytest.raises(TransportError, match=message):
        fetch_url(f"{base}{path}", max_bytes=1024 * 1024)


def test_a_redirect_to_http_is_followed_and_hrefs_resolve_against_the_final_url(agency):
    base, _ = agency
    fetched = fetch_url(f"{base}/to-feed")
    assert fetched.file is not None and fetched.file.data == FEED
    assert isinstance(fetched.file.resolver, HttpResolver)
    assert fetched.file.resolver.base_url == f"{base}/feed"


@pytest.mark.parametrize("path", ["/hang", "/slow"])
def test_a_server_that_hangs_or_trickles_is_cut_off_at_the_deadline(agency, path):
    base, _ = agency
    started = time.monotonic()
    with pytest.raises(TransportError, match="timed out after 1 s"):
        fetch_url(f"{base}{path}", timeout=1)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://agency.example/feed", "/etc/hosts"])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(TransportError, match="only http"):
        fetch_url(url)
    with pytest.raises(TransportError, match="only"):
        HttpResolver("http://agency.example/feed/").fetch(url if "://" in url else "file://x")
