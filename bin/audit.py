"""`make audit`: pip-audit over the packages installed in the virtualenv, said plainly.

Green only when every package was checked against the vulnerability service. pip-audit alone
says "No known vulnerabilities found" when it checked nothing (a package PyPI's JSON API does not
know is skipped, not failed); here a skipped package, or a service that cannot be reached, is
"audit not done". Exit status: 0 checked and clean, 1 vulnerabilities found, 2 audit not done.

    .venv/bin/python bin/audit.py [pip-audit options]   (e.g. -s osv, the OSV database)
"""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

SERVICES = {"pypi": "PyPI's JSON API (pypi.org)", "osv": "OSV (api.osv.dev)"}
NOT_DONE = 2
# warta itself, installed editable, is no published package: skipped, and not counted.
PROJECT = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]


def main(args: list[str]) -> int:
    service = SERVICES["osv" if _option(args, "-s", "--vulnerability-service") == "osv" else "pypi"]
    osv_url = _option(args, "--osv-url", "--osv-url")
    if osv_url:
        service = f"OSV ({osv_url})"
    command = [
        *(sys.executable, "-m", "pip_audit"),
        *("--format", "json", "--progress-spinner", "off", "--timeout", "15"),
        "--skip-editable",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = None
    if report is None:
        # pip-audit stopped: the service did not answer (no connection, a proxy, a timeout).
        why = _last_error_line(done.stderr)
        print(f"audit not done: {service} unreachable ({why})")
        return NOT_DONE
    packages = [package for package in report["dependencies"] if package["name"] != PROJECT["name"]]
    skipped = [package for package in packages if "skip_reason" in package]
    vulnerable = [package for package in packages if package.get("vulns")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"{package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
    if skipped:
        print(
            f"audit not done: {len(skipped)} of {len(packages)} packages could not be checked "
            f"against {service}, e.g. {skipped[0]['skip_reason']}"
        )
        if len(skipped) == len(packages):
            print(f"{service} knew none of them: what answered is not the service itself.")
        return NOT_DONE
    if vulnerable:
        print(f"{len(vulnerable)} of {len(packages)} packages have known vulnerabilities.")
        return 1
    print(f"No known vulnerabilities in the {len(packages)} packages installed ({service}).")
    return 0


def _option(args: list[str], short: str, long: str) -> str | None:
    for index, arg in enumerate(args):
        if arg in {short, long} and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(f"{long}="):
            return arg.split("=", 1)[1]
    return None


def _last_error_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "pip-audit gave no reason"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
