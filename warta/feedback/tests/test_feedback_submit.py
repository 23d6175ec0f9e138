"""POST /feedback/: what a reader's post gets back, and what is stored."""

import json
import time
from unittest import mock

import pytest
from django.core.handlers.wsgi import WSGIRequest

from warta.accounts.models import User
from warta.feedback import guards
from warta.feedback.models import Feedback, FeedbackStatus
from warta.feedback.tests.cases import THIRTY
from warta.feedback.tests.conftest import GOOD_MESSAGE, form_data
from warta.feedback.text_rules import BIDI_CONTROL, CONTROL_CHARACTER, TOO_SHORT
from warta.feedback.views import THANK_YOU

pytestmark = pytest.mark.django_db

URL = "/feedback/"
JSON = {"HTTP_ACCEPT": "application/json"}


def test_a_post_without_javascript_gets_the_thank_you_page_and_is_stored(client):
    response = client.post(URL, form_data(reply_email="ayu@example.org"))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="feedback-thanks-title">Thank you</h1>' in page
    assert THANK_YOU in page
    assert 'href="/world/2026/01/08/story.html"' in page
    feedback = Feedback.objects.get()
    assert feedback.message == GOOD_MESSAGE
    assert feedback.reply_email == "ayu@example.org"
    assert feedback.page_url == "/world/2026/01/08/story.html"
    assert feedback.status == FeedbackStatus.NEW
    assert feedback.user is None


def test_a_post_with_javascript_gets_json(client):
    response = client.post(URL, form_data(), **JSON)

    assert response.status_code == 200
    assert response.json() == {"ok": True, "message": THANK_YOU}
    assert Feedback.objects.count() == 1


def test_the_stored_message_is_trimmed_and_nfc(client):
    client.post(URL, form_data(message="\u200b  cafe\u0301 " + THIRTY + "\n\n"), **JSON)

    assert Feedback.objects.get().message == "caf\u00e9 " + THIRTY


def test_29_characters_with_zero_width_padding_are_refused_with_the_text_kept(client):
    text = THIRTY[:29] + "\u200b" * 40

    response = client.post(URL, form_data(message=text))

    assert response.status_code == 400
    page = response.content.decode()
    assert TOO_SHORT in page
    assert f">{text}</textarea>" in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="feedback-message-hint feedback-message-error"' in page
    assert not Feedback.objects.exists()


def test_29_characters_as_json_list_the_message_error(client):
    response = client.post(URL, form_data(message=THIRTY[:29]), **JSON)

    assert response.status_code == 400
    assert response.json() == {"ok": False, "errors": {"message": [TOO_SHORT]}}


def test_a_nul_is_refused_with_a_clear_message(client):
    response = client.post(URL, form_data(message=GOOD_MESSAGE + "\x00"), **JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"message": [CONTROL_CHARACTER]}
    assert not Feedback.objects.exists()


