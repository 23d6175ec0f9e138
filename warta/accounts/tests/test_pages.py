"""allauth's pages wear the site's frame and render accessible forms."""

import pytest
from django.test import Client
from lxml import html as lxml_html

from warta.accounts.tests.factories import PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

ENTRANCE_PAGES = [
    ("/accounts/login/", "Sign in"),
    ("/accounts/signup/", "Create an account"),
    ("/accounts/password/reset/", "Reset your password"),
    ("/accounts/password/reset/done/", "Check your e-mail"),
    ("/accounts/password/reset/key/1-nonsense/", "This link no longer works"),
    ("/accounts/password/reset/key/done/", "Password changed"),
    ("/accounts/confirm-email/", "Confirm your e-mail address"),
    ("/accounts/confirm-email/nonsense/", "Confirm your e-mail address"),
]


def _doc(response):
    return lxml_html.fromstring(response.content.decode())


@pytest.mark.parametrize(("url", "heading"), ENTRANCE_PAGES)
def test_entrance_pages_are_a_centred_form_inside_the_site(client, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    doc = _doc(response)
    assert doc.cssselect(".masthead .brand")  # web/base.html's frame
    assert doc.cssselect(".site-footer")
    assert "accounts-entrance" in doc.cssselect("body")[0].get("class")
    assert [h1.text_content().strip() for h1 in doc.cssselect("h1")] == [heading]
    assert doc.cssselect("main > .form-page h1")
    assert doc.findtext(".//title") == f"{heading} | The Warta Daily"
    assert doc.cssselect('meta[name="robots"][content="noindex"]')


def test_sign_out_confirmation_is_a_centred_form(client):
    client.force_login(VerifiedUserFactory())

    doc = _doc(client.get("/accounts/logout/"))

    assert doc.cssselect("main > .form-page form[method=post] button")
    assert doc.findtext(".//title") == "Sign out | The Warta Daily"


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_every_field_has_a_visible_label(client, url):
    doc = _doc(client.get(url))

    fields = doc.cssselect("main input:not([type=hidden])")
    assert fields
    for field in fields:
        labels = doc.cssselect(f'label[for="{field.get("id")}"]')
        assert labels, field.get("name")
        assert labels[0].text_content().strip()
        assert "visually-hidden" not in (labels[0].get("class") or "")


def test_sign_in_field_is_labelled_with_what_it_takes(client):
    doc = _doc(client.get("/accounts/login/"))

    assert doc.cssselect('label[for="id_login"]')[0].text_content() == "Username or email"


def test_sign_in_error_is_an_alert_the_form_points_to(client):
    response = client.post("/accounts/login/", {"login": "nobody", "password": "guess"})

    doc = _doc(response)
    form = doc.cssselect("main form")[0]
    alert = doc.cssselect(f"#{form.get('aria-describedby')}")[0]
    assert alert.get("role") == "alert"
    assert "not correct" in alert.text_content()
    assert doc.findtext(".//title") == "Error: Sign in | The Warta Daily"


def test_messages_are_shown_politely_on_allauth_pages(client):
    reader = VerifiedUserFactory()
    client.force_login(reader)
    new = "a new and long passphrase"

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
        follow=True,
    )

    doc = _doc(response)
    status = doc.cssselect('[role="status"]')
    assert [" ".join(s.text_content().split()) for s in status] == [
        "Password successfully changed."
    ]


def test_manage_pages_lead_back_to_the_account_page(client):
    client.force_login(VerifiedUserFactory())

    for url in ("/accounts/password/change/", "/accounts/email/"):
        doc = _doc(client.get(url))
        assert "accounts-manage" in doc.cssselect("body")[0].get("class")
        assert doc.cssselect('.back-link a[href="/account/"]'), url


def test_unknown_confirmation_link_shows_an_error_not_a_form(client):
    doc = _doc(Client().get("/accounts/confirm-email/nonsense/"))

    assert not doc.cssselect("main form")
    assert doc.cssselect('main [role="alert"]')
