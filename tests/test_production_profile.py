"""The production profile's refusals: settings that would make several processes disagree."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _check_deploy(**extra: str) -> subprocess.CompletedProcess:
    return _manage("check", "--deploy", **extra)


def _manage(*args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "REDIS_URL",
            "DATABASE_URL",
            "WARTA_NO_SHARED_CACHE",
            "WARTA_EMAIL_BACKEND",
            "WARTA_EMAIL_VERIFICATION",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env |= {
        "WARTA_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }
    return subprocess.run(  # noqa: S603 - the project's own commands
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
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


def test_a_fresh_checkout_passes_the_checks_and_migrates(tmp_path):
    var_dir = tmp_path / "var"  # a fresh checkout has no var/ folder yet

    checked = _check_deploy(WARTA_VAR_DIR=str(var_dir), WARTA_NO_SHARED_CACHE="true")
    migrated = _manage(
        "migrate", "--noinput", WARTA_VAR_DIR=str(var_dir), WARTA_NO_SHARED_CACHE="true"
    )

    assert checked.returncode == 0, checked.stderr
    assert migrated.returncode == 0, migrated.stderr
    assert (var_dir / "warta.sqlite3").is_file()


def test_a_sqlite_file_in_a_missing_folder_is_named_clearly(tmp_path):
    missing = tmp_path / "nowhere" / "warta.sqlite3"

    result = _check_deploy(DATABASE_URL=f"sqlite:///{missing}", WARTA_NO_SHARED_CACHE="true")

    assert result.returncode != 0
    assert f"a SQLite file in {missing.parent}, which does not exist" in result.stderr
    assert "unable to open database file" not in result.stderr


def test_a_development_mail_backend_is_refused_in_production():
    result = _check_deploy(
        WARTA_NO_SHARED_CACHE="true",
        WARTA_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )

    assert result.returncode != 0
    assert "worker.E001" in result.stderr
    assert "WARTA_EMAIL_BACKEND=none" in result.stderr


SEND_ONE_MAIL = """
from django.conf import settings
from django.core.mail import EmailMessage, mailers
print(settings.MAILERS["delivery"]["BACKEND"])
message = EmailMessage("Confirm your address", "Hello", to=["reader@example.com"])
print(mailers["delivery"].send_messages([message]))
"""


def test_an_operator_may_say_deliberately_that_the_site_sends_no_mail():
    checked = _check_deploy(
        WARTA_NO_SHARED_CACHE="true", WARTA_EMAIL_BACKEND="none", WARTA_EMAIL_VERIFICATION="none"
    )
    sent = _manage(
        "shell",
        "--verbosity",
        "0",
        "--command",
        SEND_ONE_MAIL,
        WARTA_NO_SHARED_CACHE="true",
        WARTA_EMAIL_BACKEND="none",
    )

    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues" in checked.stdout
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.split() == ["warta.worker.no_mail.NoMailBackend", "0"]
    assert "Mail not sent (WARTA_EMAIL_BACKEND=none): 'Confirm your address'" in sent.stderr
    assert "reader@example.com" not in sent.stderr  # no reader's address in the logs


def test_no_mail_with_mandatory_verification_warns_that_readers_cannot_confirm():
    result = _check_deploy(WARTA_NO_SHARED_CACHE="true", WARTA_EMAIL_BACKEND="none")

    assert result.returncode == 0, result.stderr
    assert "worker.W001" in result.stderr
    assert "WARTA_EMAIL_VERIFICATION" in result.stderr


def test_a_cache_purge_address_that_is_not_http_is_refused():
    """The purge job opens each address (newsroom/tasks.py): never a file: or ftp: URL."""
    refused = _check_deploy(
        WARTA_NO_SHARED_CACHE="true", WARTA_CACHE_PURGE_URLS="file:///etc/passwd"
    )
    accepted = _check_deploy(
        WARTA_NO_SHARED_CACHE="true", WARTA_CACHE_PURGE_URLS="http://127.0.0.1:6081/"
    )

    assert refused.returncode != 0
    assert "WARTA_CACHE_PURGE_URLS: 'file:///etc/passwd' is not an http://" in refused.stderr
    assert accepted.returncode == 0, accepted.stderr
