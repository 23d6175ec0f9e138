"""Test set-up shared by every app: isolated media, fast hashing, no network, the browser."""

import importlib
import os
import shutil
import socket

import pytest
from django.core.servers import basehttp

CHROMIUM = os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium")
VARNISHD = os.environ.get("WARTA_VARNISHD", "/usr/sbin/varnishd")
# Playwright's sync API runs an event loop in the test thread; Django must allow its ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Concurrency tests open 50 connections at once; the live server's listen queue must hold them.
basehttp.WSGIServer.request_queue_size = 256


# The caches production turns on (config/settings.py's defaults), which the tests below turn off.
PRODUCTION_CACHE_SETTINGS = (
    "WARTA_PAGE_CACHE_SECONDS",
    "WARTA_FRAGMENT_CACHE_SECONDS",
    "WARTA_READER_FACTS_SECONDS",
    "WARTA_USER_CACHE_SECONDS",
    "WARTA_CONTENT_CHANGES_SECONDS",
    "WARTA_LOCAL_CACHE_ENTRIES",
    "WARTA_READER_TRUST_SECONDS",
)
CACHE_MODES = ("caches-off", "production-caches")


@pytest.fixture(scope="session")
def production_cache_values():
    """The settings module's own values (no test changes those): what production runs."""
    module = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    values = {name: getattr(module, name) for name in PRODUCTION_CACHE_SETTINGS}
    assert all(values.values()), f"a cache is off by default: {values}"
    return values


def _empty_caches():
    from django.core.cache import cache

    from warta.local_cache import local_clear
    from warta.newsroom.content_changes import content_forget_known

    cache.clear()
    local_clear()
    content_forget_known()


@pytest.fixture
def production_caches(request, settings, monkeypatch, production_cache_values):
    """Every cache on, as production runs them.

    What forgets a cache entry runs after the commit (``transaction.on_commit``). A test that
    runs inside one transaction never commits, so there the callbacks run when they are
    registered, as they would at the commit of a single-threaded request. Tests that commit
    for real (``transaction=True``, the live server) keep Django's own behaviour.
    """
    marker = request.node.get_closest_marker("django_db")
    commits = (marker is not None and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames
    )
    if not commits:
        from django.db import transaction

        monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    _empty_caches()
    for name, value in production_cache_values.items():
        setattr(settings, name, value)
    yield
    _empty_caches()


@pytest.fixture(params=CACHE_MODES)
def cache_mode(request):
    """Run a test twice: with the caches off, and with the production caches on. Modules that
    guard the paywall, gifts and subscriptions use it for every test (``pytestmark``)."""
    if request.param == "production-caches":
        request.getfixturevalue("production_caches")
    return request.param


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WARTA_BASE_URL = "https://news.example"
    # Factories write articles without publishing them; tests of the page cache turn it on.
    settings.WARTA_PAGE_CACHE_SECONDS = 0
    settings.WARTA_FRAGMENT_CACHE_SECONDS = 0
    # Searches are counted per address in a cache that tests share: the tests of the limit set it.
    settings.WARTA_SEARCH_PER_MINUTE = 0
    # The same for the API's (api/tests/test_rate_limits.py).
    settings.WARTA_API_TOKEN_PER_MINUTE = 0
    settings.WARTA_API_ADDRESS_PER_MINUTE = 0
    # Primary keys repeat from test to test: a reader's cached facts would outlive their test.
    settings.WARTA_READER_FACTS_SECONDS = 0
    settings.WARTA_USER_CACHE_SECONDS = 0
    # Every test reads the log of content changes afresh: its rows go with the test's
    # transaction, and SQLite numbers the next test's rows from the same place again.
    settings.WARTA_CONTENT_CHANGES_SECONDS = 0
    from warta.newsroom.content_changes import content_forget_known

    content_forget_known()
    settings.WARTA_LOCAL_CACHE_ENTRIES = 0
    settings.WARTA_READER_TRUST_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_network(monkeypatch, request):
    """Tests talk to this machine only (the live server and local databases)."""
    if "live_server" in request.fixturenames:
        return
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and "/" not in host
        ):
            raise RuntimeError(f"Tests may not reach the network ({address!r}).")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _database_vendor() -> str:
    from django.db import connection

    return connection.vendor


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    _deselect_other_databases(config, items)
    _require_or_report_tools(items)
    _restore_migration_data_after_transactional_tests(items)
    _transactional_tests_last(items)


def _transactional_tests_last(items):
    """Run database tests that roll back first and tests that flush the database last, as
    Django does (pytest-django means to, but its order did not survive here)."""

    def order(item) -> int:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        if (marker is not None and marker.kwargs.get("transaction")) or "live_server" in fixtures:
            return 1
        return 0 if marker is not None or "db" in fixtures else 2

    items.sort(key=order)


def _restore_migration_data_after_transactional_tests(items):
    """Transactional tests flush the database, taking with them what migrations put there (the
    default plans, Wagtail's root collection). Serialized rollback puts it back afterwards, so
    no test depends on the order tests run in."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def _deselect_other_databases(config, items):
    """Tests of one database's own tools run only on that database; tests that touch no
    database run in the SQLite run only."""
    others = ["postgresql_only"] if _database_vendor() == "sqlite" else ["sqlite_only"]
    if _database_vendor() != "sqlite":
        others.append("database_free")  # the same run on another database proves nothing more
    deselected = [item for item in items if any(item.get_closest_marker(m) for m in others)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


# Test groups that need a program from the system: required in CI, reported and left out elsewhere.
TOOLS = {
    "browser": (CHROMIUM, "apt-get install chromium"),
    # The shipped configuration purges by key with vmod xkey (decision 0017).
    "varnish": (f"{VARNISHD} and vmod xkey", "apt-get install varnish varnish-modules"),
}
NEEDED = {"browser": (CHROMIUM,), "varnish": (VARNISHD, "xkey")}


def _vmod_found(name: str) -> bool:
    import glob

    return bool(glob.glob(f"/usr/lib/*/varnish/vmods/libvmod_{name}.so"))


def _tool_missing(marker: str) -> bool:
    for path in NEEDED[marker]:
        found = (shutil.which(path) or os.path.exists(path)) if "/" in path else _vmod_found(path)
        if not found:
            return True
    return False


def _require_or_report_tools(items):
    for marker, (path, install) in TOOLS.items():
        tests = [item for item in items if item.get_closest_marker(marker)]
        if not tests or not _tool_missing(marker):
            continue
        if os.environ.get("CI"):
            raise pytest.UsageError(f"CI needs {path} for {len(tests)} {marker} tests ({install}).")
        reason = f"{path} not found: install it ({install}) to run these."
        for item in tests:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    for marker, (path, install) in TOOLS.items():
        if _tool_missing(marker):
            terminalreporter.write_line(
                f"NOTE: the {marker} tests were left out: no {path}. Install it with "
                f"`{install}` to run them.",
                yellow=True,
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }
