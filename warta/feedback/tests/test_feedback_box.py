"""The box as the article page renders it: the same bytes for every reader, nothing personal."""

import re
import time
from unittest import mock

import pytest
from lxml import html

from warta.accounts.models import User
from warta.feedback import guards
from warta.feedback.tests.urls import STORY_PATH

pytestmark = [pytest.mark.django_db, pytest.mark.urls("warta.feedback.tests.urls")]

A_MINUTE = 1_794_999_980.0  # 20 seconds into a minute


def _box(response) -> str:
    page = response.content.decode()
    return page[page.index('<section class="feedback-box"') : page.index("</section>") + 10]


def test_the_box_has_the_heading_the_fields_and_the_thank_you(client):
    tree = html.fromstring(client.get(STORY_PATH).content)
    box = tree.cssselect("section.feedback-box")[0]

    assert box.cssselect("h2")[0].text_content() == "Your Opinion Matters"
    form = box.cssselect("form")[0]
    assert form.get("action") == "/feedback/"
    assert form.get("method") == "post"
    assert box.cssselect("label[for=feedback-message]")[0].text_content() == "Your feedback"
    assert "Enter at least 30 characters" in box.cssselect("#feedback-message-hint")[0].text
    assert box.cssselect("#feedback-count")[0].text_content() == (
        "0 characters — at least 30 needed"
    )
    assert box.cssselect("#feedback-count")[0].get("hidden") is not None  # shown by the script
    assert box.cssselect("input[name=page]")[0].get("value") == STORY_PATH
    assert box.cssselect("input[type=email][name=reply_email]")
    submit = box.cssselect("button[type=submit]")[0]
    assert submit.text_content() == "Send feedback"
    assert submit.get("disabled") is None  # without JavaScript, the server decides
    thanks = box.cssselect(".feedback-thanks")[0]
    assert thanks.get("hidden") is not None
    assert thanks.cssselect("h3")[0].text_content() == "Thank you"
    assert box.cssselect("script[src$='web/feedback.js']")


def test_the_honeypot_is_hidden_from_people_and_their_tools(client):
    tree = html.fromstring(client.get(STORY_PATH).content)

    trap = tree.cssselect(".feedback-trap")[0]
    field = trap.cssselect("input")[0]
    assert trap.get("aria-hidden") == "true"
    assert field.get("name") == guards.HONEYPOT_FIELD
    assert field.get("tabindex") == "-1"
    assert field.get("autocomplete") == "off"


def test_the_box_is_the_same_for_every_reader_and_carries_no_token(client):
    with mock.patch("time.time", return_value=A_MINUTE):
        first = _box(client.get(STORY_PATH, REMOTE_ADDR="203.0.113.7"))
        second = _box(client.get(STORY_PATH, REMOTE_ADDR="198.51.100.9"))
        client.force_login(User.objects.create_user("ayu", "ayu@example.org", "x"))
        signed_in = client.get(STORY_PATH)

    assert first == second == _box(signed_in)
    assert "csrfmiddlewaretoken" not in first
    assert "ayu" not in first


def test_an_anonymous_page_with_the_box_sets_no_cookie_and_stays_shareable(client):
    response = client.get(STORY_PATH)

    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_the_start_token_in_the_page_is_the_minute_it_was_rendered(client):
    with mock.patch("time.time", return_value=A_MINUTE):
        token = re.search(
            r'name="started" value="([^"]+)"', client.get(STORY_PATH).content.decode()
        )[1]
    later = A_MINUTE + 30
    with mock.patch("time.time", return_value=later):
        again = re.search(
            r'name="started" value="([^"]+)"', client.get(STORY_PATH).content.decode()
        )[1]

    assert token == again  # the same minute
    assert token.split(":")[0] == str(int(A_MINUTE // 60 * 60))
    # Rounded down: a reader a second after the page was made looks 21 seconds in.
    assert guards.start_token_state(token, now=A_MINUTE + 1) is guards.TokenState.OK


def test_the_error_page_keeps_the_page_the_reader_came_from(client, settings):
    settings.WARTA_FEEDBACK_MIN_FILL_SECONDS = 0
    response = client.post(
        "/feedback/",
        {"message": "short", "page": STORY_PATH, "started": guards.start_token(at=time.time())},
    )

    tree = html.fromstring(response.content)
    assert response.status_code == 400
    assert tree.cssselect("input[name=page]")[0].get("value") == STORY_PATH
    assert tree.cssselect(".feedback-back a")[0].get("href") == STORY_PATH
    assert tree.cssselect("title")[0].text.startswith("Error:")
