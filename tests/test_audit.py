"""`make audit` (bin/audit.py): green only when every installed package was checked.

The vulnerability service is played by a local OSV stand-in (pip-audit's --osv-url): one that
cannot be reached, one that knows no vulnerability, one that knows one in Django."""

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.database_free

DJANGO_VULN = {
    "id": "PYSEC-0000-0001",
    "summary": "a made-up vulnerability",
    "affected": [
        {
            "package": {"name": "django", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}],
        }
    ],
}


def _audit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "bin/audit.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def osv() -> Iterator[tuple[str, dict[str, list]]]:
    """A local OSV query endpoint; what it knows: package name to vulnerabilities."""
    known: dict[str, list] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            vulns = known.get(query["package"]["name"])
            body = json.dumps({"vulns": vulns} if vulns else {}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1/query", known
    finally:
        server.shutdown()
        server.server_close()


def test_an_unreachable_service_is_audit_not_done():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1/query"  # nothing listens there

    result = _audit("-s", "osv", "--osv-url", url)

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.startswith(f"audit not done: OSV ({url}) unreachable (")
    assert "No known vulnerabilities" not in result.stdout


def test_every_package_checked_and_clean_is_green(osv):
    url, _ = osv

    result = _audit("-s", "osv", "--osv-url", url)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No known vulnerabilities in the ")
    assert f"packages installed (OSV ({url}))." in result.stdout


def test_a_known_vulnerability_is_named_with_its_fix(osv):
    url, known = osv
    known["django"] = [DJANGO_VULN]

    result = _audit("-s", "osv", "--osv-url", url)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "django 6.1.3: PYSEC-0000-0001 (fixed in 99.0)" in result.stdout
    assert "1 of " in result.stdout and "have known vulnerabilities" in result.stdout


def test_a_skipped_package_is_audit_not_done_never_green(monkeypatch, capsys):
    """pip-audit says "No known vulnerabilities found" and exits 0 when it skipped packages."""
    sys.path.insert(0, str(ROOT / "bin"))
    try:
        import audit
    finally:
        sys.path.remove(str(ROOT / "bin"))
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1.3", "vulns": []},
            {"name": "nh3", "skip_reason": "Dependency not found on PyPI: nh3 (0.3.8)"},
        ],
        "fixes": [],
    }
    ran = subprocess.CompletedProcess([], 0, json.dumps(report), "No known vulnerabilities found")
    monkeypatch.setattr(audit.subprocess, "run", lambda *args, **kwargs: ran)

    status = audit.main([])

    said = capsys.readouterr().out
    assert status == 2
    assert said.startswith("audit not done: 1 of 2 packages could not be checked against PyPI")
    assert "nh3 (0.3.8)" in said
    assert "No known vulnerabilities" not in said
