"""The benchmark measures the web server production runs: ``bench/article_page.sh`` starts
granian with the very command and options ``bin/serve`` starts it with (both run
``bin/serve-granian``), and with the logs production writes (the access log on, in the default
format and level, whatever the caller's environment says); its row with the access log off
differs in that alone. Checked with a stand-in for granian that writes down how it was started,
so no server runs."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.database_free

ROOT = Path(__file__).resolve().parents[1]
LOGGING_ENV = ("WARTA_PRODUCTION", "WARTA_ACCESS_LOG", "WARTA_LOG_FORMAT", "WARTA_LOG_LEVEL")

# A virtualenv whose granian writes down its arguments, working directory and logging settings,
# and whose python runs this interpreter but skips manage.py (bin/serve's checks need a site).
GRANIAN = """#!/bin/sh
{
  echo "cwd=$PWD"
  printf 'arg=%s\\n' "$@"
  env | grep -E '^(WARTA_PRODUCTION|WARTA_ACCESS_LOG|WARTA_LOG_FORMAT|WARTA_LOG_LEVEL)=' | sort
} >"$STUB_OUT"
"""
PYTHON = f"""#!/bin/sh
case "$1" in *manage.py) exit 0 ;; esac
exec {sys.executable} "$@"
"""


@pytest.fixture
def venv(tmp_path) -> Path:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, text in {"granian": GRANIAN, "python": PYTHON}.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir.parent


def _environment(venv: Path, out: Path, **extra: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if k not in LOGGING_ENV and k != "REDIS_URL"}
    return kept | {"VENV": str(venv), "STUB_OUT": str(out)} | extra


def _started(out: Path) -> list[str]:
    deadline = time.monotonic() + 30
    while not (out.exists() and out.read_text().endswith("\n")):
        assert time.monotonic() < deadline, "the stand-in granian was not started"
        time.sleep(0.05)
    return out.read_text().splitlines()


def _serve(venv: Path, out: Path) -> list[str]:
    subprocess.run(  # noqa: S603 - the project's own script
        [str(ROOT / "bin" / "serve")],
        env=_environment(
            venv,
            out,
            BIND="127.0.0.1:18123",
            WEB_CONCURRENCY="2",
            REDIS_URL="redis://127.0.0.1:6379/0",
            WARTA_PRODUCTION="true",
        ),
        check=True,
        timeout=60,
        capture_output=True,
    )
    return _started(out)


def _bench(venv: Path, out: Path, *env: str, **caller: str) -> list[str]:
    """start_granian of bench/article_page.sh, sourced, on port 18123."""
    script = 'source bench/article_page.sh && start_granian stub 18123 "$@" && wait "$SERVER_PID"'
    subprocess.run(  # noqa: S603 - bash running the project's own script
        ["bash", "-c", script, "bash", *env],  # noqa: S607 - bash, wherever it is
        cwd=ROOT,
        env=_environment(venv, out, **caller),
        check=True,
        timeout=60,
        capture_output=True,
    )
    return _started(out)


def test_the_bench_starts_granian_exactly_as_bin_serve_does(venv, tmp_path):
    served = _serve(venv, tmp_path / "serve.txt")
    benched = _bench(venv, tmp_path / "bench.txt")

    assert benched == served
    assert f"cwd={ROOT}" in served
    options = [line.removeprefix("arg=") for line in served if line.startswith("arg=")]
    assert options[:3] == ["--interface", "wsgi", "config.wsgi:application"]
    assert "--blocking-threads" in options
    assert "--access-log" not in options  # warta writes each request's line itself


def test_the_bench_logs_as_production_does_whatever_the_callers_environment_says(venv, tmp_path):
    benched = _bench(
        venv,
        tmp_path / "bench.txt",
        WARTA_ACCESS_LOG="false",
        WARTA_LOG_LEVEL="ERROR",
        WARTA_LOG_FORMAT="json",
    )

    logging_env = [line for line in benched if line.startswith("WARTA_")]
    assert logging_env == ["WARTA_PRODUCTION=true"]  # the access log on, as in production


def test_the_row_with_the_access_log_off_differs_in_that_alone(venv, tmp_path):
    shipped = _bench(venv, tmp_path / "shipped.txt")
    off = _bench(venv, tmp_path / "off.txt", "WARTA_ACCESS_LOG=false")

    assert sorted(set(off) - set(shipped)) == ["WARTA_ACCESS_LOG=false"]
    assert set(shipped) <= set(off)
    # And the benchmark starts it so: its access_log_off passes exactly that.
    bench = (ROOT / "bench" / "article_page.sh").read_text()
    assert 'start_granian "$name" "$port" "$@" WARTA_ACCESS_LOG=false' in bench


def test_bin_serve_leaves_granians_command_to_bin_serve_granian():
    serve = (ROOT / "bin" / "serve").read_text()
    bench = (ROOT / "bench" / "article_page.sh").read_text()

    assert "granian --" not in serve and "/granian" not in serve
    assert serve.rstrip().endswith("exec bin/serve-granian")
    assert "bin/granian" not in bench
    assert '"$ROOT/bin/serve-granian"' in bench
