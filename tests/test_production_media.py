"""The production profile as an operator runs it (``bin/serve``: granian, the production
profile): an article's hero image and every rendition its page links to answer 200, a missing
file 404, and nothing outside ``MEDIA_ROOT`` is ever served, whatever the address says. Its logs:
one JSON line per request (``WARTA_LOG_FORMAT=json``), and no warning for a missing image."""

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

# The production profile's server, with its own SQLite file: once is enough.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[1]
SECRET = "outside-media-root-" + secrets.token_hex(8)

SETUP = """
import django; django.setup()
from warta.newsroom.services import article_create
from warta.newsroom.tests.factories import NewsImageFactory, SectionFactory, paragraphs
image = NewsImageFactory(title="Harbour at dusk")
article = article_create(headline="Harbour stays open through the storm", slug="harbour-open",
    dek="Pilots keep working.", section=SectionFactory(name="World", slug="world"),
    body=paragraphs("The harbour stayed open."), hero_image=image,
    hero_alt="Cranes at dusk", publish=True)
print(article.get_absolute_url())
print(image.file.name)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _raw_get(port: int, target: str) -> tuple[int, dict[str, str], bytes]:
    """GET exactly ``target`` (no client-side normalisation of ``..`` or escapes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production-media")
    var_dir = tmp / "var"
    var_dir.mkdir()
    (var_dir / "secret.txt").write_text(SECRET)  # beside MEDIA_ROOT, never served
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "WARTA_DEBUG",
            "WARTA_SERVE_MEDIA",
            "WARTA_MEDIA_STORAGE",
            "WARTA_MEDIA_ROOT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "WARTA_VAR_DIR": str(var_dir),
        "WARTA_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WARTA_SSL_REDIRECT": "false",
        "WARTA_NO_SHARED_CACHE": "true",
        "WARTA_BASE_URL": f"http://127.0.0.1:{port}",
        "WARTA_LOG_FORMAT": "json",
        "BIND": f"127.0.0.1:{port}",
        "VENV": str(Path(sys.executable).parent.parent),
    }
    python = sys.executable
    subprocess.run(  # noqa: S603 - the project's own command
        [python, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = subprocess.run(  # noqa: S603
        [python, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    article_path, original_name = made.stdout.split()[-2:]
    media_root = var_dir / "media"
    # A file the media folder holds but must not hand out, and a link that leads outside it.
    (media_root / "documents").mkdir(exist_ok=True)
    (media_root / "documents" / "private.txt").write_text(SECRET)
    (media_root / "images").mkdir(exist_ok=True)
    (media_root / "images" / "escape.jpg").symlink_to(var_dir / "secret.txt")
    log_path = tmp / "serve.log"
    log = log_path.open("w")
    process = subprocess.Popen(  # noqa: S603 - what `make serve` runs
        [str(ROOT / "bin" / "serve")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=10).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError(log_path.read_text()) from None
            time.sleep(0.5)
    yield {
        "base": base,
        "port": port,
        "article_path": article_path,
        "original_name": original_name,
        "log": log_path,
    }
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


def _image_urls(page: str) -> set[str]:
    tree = lxml_html.fromstring(page)
    urls = set(tree.xpath("//meta[@property='og:image']/@content"))
    for img in tree.cssselect("figure.hero img"):
        urls.add(img.get("src"))
        urls |= {part.split()[0] for part in img.get("srcset", "").split(",") if part.strip()}
    return urls


def test_the_hero_image_and_every_rendition_on_the_page_are_served(server):
    with urllib.request.urlopen(server["base"] + server["article_path"], timeout=20) as response:
        page = response.read().decode()

    urls = _image_urls(page)
    assert len(urls) >= 5, urls  # the social card and four widths of the hero
    for url in urls:
        path = url.removeprefix(server["base"])
        assert path.startswith("/media/images/"), url
        status, headers, body = _raw_get(server["port"], path)
        assert status == 200, (url, status)
        assert headers["content-type"] == "image/jpeg"
        assert body[:2] == b"\xff\xd8"  # a JPEG
        # A rendition's name never changes its bytes: browsers and caches keep it for a year.
        assert headers["cache-control"] == "public, max-age=31536000, immutable"

    status, headers, body = _raw_get(server["port"], "/media/" + server["original_name"])
    assert status == 200
    assert body[:2] == b"\xff\xd8"
    assert "max-age=86400" in headers["cache-control"]


def test_a_missing_image_is_a_plain_not_found(server):
    status, _headers, body = _raw_get(server["port"], "/media/images/no-such-picture.jpg")

    assert status == 404
    assert len(body) < 200  # not the site's whole 404 page for every broken image


@pytest.mark.parametrize(
    "target",
    [
        "/media/../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/images/..%2f..%2fsecret.txt",
        "/media/images/%2e%2e/%2e%2e/secret.txt",
        "/media//etc/passwd",
        "/media/%2fetc%2fpasswd",
        "/media/images/..%5c..%5csecret.txt",
        "/media/images/escape.jpg",  # a symbolic link inside the folder, to a file outside
        "/media/documents/private.txt",  # Wagtail serves documents itself, with their privacy
        "/media/images/",
        "/media/",
        "/media/images/%00.jpg",
    ],
)
def test_nothing_outside_the_images_is_ever_served(server, target):
    status, _headers, body = _raw_get(server["port"], target)

    assert status in {400, 404}, (target, status)
    assert SECRET.encode() not in body
    assert b"root:" not in body


def test_the_log_has_one_json_line_per_request_and_no_warning_for_missing_images(server):
    marker = "/media/images/log-marker-" + secrets.token_hex(4) + ".jpg"
    _raw_get(server["port"], marker)
    _raw_get(server["port"], "/?from=log-test")
    # Access lines are written in batches, within a second (warta/web/log_batches.py).
    deadline = time.monotonic() + 10
    while "from=log-test" not in server["log"].read_text() and time.monotonic() < deadline:
        time.sleep(0.1)

    lines = server["log"].read_text().splitlines()
    records = []
    for line in lines:
        if line.startswith("{"):
            records.append(json.loads(line))
    access = [r for r in records if r.get("logger") == "warta.access"]
    marked = [r for r in access if r.get("path") == marker]
    assert len(marked) == 1, lines[-20:]
    assert marked[0]["status"] == 404
    assert marked[0]["method"] == "GET"
    assert isinstance(marked[0]["duration_ms"], int | float)
    home = [r for r in access if r.get("path") == "/" and r.get("query") == "from=log-test"]
    assert len(home) == 1, lines[-20:]
    assert home[0]["status"] == 200
    # Each request once, as JSON: no other line names it (granian's own access log, a
    # "Not Found" warning from Django).
    naming_it = [line for line in lines if marker in line]
    assert len(naming_it) == 1, naming_it
    assert json.loads(naming_it[0])["logger"] == "warta.access"
