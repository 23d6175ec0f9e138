"""The feedback box in a real Chromium: with a mouse, with the keyboard only, without JavaScript,
and its counter against the server's count."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from warta.feedback.models import Feedback
from warta.feedback.templatetags.feedback_tags import feedback_count_text
from warta.feedback.tests.cases import COUNTS, THIRTY
from warta.feedback.tests.urls import STORY_PATH
from warta.feedback.text_rules import MAX_LENGTH, MIN_LENGTH, TOO_SHORT, feedback_length
from warta.feedback.views import THANK_YOU

FEEDBACK_JS = Path(django_settings.BASE_DIR, "warta/web/static/web/feedback.js")
MESSAGE = "The photo captions are hard to read on my phone in the evening."

pytestmark = pytest.mark.browser


@pytest.fixture
def story_url(live_server, settings):
    settings.WARTA_FEEDBACK_MIN_FILL_SECONDS = 0  # Playwright types faster than any reader
    return live_server.url + STORY_PATH


def _box(page):
    return page.locator("section.feedback-box")


def _mark_the_page(page):
    """A flag that a reload would lose: the thank-you must come without one."""
    page.evaluate("window.stillTheSamePage = true")


def test_the_browser_counts_exactly_as_the_server(page):
    page.set_content("<!doctype html><title>count</title>")
    page.add_script_tag(path=str(FEEDBACK_JS))
    texts = [text for text, _ in COUNTS]

    counted = page.evaluate("texts => texts.map(window.wartaFeedbackLength)", texts)

    assert counted == [feedback_length(text) for text in texts]
    assert counted == [expected for _, expected in COUNTS]


def test_the_browser_words_the_count_as_the_server(page):
    page.set_content("<!doctype html><title>count</title>")
    page.add_script_tag(path=str(FEEDBACK_JS))
    counts = [0, 1, 2, 29, 30, 52, 3000, 3001, 12345]

    worded = page.evaluate(
        "([counts, min, max]) => counts.map(n => window.wartaFeedbackCountText(n, min, max))",
        [counts, MIN_LENGTH, MAX_LENGTH],
    )

    assert worded == [feedback_count_text(n) for n in counts]
    assert worded[:6] == [
        "0 characters — at least 30 needed",
        "1 character — at least 30 needed",
        "2 characters — at least 30 needed",
        "29 characters — at least 30 needed",
        "30 characters",
        "52 characters",
    ]
    assert worded[6:] == [
        "3,000 characters",
        "3,001 characters — at most 3,000 allowed",
        "12,345 characters — at most 3,000 allowed",
    ]


@pytest.mark.urls("warta.feedback.tests.urls")
@pytest.mark.django_db(transaction=True)
def test_a_reader_with_a_mouse_sends_feedback_and_is_thanked_in_place(page, story_url):
    page.goto(story_url)
    _mark_the_page(page)
    box = _box(page)
    counter = box.locator("#feedback-count")
    send = box.get_by_role("button", name="Send feedback")
    expect(counter).to_have_text("0 characters — at least 30 needed")
    expect(send).to_be_disabled()

    with page.expect_response("**/feedback/start/") as start:
        box.get_by_label("Your feedback").click()  # the script asks for an exact start time
    token = start.value.json()["started"]
    expect(box.locator("input[name=started]")).to_have_value(token)
    box.get_by_label("Your feedback").fill(THIRTY[:29] + "\u200b\u200b")
    expect(counter).to_have_text("29 characters — at least 30 needed")
    expect(send).to_be_disabled()
    box.get_by_label("Your feedback").fill(MESSAGE)
    expect(counter).to_have_text(f"{len(MESSAGE)} characters")
    expect(send).to_be_enabled()
    box.get_by_label("Your e-mail (optional)").fill("reader@example.org")
    send.click()

    thanks = box.locator(".feedback-thanks")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_focused()
    expect(thanks).to_contain_text("Thank you")
    expect(thanks).to_contain_text(THANK_YOU)
    expect(box.locator("form")).to_be_hidden()
    assert page.evaluate("window.stillTheSamePage") is True
    feedback = Feedback.objects.get()
    assert (feedback.message, feedback.reply_email) == (MESSAGE, "reader@example.org")
    assert feedback.page_url == STORY_PATH


@pytest.mark.urls("warta.feedback.tests.urls")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_a_reader_with_the_keyboard_only_sends_feedback(page, story_url, key):
    page.goto(story_url)
    _mark_the_page(page)
    box = _box(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "feedback-message":
            break
    expect(box.get_by_label("Your feedback")).to_be_focused()

    page.keyboard.type(THIRTY[:29])
    expect(box.locator("#feedback-count")).to_have_text("29 characters — at least 30 needed")
    expect(box.get_by_role("button", name="Send feedback")).to_be_disabled()
    page.keyboard.type("!")
    expect(box.locator("#feedback-count")).to_have_text("30 characters")
    expect(box.get_by_role("button", name="Send feedback")).to_be_enabled()
    expect(box.locator("[data-feedback-status]")).to_have_text(
        "30 characters reached: you can send your feedback."
    )
    page.keyboard.press("Tab")
    expect(box.get_by_label("Your e-mail (optional)")).to_be_focused()
    page.keyboard.press("Tab")  # the honeypot is skipped
    expect(box.get_by_role("button", name="Send feedback")).to_be_focused()
    page.keyboard.press(key)

    expect(box.locator(".feedback-thanks")).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True
    assert Feedback.objects.get().message == THIRTY[:29] + "!"


@pytest.mark.urls("warta.feedback.tests.urls")
@pytest.mark.django_db(transaction=True)
def test_sending_too_early_explains_and_returns_to_the_text(page, story_url):
    page.goto(story_url)
    box = _box(page)
    box.get_by_label("Your feedback").fill("Too short")

    box.get_by_role("button", name="Send feedback").click(force=True)

    error = box.locator("#feedback-message-error")
    expect(error).to_have_text("Please write at least 30 characters: you have 9 so far.")
    expect(error).to_have_attribute("role", "alert")
    expect(box.get_by_label("Your feedback")).to_be_focused()
    expect(box.get_by_label("Your feedback")).to_have_attribute("aria-invalid", "true")
    assert "feedback-message-error" in box.get_by_label("Your feedback").get_attribute(
        "aria-describedby"
    )
    assert not Feedback.objects.exists()


@pytest.mark.urls("warta.feedback.tests.urls")
@pytest.mark.django_db(transaction=True)
def test_the_servers_refusal_is_shown_in_place_with_the_text_kept(page, story_url, settings):
    settings.WARTA_FEEDBACK_PER_CLIENT = 0
    page.goto(story_url)
    box = _box(page)
    box.get_by_label("Your feedback").fill(MESSAGE)

    box.get_by_role("button", name="Send feedback").click()

    expect(box.locator(".feedback-alert")).to_contain_text("several messages in a short time")
    expect(box.locator(".feedback-alert")).to_have_attribute("role", "alert")
    expect(box.get_by_label("Your feedback")).to_have_value(MESSAGE)
    expect(box.locator(".feedback-thanks")).to_be_hidden()
    assert not Feedback.objects.exists()


@pytest.mark.urls("warta.feedback.tests.urls")
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_post_reloads_to_a_thank_you_page(browser, story_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(story_url)
    box = _box(page)
    expect(box.locator("#feedback-count")).to_be_hidden()  # it could not count live

    box.get_by_label("Your feedback").fill(MESSAGE)
    box.get_by_role("button", name="Send feedback").click()

    page.wait_for_url("**/feedback/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator("main")).to_contain_text(THANK_YOU)
    page.get_by_role("link", name="Back to the page you were reading").click()
    page.wait_for_url("**" + STORY_PATH)
    assert Feedback.objects.get().message == MESSAGE
    context.close()


@pytest.mark.urls("warta.feedback.tests.urls")
@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_short_text_gets_the_servers_error_with_the_text_kept(
    browser, story_url
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(story_url)
    box = _box(page)
    box.get_by_label("Your feedback").fill("Just a short note")
    box.get_by_label("Your e-mail (optional)").fill("reader@example.org")

    box.get_by_role("button", name="Send feedback").click()

    page.wait_for_url("**/feedback/")
    box = _box(page)
    expect(box.locator("#feedback-message-error")).to_have_text(TOO_SHORT)
    expect(box.get_by_label("Your feedback")).to_have_value("Just a short note")
    expect(box.get_by_label("Your e-mail (optional)")).to_have_value("reader@example.org")
    expect(box.get_by_label("Your feedback")).to_have_attribute("aria-invalid", "true")

    box.get_by_label("Your feedback").fill(MESSAGE)
    box.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert Feedback.objects.get().page_url == STORY_PATH
    context.close()
