"""docs/operations.md names every setting an operator can give: each variable read from the
environment by config/settings.py, bin/serve (and bin/serve-granian, which it runs) and
bin/worker has a row in its settings table."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "operations.md"
SCRIPTS = [ROOT / "bin" / "serve", ROOT / "bin" / "serve-granian", ROOT / "bin" / "worker"]
ENV_READERS = {"env_bool", "env_list"}


def _is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _settings_names() -> set[str]:
    """Names in os.environ.get("X"), os.environ["X"], env_bool("X", ...), env_list("X", ...)."""
    names = set()
    for node in ast.walk(ast.parse((ROOT / "config" / "settings.py").read_text())):
        key = None
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            reads = (isinstance(func, ast.Name) and func.id in ENV_READERS) or (
                isinstance(func, ast.Attribute)
                and func.attr == "get"
                and _is_os_environ(func.value)
            )
            key = node.args[0] if reads else None
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
    return names


def _script_names() -> set[str]:
    """Names in ${X:-default} and ${X-default} of the scripts an operator runs."""
    return {
        name
        for script in SCRIPTS
        for name in re.findall(r"\$\{([A-Z][A-Z0-9_]*):?-", script.read_text())
    }


def _settings_table() -> list[str]:
    section = GUIDE.read_text().split("\n## Settings", 1)[1].split("\n## ", 1)[0]
    lines = section.strip("\n").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return lines[start:end]


def _documented_names() -> set[str]:
    rows = _settings_table()[2:]  # after the header and its rule
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])}


def test_the_parsers_find_what_they_look_for():
    """Guards the test itself: it would pass on a settings file it read nothing from."""
    settings = _settings_names()
    assert {"WARTA_PRODUCTION", "SECRET_KEY", "WARTA_HSTS_PRELOAD", "REDIS_URL"} <= settings
    assert {"WARTA_CACHE_PURGE_URLS", "ALLOWED_HOSTS", "EMAIL_HOST"} <= settings
    assert {"WEB_CONCURRENCY", "BIND", "WARTA_WORKER_INTERVAL"} <= _script_names()
    assert len(settings) > 40


def test_every_setting_from_the_environment_is_in_the_settings_table():
    missing = (_settings_names() | _script_names()) - _documented_names()

    assert not missing, f"docs/operations.md's settings table lacks {sorted(missing)}"


def test_the_settings_table_names_nothing_that_is_not_read():
    stale = _documented_names() - _settings_names() - _script_names()

    assert not stale, f"docs/operations.md's settings table names unread {sorted(stale)}"


def test_the_settings_table_is_one_table():
    section = GUIDE.read_text().split("\n## Settings", 1)[1].split("\n## ", 1)[0]
    table_rows = [line for line in section.splitlines() if line.startswith("| `")]

    assert len(_settings_table()) - 2 == len(table_rows), "a blank line splits the table"
