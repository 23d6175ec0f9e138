"""How long a feedback form stays good, and whose messages the rate limit counts together."""

import time

import pytest

from warta.accounts.models import User
from warta.feedback import guards
from warta.feedback.models import Feedback
from warta.feedback.tests.conftest import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

URL = "/feedback/"
JSON = {"HTTP_ACCEPT": "application/json"}
HOUR = 60 * 60
OFFICE = "203.0.113.7"  # one address for a whole office behind its NAT


def _started(hours_ago: float) -> str:
    return guards.start_token(at=time.time() - hours_ago * HOUR)


def test_a_form_started_seven_hours_ago_is_refused_asking_to_send_again_or_reload(client):
    response = client.post(URL, form_data(started=_started(7)), **JSON)

    assert response.status_code == 400
    [message] = response.json()["errors"]["__all__"]
    assert message == guards.FORM_EXPIRED
    assert "more than 6 hours" in message and "reload the page" in message
    fresh = response.json()["started"]
    assert guards.start_token_state(fresh, now=time.time() + 10) is guards.TokenState.OK
    assert not Feedback.objects.exists()


def test_a_form_started_under_six_hours_ago_is_accepted(client):
    assert client.post(URL, form_data(started=_started(5.9)), **JSON).status_code == 200


def test_the_age_limit_is_stated_in_hours_in_the_message():
    assert guards.TOKEN_MAX_AGE_SECONDS == 6 * HOUR
    assert f"more than {guards.TOKEN_MAX_AGE_SECONDS // HOUR} hours" in guards.FORM_EXPIRED


def _sign_in(client, username: str) -> None:
    client.force_login(User.objects.create_user(username, f"{username}@example.org", "x"))


def test_signed_in_readers_behind_one_address_each_have_their_own_limit(client):
    limit, _ = guards.rate_limit()
    _sign_in(client, "ayu")
    sent = [client.post(URL, form_data(), REMOTE_ADDR=OFFICE, **JSON) for _ in range(limit + 1)]

    _sign_in(client, "budi")
    colleague = client.post(URL, form_data(), REMOTE_ADDR=OFFICE, **JSON)
    client.logout()
    visitor = client.post(URL, form_data(), REMOTE_ADDR=OFFICE, **JSON)

    assert [r.status_code for r in sent] == [200] * limit + [429]
    assert colleague.status_code == 200
    assert visitor.status_code == 200


def test_anonymous_readers_behind_one_address_share_its_limit(client):
    limit, _ = guards.rate_limit()
    for _ in range(limit):
        client.post(URL, form_data(), REMOTE_ADDR=OFFICE, **JSON)

    assert client.post(URL, form_data(), REMOTE_ADDR=OFFICE, **JSON).status_code == 429
    _sign_in(client, "citra")
    assert client.post(URL, form_data(), REMOTE_ADDR=OFFICE, **JSON).status_code == 200
