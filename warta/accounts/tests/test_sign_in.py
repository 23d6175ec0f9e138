"""Signing in and out at /accounts/ (allauth), its throttles, and axes at /admin/login/."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from warta.accounts.models import User
from warta.accounts.tests.factories import PASSWORD, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"
ADMIN_LOGIN = "/admin/login/"
TOO_MANY = "Too many failed login attempts. Try again later."


def _signed_in_as(client: Client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def _sign_in(client: Client, login: str, password: str = PASSWORD):
    return client.post(LOGIN, {"login": login, "password": password})


def test_reader_signs_in_with_email(client):
    reader = VerifiedUserFactory()

    response = _sign_in(client, reader.email)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in_as(client) == reader.pk


def test_reader_signs_in_with_username(client):
    reader = VerifiedUserFactory(username="siti")

    response = _sign_in(client, "siti")

    assert response.status_code == 302
    assert _signed_in_as(client) == reader.pk


def test_account_without_allauth_email_record_signs_in_with_email(client):
    """The demo makes its readers without allauth's EmailAddress rows; verification is optional."""
    reader = User.objects.create_user(
        username="reader", email="reader@demo.invalid", password="warta-demo"
    )

    response = _sign_in(client, "reader@demo.invalid", "warta-demo")

    assert response.status_code == 302
    assert _signed_in_as(client) == reader.pk


def test_account_without_allauth_email_record_signs_in_with_username(client):
    reader = User.objects.create_user(
        username="reader", email="reader@demo.invalid", password="warta-demo"
    )

    response = _sign_in(client, "reader", "warta-demo")

    assert response.status_code == 302
    assert _signed_in_as(client) == reader.pk


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    reader = VerifiedUserFactory()

    known = _sign_in(client, reader.email, "not the password")
    unknown = _sign_in(client, "nobody@example.com", "not the password")

    assert known.status_code == unknown.status_code == 200
    assert _signed_in_as(client) is None
    for response in (known, unknown):
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )


def test_session_key_changes_at_sign_in(client):
    reader = VerifiedUserFactory()
    session = client.session  # a session the visitor had before signing in
    session["text_size"] = "large"
    session.save()
    before = session.session_key

    _sign_in(client, reader.email)

    after = client.session.session_key
    assert after != before
    assert _signed_in_as(client) == reader.pk
    assert not SessionStore().exists(before)  # the old key is gone, not just unused


def test_sign_out_needs_a_post(client):
    reader = VerifiedUserFactory()
    client.force_login(reader)

    page = client.get(LOGOUT)

    assert page.status_code == 200
    assert _signed_in_as(client) == reader.pk  # a link or an <img> cannot sign anyone out
    assert b'method="post" action="/accounts/logout/"' in page.content

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert _signed_in_as(client) is None


def test_sign_in_is_throttled_per_account_and_refuses_even_the_right_password(client):
    # ACCOUNT_RATE_LIMITS["login_failed"] is "10/m/ip,5/5m/key": five tries per account.
    reader = VerifiedUserFactory()
    for _ in range(5):
        assert TOO_MANY not in _sign_in(client, reader.email, "guess").content.decode()

    refused = _sign_in(client, reader.email, PASSWORD)

    assert refused.status_code == 200  # allauth answers with the form and its error, not a 429
    assert TOO_MANY in refused.content.decode()
    assert _signed_in_as(client) is None


def test_sign_in_throttle_per_account_counts_username_and_email_apart(client):
    """The key is what was typed: the username still works while the e-mail is throttled."""
    reader = VerifiedUserFactory(username="siti")
    for _ in range(5):
        _sign_in(client, reader.email, "guess")

    assert TOO_MANY in _sign_in(client, reader.email, PASSWORD).content.decode()
    assert _sign_in(client, "siti", PASSWORD).status_code == 302


def test_sign_in_is_throttled_per_ip_address_across_accounts(client):
    reader = VerifiedUserFactory()
    for n in range(10):
        assert TOO_MANY not in _sign_in(client, f"guess{n}@example.com", "guess").content.decode()

    refused = _sign_in(client, reader.email, PASSWORD)

    assert TOO_MANY in refused.content.decode()
    assert _signed_in_as(client) is None


def test_successful_sign_in_does_not_use_up_the_allowance(client):
    reader = VerifiedUserFactory()
    for _ in range(4):
        _sign_in(client, reader.email, "guess")
    assert _sign_in(client, reader.email).status_code == 302
    client.post(LOGOUT)

    assert _sign_in(client, reader.email, "guess").status_code == 200  # the fifth failure
    assert TOO_MANY in _sign_in(client, reader.email).content.decode()


def _admin_sign_in(client: Client, username: str, password: str):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password})


def test_admin_sign_in_locks_out_after_the_failure_limit_even_with_the_right_password(
    client, settings
):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _admin_sign_in(client, "editor", "guess").status_code == 200

    assert _admin_sign_in(client, "editor", "guess").status_code == 429
    locked = _admin_sign_in(client, "editor", PASSWORD)

    assert locked.status_code == 429
    assert _signed_in_as(client) is None
    attempt = AccessAttempt.objects.get(username=editor.username)
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_admin_sign_in_works_below_the_failure_limit(client, settings):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _admin_sign_in(client, "editor", "guess")

    response = _admin_sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert _signed_in_as(client) == editor.pk
    assert not AccessAttempt.objects.exists()  # AXES_RESET_ON_SUCCESS


def test_axes_does_not_count_reader_sign_ins(client, settings):
    VerifiedUserFactory(username="editor", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = _sign_in(client, "editor", "guess")
        assert response.status_code == 200  # never axes's 429 lockout page

    assert not AccessAttempt.objects.exists()
    assert _admin_sign_in(client, "editor", PASSWORD).status_code == 302
