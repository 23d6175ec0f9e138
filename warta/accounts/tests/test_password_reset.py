"""Password reset: the e-mailed link works once, and the form tells strangers nothing."""

import re

import pytest
from django.core import mail
from django.test import Client

from warta.accounts.tests.factories import PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
NEW_PASSWORD = "a new and long passphrase"
LINK_SPENT = "This password reset link has already been used or has expired."


def _reset_link(message) -> str:
    match = re.search(r"https?://testserver(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _choose_new_password(client: Client, link: str, password: str = NEW_PASSWORD):
    """Open the link as a reader does: allauth moves the key into the session, then the form."""
    form_page = client.get(link, follow=True)
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    return form_page, client.post(form_url, {"password1": password, "password2": password})


def test_reset_link_sets_a_new_password(client):
    reader = VerifiedUserFactory()
    client.post(RESET, {"email": reader.email})

    form_page, response = _choose_new_password(client, _reset_link(mail.outbox[0]))

    assert b"Choose a new password" in form_page.content
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    assert not reader.check_password(PASSWORD)


def test_reset_link_works_only_once(client):
    reader = VerifiedUserFactory()
    client.post(RESET, {"email": reader.email})
    link = _reset_link(mail.outbox[0])
    _choose_new_password(client, link)

    again = Client().get(link, follow=True)

    assert again.status_code == 200
    assert LINK_SPENT in again.content.decode()
    assert b"Choose a new password" not in again.content
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_reset_link_second_use_in_the_same_browser_is_refused_too(client):
    reader = VerifiedUserFactory()
    client.post(RESET, {"email": reader.email})
    link = _reset_link(mail.outbox[0])
    _choose_new_password(client, link)

    form_page, response = _choose_new_password(client, link, "yet another passphrase")

    assert LINK_SPENT in form_page.content.decode()
    assert response.status_code == 200
    assert LINK_SPENT in response.content.decode()
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_reset_for_an_unknown_address_answers_exactly_like_for_a_known_one(client):
    reader = VerifiedUserFactory(email="siti@example.com")

    known = client.post(RESET, {"email": "siti@example.com"})
    unknown = Client().post(RESET, {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    known_page = client.get(known["Location"])
    unknown_page = Client().get(unknown["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert _without_csrf_tokens(known_page.content) == _without_csrf_tokens(unknown_page.content)
    # allauth writes to both addresses (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS): a reset link to the
    # reader, and "no account here" to the stranger; only the mailbox owner learns which.
    assert [message.to for message in mail.outbox] == [[reader.email], ["nobody@example.com"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def _without_csrf_tokens(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_reset_mails_to_one_address_are_throttled_with_a_429_page(client):
    # ACCOUNT_RATE_LIMITS["reset_password"] is "20/m/ip,5/m/key": five mails a minute per address.
    reader = VerifiedUserFactory()
    for _ in range(5):
        assert client.post(RESET, {"email": reader.email}).status_code == 302

    refused = client.post(RESET, {"email": reader.email})

    assert refused.status_code == 429
    assert b"Too many tries" in refused.content
    assert b'class="masthead"' in refused.content
    assert len(mail.outbox) == 5
