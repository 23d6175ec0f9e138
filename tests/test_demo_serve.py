"""`make demo`'s processes as a newcomer runs them (bin/demo-serve: the web server and the
background worker): a story scheduled one minute ahead is on the home page, which was cached
before, within two minutes, with no other command; the demo's example app is served; Ctrl+C
stops every process."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# `make demo` runs on SQLite whatever the suite runs on: once is enough.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[1]
HEADLINE = "Night ferry timetable returns for the dry season"

SETUP = """
import django; django.setup()
from django.utils import timezone
from warta.newsroom.models import Section
from warta.newsroom.services import article_create
from wagtail.rich_text import RichText
section, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World"})
article_create(headline="Harbour stays open through the storm", slug="harbour-open",
    dek="Pilots keep working.", section=section,
    body=[("paragraph", RichText("<p>The harbour stayed open.</p>"))], publish=True)
"""

SCHEDULE = f"""
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from warta.newsroom.models import Section
from warta.newsroom.services import article_create
from wagtail.rich_text import RichText
article = article_create(headline={HEADLINE!r}, slug="night-ferry", dek="Sailings resume.",
    section=Section.objects.get(slug="world"),
    body=[("paragraph", RichText("<p>The ferries sail again.</p>"))],
    go_live_at=timezone.now() + timedelta(minutes=1))
assert not article.live
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Warta-Cache", ""), response.read().decode()


def _processes_of(var_dir: Path) -> list[int]:
    """Processes whose environment names this demo's folder (the web server and the worker)."""
    found = []
    marker = f"WARTA_VAR_DIR={var_dir}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture
def demo(tmp_path):
    port = _free_port()
    var_dir = tmp_path / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "WARTA_BASE_URL"}
        and not key.startswith("WARTA_APP_")
    }
    env |= {
        "WARTA_VAR_DIR": str(var_dir),
        "WARTA_DEBUG": "true",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VENV": str(Path(sys.executable).parent.parent),
    }
    python = sys.executable
    for command in (["migrate", "--noinput"], ["newsroom_setup"]):
        subprocess.run(  # noqa: S603 - the project's own commands
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    subprocess.run([python, "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
    log = (tmp_path / "demo.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - the script `make demo` runs last
        [str(ROOT / "bin" / "demo-serve")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(base + "/")
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise AssertionError((tmp_path / "demo.log").read_text()) from None
            time.sleep(0.5)
    yield base, env, server, var_dir, tmp_path / "demo.log"
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGKILL)
    for pid in _processes_of(var_dir):
        os.kill(pid, signal.SIGKILL)


def test_a_scheduled_story_goes_live_on_the_cached_home_page_and_ctrl_c_stops_all(demo):
    base, env, server, var_dir, log = demo
    _get(base + "/")
    cache_state, page = _get(base + "/")
    assert cache_state == "hit"  # the home page is cached
    assert HEADLINE not in page
    # Its absolute URLs name the port it serves on, not 8000.
    assert f'<link rel="canonical" href="{base}/">' in page
    # The demo's example app (warta/demo/example-app.env): both association files are served.
    with urllib.request.urlopen(base + "/.well-known/assetlinks.json", timeout=10) as response:
        assert response.headers["Content-Type"] == "application/json"
        assert json.load(response)[0]["target"]["package_name"] == "com.example.warta.demo"
    with urllib.request.urlopen(base + "/.well-known/apple-app-site-association") as response:
        app_ids = json.load(response)["applinks"]["details"][0]["appIDs"]
        assert app_ids == ["EXAMPLE123.com.example.warta.demo"]

    subprocess.run([sys.executable, "-c", SCHEDULE], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
    scheduled_at = time.monotonic()
    assert HEADLINE not in _get(base + "/")[1]

    while HEADLINE not in _get(base + "/")[1]:
        assert time.monotonic() - scheduled_at < 120, log.read_text()[-3000:]
        time.sleep(3)
    took = time.monotonic() - scheduled_at
    assert took > 30, took  # not before its time (one minute ahead, the job runs each minute)

    assert len(_processes_of(var_dir)) >= 3  # the web server, the job runner, the scheduler
    os.killpg(server.pid, signal.SIGINT)  # Ctrl+C in the terminal
    server.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _processes_of(var_dir) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _processes_of(var_dir) == [], log.read_text()[-3000:]


def test_make_demo_names_its_own_port_in_absolute_urls():
    """`make demo PORT=8101`: every command it runs sees the base URL on that port."""
    env = {key: value for key, value in os.environ.items() if key != "WARTA_BASE_URL"}
    plan = subprocess.run(
        ["make", "-n", "demo", "PORT=8101", "HOST=127.0.0.1"],  # noqa: S607 - make from PATH
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    commands = [line for line in plan.splitlines() if "manage.py" in line or "demo-serve" in line]
    assert commands, plan
    for command in commands:
        assert "WARTA_BASE_URL=${WARTA_BASE_URL:-http://127.0.0.1:8101}" in command, command
