"""What allauth says to readers: flash messages name them as they know themselves, and every
mail speaks for the publication (its name, never the host and port the request came in on)."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client, RequestFactory
from lxml import html as lxml_html

from warta.accounts.models import User
from warta.accounts.tests.factories import PASSWORD, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

# The demo serves on a port; allauth's own mails greeted readers with "Hello from 127.0.0.1:8101!".
HOST = "127.0.0.1:8101"
SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"
NEW_PASSWORD = "a new and long passphrase"
ALLAUTH_MAILS = sorted(
    path.name.removesuffix("_subject.txt")
    for path in (Path(allauth.__file__).parent / "templates/account/email").glob("*_subject.txt")
)


def _browser() -> Client:
    return Client(HTTP_HOST=HOST)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _shown_messages(response) -> list[str]:
    doc = lxml_html.fromstring(response.content.decode())
    return [" ".join(li.text_content().split()) for li in doc.cssselect(".messages li")]


def _assert_speaks_for_the_publication(message, site_name: str) -> None:
    assert site_name in message.subject, message.subject
    assert site_name in message.body, message.body
    assert "Hello from" not in message.body
    # The host may appear in the links the reader follows, nowhere else.
    prose = re.sub(r"https?://\S+", "", message.body)
    assert HOST not in prose, message.body
    assert HOST not in message.subject
    # Signed by the publication, with its public address (WARTA_BASE_URL), not the request's host.
    assert message.body.rstrip().endswith(f"{site_name}\n{django_settings.WARTA_BASE_URL}")


# --- Messages ------------------------------------------------------------------------------


def test_sign_up_message_names_the_reader_by_email_not_a_made_up_username(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    browser = _browser()

    response = browser.post(
        SIGNUP, {"email": "siti@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    said = " ".join(_messages(response))
    assert "Signed in as siti@example.com." in said
    assert "siti@example.com" in said
    username = User.objects.get(email="siti@example.com").username
    assert username not in said.replace("siti@example.com", "")


def test_sign_in_message_names_the_reader_by_display_name():
    reader = VerifiedUserFactory(username="newreader1796161526", display_name="Siti Rahma")

    response = _browser().post(LOGIN, {"login": reader.email, "password": PASSWORD})

    assert _messages(response) == ["Signed in as Siti Rahma."]


def test_sign_in_message_without_display_name_uses_the_email():
    reader = VerifiedUserFactory(username="newreader1796161526", email="budi@example.com")

    response = _browser().post(LOGIN, {"login": "newreader1796161526", "password": PASSWORD})

    assert _messages(response) == ["Signed in as budi@example.com."]
    assert reader.username not in " ".join(_messages(response))


def test_password_reset_says_the_password_is_changed_once():
    reader = VerifiedUserFactory()
    browser = _browser()
    browser.post(RESET, {"email": reader.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    form_page = browser.get(link.group(1), follow=True)
    form_url = form_page.redirect_chain[-1][0]

    done = browser.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )

    assert done.redirect_chain[-1][0] == "/accounts/password/reset/key/done/"
    assert _shown_messages(done) == []  # the page says it; a message would say it again
    assert "Your new password is saved." in done.content.decode()


def test_changing_the_password_while_signed_in_still_confirms_it():
    reader = VerifiedUserFactory()
    browser = _browser()
    browser.force_login(reader)

    response = browser.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert _shown_messages(response) == ["Password successfully changed."]


# --- Mails ---------------------------------------------------------------------------------


def test_sign_up_confirmation_mail_speaks_for_the_publication(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    _browser().post(
        SIGNUP, {"email": "siti@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    (message,) = mail.outbox
    _assert_speaks_for_the_publication(message, settings.WARTA_SITE_NAME)
    assert "/accounts/confirm-email/" in message.body


def test_sign_up_with_a_taken_address_mails_its_owner_for_the_publication(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    VerifiedUserFactory(email="siti@example.com")

    _browser().post(
        SIGNUP, {"email": "siti@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    (message,) = mail.outbox
    _assert_speaks_for_the_publication(message, settings.WARTA_SITE_NAME)
    assert "/accounts/password/reset/" in message.body


def test_password_reset_mail_speaks_for_the_publication(settings):
    reader = VerifiedUserFactory()

    _browser().post(RESET, {"email": reader.email})

    (message,) = mail.outbox
    _assert_speaks_for_the_publication(message, settings.WARTA_SITE_NAME)
    assert "/accounts/password/reset/key/" in message.body


def test_unknown_account_mail_speaks_for_the_publication(settings):
    _browser().post(RESET, {"email": "nobody@example.com"})

    (message,) = mail.outbox
    _assert_speaks_for_the_publication(message, settings.WARTA_SITE_NAME)
    assert "/accounts/signup/" in message.body


def test_mails_follow_the_configured_publication_name(settings):
    settings.WARTA_SITE_NAME = "Harian Contoh"
    reader = VerifiedUserFactory()

    _browser().post(RESET, {"email": reader.email})

    _assert_speaks_for_the_publication(mail.outbox[0], "Harian Contoh")
    assert "The Warta Daily" not in mail.outbox[0].body


@pytest.mark.parametrize("template_prefix", ALLAUTH_MAILS)
def test_every_allauth_mail_speaks_for_the_publication(template_prefix, settings):
    """Each mail allauth can send, the ones no flow here reaches yet included."""
    request = RequestFactory(HTTP_HOST=HOST).get("/")
    request.user = UserFactory(email="siti@example.com")
    context = {
        "user": request.user,
        "email": "siti@example.com",
        "activate_url": f"http://{HOST}/accounts/confirm-email/key/",
        "password_reset_url": f"http://{HOST}/accounts/password/reset/key/x/",
        "signup_url": f"http://{HOST}/accounts/signup/",
        "code": "ABC123",
        "from_email": "old@example.com",
        "to_email": "siti@example.com",
        "ip": "192.0.2.1",
        "user_agent": "Browser",
        "timestamp": "now",
    }

    with allauth_context.request_context(request):
        get_adapter().send_mail(f"account/email/{template_prefix}", "siti@example.com", context)

    (message,) = mail.outbox
    _assert_speaks_for_the_publication(message, settings.WARTA_SITE_NAME)
