"""The production profile's refusals: settings that would make several processes disagree."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _check_deploy(**extra: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"REDIS_URL", "DATABASE_URL", "WARTA_NO_SHARED_CACHE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {
        "WARTA_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_shared_cache_refuses_to_start_and_says_why():
    result = _check_deploy()

    assert result.returncode != 0
    assert "REDIS_URL must be set in the production profile" in result.stderr


def test_production_with_redis_passes_the_deployment_checks():
    result = _check_deploy(REDIS_URL="redis://127.0.0.1:6379/9")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_operator_may_say_deliberately_that_one_process_serves_alone():
    result = _check_deploy(WARTA_NO_SHARED_CACHE="true")

    assert result.returncode == 0, result.stderr
