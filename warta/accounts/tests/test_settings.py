import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

import config.settings


def test_argon2_is_the_first_password_hasher_in_the_settings_module():
    # The root conftest swaps in MD5 for speed; the settings module itself keeps what production
    # uses (pytest-django's overrides change django.conf.settings, not this module).
    assert config.settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_argon2_hashes_and_verifies_here():
    hasher = Argon2PasswordHasher()

    encoded = hasher.encode("warta-demo", hasher.salt())

    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("warta-demo", encoded)
    assert not hasher.verify("warta-demo!", encoded)


@pytest.mark.django_db
def test_system_checks_pass_on_the_database_in_use():
    """On PostgreSQL, Wagtail's search backend needs django.contrib.postgres (postgres.E005):
    pytest does not run the checks that `manage.py migrate` runs."""
    from django.core.management import call_command

    call_command("check", fail_level="ERROR")
