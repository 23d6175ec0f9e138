"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and break on a breach.

lint-imports runs on a copy of warta/ and pyproject.toml in a temporary directory, where a test
plants a forbidden import first. It must read that copy, not the project: warta is installed in
editable mode, and its finder would hand out /work/main/warta to whoever asks for ``warta``. The
copy comes first on the path (the working directory, PYTHONPATH), and each planted module shows up
in the report by its name, which only the copy has. No database: grimp reads the files, imports
nothing.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = {
    contract["id"]: contract["name"]
    for contract in tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"
    ]
}


def _lint_imports(project: Path) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(project), "COLUMNS": "1000", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    result = subprocess.run(  # noqa: S603 (our own tool, no shell)
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def _broken(report: str) -> dict[str, str]:
    """Each broken contract's id, with its part of the report (the imports that break it)."""
    if "Broken contracts" not in report:
        return {}
    details = report.split("Broken contracts", 1)[1]
    starts = sorted(
        (details.index(f"\n{name}\n"), contract_id)
        for contract_id, name in CONTRACTS.items()
        if f"{name} BROKEN" in report
    )
    ends = [start for start, _ in starts[1:]] + [len(details)]
    return {
        contract_id: details[start:end]
        for (start, contract_id), end in zip(starts, ends, strict=True)
    }


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """warta/ and pyproject.toml as they are in the working tree, copied once for the module."""
    copy = tmp_path_factory.mktemp("pristine")
    shutil.copytree(
        PROJECT / "warta", copy / "warta", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    shutil.copy2(PROJECT / "pyproject.toml", copy / "pyproject.toml")
    return copy


@pytest.fixture(scope="module")
def pristine_report(pristine) -> tuple[int, str]:
    return _lint_imports(pristine)


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    """A copy of the pristine copy for one test to plant a breach in (about 2 MB, milliseconds)."""
    shutil.copytree(pristine, tmp_path / "project")
    return tmp_path / "project"


def _plant(project: Path, files: dict[str, str]) -> None:
    for name, code in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as module:
            module.write(code)


def test_lint_imports_finds_the_copy_not_the_installed_warta(pristine):
    env = {**os.environ, "PYTHONPATH": str(pristine)}
    found = subprocess.run(
        [sys.executable, "-c", "import warta; print(warta.__file__)"],
        cwd=pristine,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert Path(found) == pristine / "warta" / "__init__.py"


def test_the_contracts_hold_on_warta_as_it_is(pristine_report):
    returncode, report = pristine_report

    assert _broken(report) == {}, report
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in report, report
    assert returncode == 0, report


# Each breach: the files it writes (appended to if they exist), the contracts it must break, and
# the import the report must name under each of them.
BREACHES = {
    "newsroom imports the web": (
        {"warta/newsroom/planted.py": "import warta.web.views\n"},
        {"layers", "newsroom"},
        "warta.newsroom.planted -> warta.web.views",
    ),
    "newsroom imports reading": (
        {"warta/newsroom/planted.py": "from warta.reading import facts\n"},
        {"layers", "newsroom"},
        "warta.newsroom.planted -> warta.reading.facts",
    ),
    "the paywall rule imports Django": (
        {"warta/access/planted.py": "from django.db import models\n"},
        {"paywall-rule"},
        "warta.access.planted -> django",
    ),
    "the paywall rule imports accounts": (
        {"warta/access/planted.py": "from warta.accounts import models\n"},
        {"paywall-rule"},
        "warta.access.planted -> warta.accounts.models",
    ),
    "gifts import feedback, an independent sibling": (
        {"warta/gifts/planted.py": "import warta.feedback.models\n"},
        {"layers"},
        "warta.gifts.planted -> warta.feedback.models",
    ),
    "the local cache imports accounts": (
        {"warta/local_cache.py": "\nimport warta.accounts.models\n"},
        {"layers"},
        "warta.local_cache -> warta.accounts.models",
    ),
    "the worker imports the newsroom it runs jobs for": (
        {"warta/worker/planted.py": "import warta.newsroom.models\n"},
        {"layers"},
        "warta.worker.planted -> warta.newsroom.models",
    ),
    "the test helpers import an app": (
        {"warta/testing/planted.py": "import warta.newsroom.models\n"},
        {"test-helpers"},
        "warta.testing.planted -> warta.newsroom.models",
    ),
    "the backup tool imports an app": (
        {"warta/backups/sqlite_backup.py": "\nimport warta.newsroom.models\n"},
        {"backups"},
        "warta.backups.sqlite_backup -> warta.newsroom.models",
    ),
    # The optional layers and modules, once they exist.
    "the API, once there, imports the web": (
        {"warta/api/__init__.py": "", "warta/api/views.py": "from warta.web import views\n"},
        {"layers", "channels"},
        "warta.api.views -> warta.web.views",
    ),
    "the web imports the API, an independent sibling": (
        {"warta/api/__init__.py": "", "warta/web/planted.py": "import warta.api\n"},
        {"layers"},
        "warta.web.planted -> warta.api",
    ),
    "the wire, once there, imports the API": (
        {"warta/api/__init__.py": "", "warta/wire/__init__.py": "import warta.api\n"},
        {"layers", "channels"},
        "warta.wire -> warta.api",
    ),
    "the wire, once there, imports the web": (
        {"warta/wire/__init__.py": "", "warta/wire/feed.py": "from warta.web import views\n"},
        {"layers", "channels"},
        "warta.wire.feed -> warta.web.views",
    ),
    "newsroom imports the wire, once there": (
        {"warta/wire/__init__.py": "", "warta/newsroom/planted.py": "import warta.wire\n"},
        {"layers", "newsroom"},
        "warta.newsroom.planted -> warta.wire",
    ),
}


@pytest.mark.parametrize(("files", "contracts", "named_import"), BREACHES.values(), ids=BREACHES)
def test_a_planted_breach_breaks_its_contracts(project, files, contracts, named_import):
    _plant(project, files)

    returncode, report = _lint_imports(project)

    assert returncode != 0, report
    broken = _broken(report)
    assert contracts <= broken.keys(), report
    for contract_id in contracts:
        assert named_import in broken[contract_id], report


def test_a_new_module_breaks_the_layers_until_it_is_given_a_place(project):
    _plant(project, {"warta/adverts/__init__.py": ""})

    returncode, report = _lint_imports(project)

    assert returncode != 0, report
    assert "- warta.adverts" in _broken(report).get("layers", ""), report
