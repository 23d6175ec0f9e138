"""bandit as `make lint` runs it (pyproject.toml, [tool.bandit]): the code is clean, a new
finding fails, and what the configuration skips is still true of the project."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BANDIT = Path(sys.executable).with_name("bandit")

pytestmark = pytest.mark.database_free


def _bandit(*targets: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the project's own lint
        [str(BANDIT), "-c", str(ROOT / "pyproject.toml"), "-q", "-r", *map(str, targets)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_code_has_no_unexplained_finding():
    result = _bandit("warta", "config")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "nosec encountered" not in result.stderr  # no stale or misnamed nosec


def test_a_new_finding_fails_the_lint(tmp_path):
    (tmp_path / "app.py").write_text("answer = eval(input())\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_app.py").write_text("import pickle\npickle.loads(b'')\n")

    result = _bandit(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "B307" in result.stdout  # eval
    assert "test_app.py" not in result.stdout  # tests are not linted


def test_nothing_runs_python_with_optimisations_that_drop_asserts():
    """[tool.bandit] skips B101 because no command that runs warta drops its asserts."""
    optimised = re.compile(r"PYTHONOPTIMIZE|\bpython3?(\.\d+)?\b[^\n]*\s-O+\b")
    scripts = [*(ROOT / "bin").iterdir(), *(ROOT / "deploy").rglob("*"), ROOT / "Makefile"]
    offenders = [
        str(path.relative_to(ROOT))
        for path in scripts
        if path.is_file() and optimised.search(path.read_text())
    ]

    assert offenders == []
    assert optimised.search("exec .venv/bin/python -O manage.py")
    assert optimised.search("PYTHONOPTIMIZE=1 bin/serve")