def test_a_nul_in_the_e_mail_or_the_page_is_refused_or_dropped_cleanly(client):
    response = client.post(URL, form_data(reply_email="a\x00@example.org"), **JSON)
    dropped = client.post(URL, form_data(page="/story\x00.html"), **JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reply_email"]
    assert dropped.status_code == 200
    assert Feedback.objects.get().page_url == ""


def test_a_right_to_left_override_is_refused(client):
    response = client.post(URL, form_data(message="\u202e" + GOOD_MESSAGE), **JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"message": [BIDI_CONTROL]}


def test_emoji_are_welcome(client):
    message = "Love the new layout 😍👍🏽 but the 🇮🇩 flag icon looks blurry."

    response = client.post(URL, form_data(message=message), **JSON)

    assert response.status_code == 200
    assert Feedback.objects.get().message == message


def test_a_bad_reply_e_mail_is_refused_and_an_empty_one_is_fine(client):
    bad = client.post(URL, form_data(reply_email="not an address"), **JSON)
    empty = client.post(URL, form_data(reply_email=""), **JSON)

    assert bad.status_code == 400
    assert "e-mail address" in bad.json()["errors"]["reply_email"][0]
    assert empty.status_code == 200


def test_a_1_mb_body_is_refused_before_it_is_read(client):
    with mock.patch.object(
        WSGIRequest, "_load_post_and_files", side_effect=AssertionError("parsed")
    ) as parse:
        response = client.post(URL, form_data(message="x" * 1_000_000), **JSON)

    assert response.status_code == 413
    assert response.json()["errors"] == {"__all__": [guards.BODY_TOO_LARGE]}
    parse.assert_not_called()
    assert not Feedback.objects.exists()


def test_a_1_mb_body_without_javascript_gets_a_page_saying_so(client):
    response = client.post(URL, form_data(message="x" * 1_000_000))

    assert response.status_code == 413
    assert guards.BODY_TOO_LARGE in response.content.decode()


def test_a_longest_message_in_four_byte_characters_fits_the_body_limit(client):
    response = client.post(URL, form_data(message="😀" * 3000), **JSON)

    assert response.status_code == 200


def test_a_content_length_that_is_not_a_number_is_refused(client):
    response = client.generic(
        "POST",
        URL,
        "message=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="lots",
        **JSON,
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": [guards.BAD_CONTENT_LENGTH]}


def test_the_honeypot_looks_accepted_but_nothing_is_stored(client):
    response = client.post(URL, form_data(website="https://cheap-pills.example"), **JSON)
    page = client.post(URL, form_data(website="spam"))

    assert response.json() == {"ok": True, "message": THANK_YOU}
    assert page.status_code == 200
    assert THANK_YOU in page.content.decode()
    assert not Feedback.objects.exists()


def test_a_post_sooner_than_the_minimum_fill_time_is_refused(client):
    token = guards.start_token(at=time.time())

    response = client.post(URL, form_data(started=token), **JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": [guards.TOO_FAST]}
    assert "started" not in response.json()  # the same token: its clock keeps running
    assert not Feedback.objects.exists()


def test_a_too_fast_post_without_javascript_keeps_the_text_and_the_token(client):
    token = guards.start_token(at=time.time())

    response = client.post(URL, form_data(started=token))

    page = response.content.decode()
    assert guards.TOO_FAST.replace("'", "&#x27;") in page
    assert f'name="started" value="{token}"' in page
    assert f">{GOOD_MESSAGE}</textarea>" in page


@pytest.mark.parametrize(
    "token",
    [
        "",
        "1700000000",
        "1700000000:forged",
        guards.start_token(at=time.time() - 60)[:-1] + "x",
        __import__("django.core.signing", fromlist=["Signer"]).Signer(salt="other").sign("1"),
    ],
    ids=["missing", "unsigned", "forged", "tampered", "other-purpose"],
)
def test_a_missing_or_tampered_start_token_is_refused_with_a_fresh_one(client, token):
    response = client.post(URL, form_data(started=token), **JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": [guards.FORM_UNCHECKED]}
    fresh = response.json()["started"]
    assert guards.start_token_state(fresh, now=time.time() + 10) is guards.TokenState.OK
    assert not Feedback.objects.exists()


def test_a_stale_start_token_is_refused_as_expired(client):
    token = guards.start_token(at=time.time() - guards.TOKEN_MAX_AGE_SECONDS - 5)

    response = client.post(URL, form_data(started=token), **JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": [guards.FORM_EXPIRED]}


def test_the_sixth_message_in_ten_minutes_gets_429_with_a_clear_message(client):
    statuses = [client.post(URL, form_data(), **JSON).status_code for _ in range(5)]

    refused = client.post(URL, form_data(), **JSON)
    page = client.post(URL, form_data())

    assert statuses == [200] * 5
    assert refused.status_code == 429
    assert refused.json()["errors"] == {"__all__": [guards.RATE_LIMITED]}
    assert 0 < int(refused["Retry-After"]) <= 600
    assert page.status_code == 429
    assert guards.RATE_LIMITED in page.content.decode()
    assert f">{GOOD_MESSAGE}</textarea>" in page.content.decode()
    assert Feedback.objects.count() == 5


def test_the_rate_limit_is_per_client(client):
    for _ in range(5):
        client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7", **JSON)

    blocked = client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7", **JSON)
    other = client.post(URL, form_data(), REMOTE_ADDR="198.51.100.9", **JSON)

    assert blocked.status_code == 429
    assert other.status_code == 200


def test_refused_messages_do_not_use_up_the_rate_limit(client):
    for _ in range(8):
        client.post(URL, form_data(message="too short"), **JSON)

    assert client.post(URL, form_data(), **JSON).status_code == 200


def test_a_signed_in_reader_is_counted_by_account_and_linked(client):
    reader = User.objects.create_user("ayu", "ayu@example.org", "x")
    client.force_login(reader)

    client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7", **JSON)
    for address in range(4):
        client.post(URL, form_data(), REMOTE_ADDR=f"198.51.100.{address}", **JSON)
    refused = client.post(URL, form_data(), REMOTE_ADDR="192.0.2.1", **JSON)

    assert refused.status_code == 429
    assert set(Feedback.objects.values_list("user", flat=True)) == {reader.pk}


def test_the_client_is_stored_as_a_hash_never_its_address(client):
    client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7", **JSON)
    client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7", **JSON)
    client.post(URL, form_data(), REMOTE_ADDR="198.51.100.9", **JSON)

    hashes = list(Feedback.objects.order_by("pk").values_list("client_hash", flat=True))
    assert hashes[0] == hashes[1] != hashes[2]
    assert len(hashes[0]) == 64
    row = json.dumps(list(Feedback.objects.values()), default=str)
    assert "203.0.113.7" not in row


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            URL, form_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7", **JSON
        )

    blocked = client.post(
        URL, form_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7", **JSON
    )
    other = client.post(
        URL, form_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9", **JSON
    )

    assert blocked.status_code == 429
    assert other.status_code == 200


@pytest.mark.parametrize(
    "page",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "javascript:alert(1)",
        "/\\evil.example",
    ],
)
def test_a_foreign_page_address_is_stored_as_nothing(client, page):
    response = client.post(URL, form_data(page=page))

    assert response.status_code == 200
    assert Feedback.objects.get().page_url == ""
    assert "evil.example" not in response.content.decode()
    assert "javascript:" not in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://other.testserver"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
)
def test_a_post_from_another_site_is_refused(client, headers):
    response = client.post(URL, form_data(), **headers, **JSON)

    assert response.status_code == 403
    assert response.json()["errors"] == {"__all__": [guards.CROSS_SITE]}
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},
        {},
    ],
)
def test_a_post_from_this_site_or_a_script_is_accepted(client, headers):
    response = client.post(URL, form_data(), **headers, **JSON)

    assert response.status_code == 200


