"""The reader's account page at /account/."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from warta.accounts.models import User
from warta.accounts.services import DISPLAY_NAME_CONTROL_CHARACTERS, DISPLAY_NAME_TOO_LONG
from warta.accounts.tests.factories import UserFactory, VerifiedUserFactory
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus
from warta.web.account_views import DISPLAY_NAME_REMOVED, DISPLAY_NAME_SAVED

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/"


def _doc(response):
    return lxml_html.fromstring(response.content.decode())


def _text(doc, selector: str) -> str:
    return " ".join(" ".join(el.text_content().split()) for el in doc.cssselect(selector))


def _subscribe(user: User, *, status: str, period_end: datetime) -> Subscription:
    plan = Plan.objects.create(name="Digital Premium", slug="premium", price=Decimal("50000"))
    return Subscription.objects.create(
        user=user, plan=plan, status=status, current_period_end=period_end, provider="development"
    )


def test_account_page_is_named_and_lives_at_account():
    assert reverse("web:account") == ACCOUNT


def test_account_page_asks_strangers_to_sign_in(client):
    response = client.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/account/"
    assert "private" in response["Cache-Control"]


def test_account_page_is_private(client):
    client.force_login(UserFactory())

    response = client.get(ACCOUNT)

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control  # not kept for the back button after signing out


def test_account_page_shows_email_username_and_the_ways_to_change_them(client):
    reader = UserFactory(username="siti", email="siti@example.com")
    client.force_login(reader)

    doc = _doc(client.get(ACCOUNT))

    facts = _text(doc, ".account-facts")
    assert "siti@example.com" in facts
    assert "siti" in facts
    links = {a.get("href") for a in doc.cssselect("main a")}
    assert {reverse("account_email"), reverse("account_change_password")} <= links
    sign_out = doc.cssselect(f'main form[action="{reverse("account_logout")}"]')[0]
    assert sign_out.get("method") == "post"
    assert sign_out.cssselect('input[name="csrfmiddlewaretoken"]')


def test_account_page_flags_an_unconfirmed_email(client):
    reader = UserFactory()
    reader.emailaddress_set.create(email=reader.email, primary=True, verified=False)
    client.force_login(reader)

    assert "not confirmed" in _text(_doc(client.get(ACCOUNT)), ".account-facts")


def test_account_page_does_not_flag_a_confirmed_email(client):
    client.force_login(VerifiedUserFactory())

    assert "not confirmed" not in _text(_doc(client.get(ACCOUNT)), ".account-facts")


def test_account_page_without_subscription_says_so(client):
    client.force_login(UserFactory())

    doc = _doc(client.get(ACCOUNT))

    assert "No subscription." in _text(doc, "#account-subscription + *")


def test_account_page_shows_plan_status_and_paid_until_in_the_newsrooms_time_zone(client):
    reader = UserFactory()
    # 20:00 UTC on 31 January is already 1 February in Jakarta (UTC+7).
    _subscribe(
        reader, status=SubscriptionStatus.ACTIVE, period_end=datetime(2099, 1, 31, 20, tzinfo=UTC)
    )
    client.force_login(reader)

    doc = _doc(client.get(ACCOUNT))

    summary = _text(doc, ".account-section:has(#account-subscription) dl")
    assert "Digital Premium" in summary
    assert "Active" in summary
    assert "1 February 2099" in summary
    assert doc.cssselect("time")[0].get("datetime") == "2099-02-01T03:00:00+07:00"


def test_account_page_shows_a_cancelled_subscription_still_paid(client):
    reader = UserFactory()
    _subscribe(
        reader,
        status=SubscriptionStatus.CANCELLED,
        period_end=datetime.now(UTC) + timedelta(days=10),
    )
    client.force_login(reader)

    summary = _text(_doc(client.get(ACCOUNT)), ".account-section:has(#account-subscription) dl")

    assert "Cancelled: it will not renew" in summary


def test_account_page_shows_a_lapsed_subscription_as_ended(client):
    reader = UserFactory()
    _subscribe(
        reader,
        status=SubscriptionStatus.ACTIVE,
        period_end=datetime.now(UTC) - timedelta(days=1),
    )
    client.force_login(reader)

    summary = _text(_doc(client.get(ACCOUNT)), ".account-section:has(#account-subscription) dl")

    assert "Ended" in summary


def test_display_name_is_saved_with_a_message(client):
    reader = UserFactory()
    client.force_login(reader)

    response = client.post(ACCOUNT, {"display_name": "  Siti R.  "})

    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    reader.refresh_from_db()
    assert reader.display_name == "Siti R."
    page = client.get(ACCOUNT)
    doc = _doc(page)
    assert _text(doc, '[role="status"]') == DISPLAY_NAME_SAVED.format(name="Siti R.")
    assert doc.cssselect("#id_display_name")[0].get("value") == "Siti R."
    assert _text(doc, ".masthead .account-name") == "Siti R."


def test_display_name_removed_says_what_others_see_now(client):
    reader = UserFactory(username="siti", first_name="", last_name="", display_name="Siti R.")
    client.force_login(reader)

    client.post(ACCOUNT, {"display_name": ""})

    doc = _doc(client.get(ACCOUNT))
    assert _text(doc, '[role="status"]') == DISPLAY_NAME_REMOVED.format(name="A fellow reader")


@pytest.mark.parametrize(
    ("given", "message"),
    [("x" * 81, DISPLAY_NAME_TOO_LONG), ("Siti\r\nR.", DISPLAY_NAME_CONTROL_CHARACTERS)],
)
def test_display_name_refused_shows_the_error_tied_to_the_field(client, given, message):
    reader = UserFactory(display_name="Siti R.")
    client.force_login(reader)

    response = client.post(ACCOUNT, {"display_name": given})

    assert response.status_code == 400
    doc = _doc(response)
    assert _text(doc, "#id_display_name_error") == message
    field = doc.cssselect("#id_display_name")[0]
    assert field.get("aria-invalid") == "true"
    assert "id_display_name_error" in field.get("aria-describedby").split()
    reader.refresh_from_db()
    assert reader.display_name == "Siti R."


def test_display_name_field_is_labelled_and_limited(client):
    client.force_login(UserFactory())

    doc = _doc(client.get(ACCOUNT))

    field = doc.cssselect("#id_display_name")[0]
    assert _text(doc, 'label[for="id_display_name"]') == "Display name"
    assert field.get("maxlength") == "80"
    assert re.search(r"\bid_display_name_helptext\b", field.get("aria-describedby"))


def test_account_page_without_subscription_links_to_the_plans(client):
    client.force_login(UserFactory())

    doc = _doc(client.get(ACCOUNT))

    links = doc.cssselect(".account-section a")
    assert "/subscribe/" in {a.get("href") for a in links}