def test_no_csrf_token_is_needed(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(URL, form_data(), HTTP_ORIGIN="http://testserver", **JSON)

    assert response.status_code == 200


def test_the_readers_text_is_shown_escaped(client):
    text = "<script>alert('x')</script> <b>bold</b> & more words to pass thirty"

    response = client.post(URL, form_data(message=text, reply_email="<img src=x>"))

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img src=x>" not in page
    assert response.status_code == 400  # the e-mail is not one


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_only_posts_are_answered(client, method):
    assert getattr(client, method)(URL).status_code == 405


def test_answers_to_posts_are_never_kept_by_shared_caches(client):
    response = client.post(URL, form_data())

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_start_endpoint_gives_a_fresh_exact_token_no_cache_may_keep(client):
    response = client.get("/feedback/start/")

    token = response.json()["started"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    started = int(token.split(":")[0])
    assert abs(started - time.time()) < 5
    assert guards.start_token_state(token, now=time.time()) is guards.TokenState.TOO_FAST


def test_a_body_that_is_not_utf_8_is_answered_cleanly(client):
    body = b"message=" + b"%FF%FE" * 20 + b"&started=" + form_data()["started"].encode()

    response = client.generic(
        "POST", URL, body, content_type="application/x-www-form-urlencoded", **JSON
    )

    assert response.status_code == 200  # undecodable bytes become U+FFFD, which is text
    assert Feedback.objects.get().message == "\ufffd" * 40


def test_thousands_of_fields_are_refused_cleanly(client):
    body = b"&".join([b"a="] * 12_000)

    response = client.generic(
        "POST", URL, body, content_type="application/x-www-form-urlencoded", **JSON
    )

    assert response.status_code == 400
    assert not Feedback.objects.exists()
