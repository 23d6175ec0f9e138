"""The services hold the rules whatever calls them: the view, a command, a shell."""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.accounts.models import User
from warta.feedback.models import FeedbackStatus
from warta.feedback.services import FeedbackRefused, feedback_status_set, feedback_submit
from warta.feedback.tests.cases import THIRTY
from warta.feedback.tests.factories import FeedbackFactory
from warta.feedback.text_rules import CONTROL_CHARACTER, TOO_SHORT

pytestmark = pytest.mark.django_db


def _submit(**fields):
    return feedback_submit(
        **{
            "message": THIRTY,
            "reply_email": "",
            "page_url": "/world/story.html",
            "client_hash": "a" * 64,
            "user": None,
            "now": timezone.now(),
            **fields,
        }
    )


def test_a_message_against_the_rules_is_refused_with_every_reason():
    with pytest.raises(FeedbackRefused) as refusal:
        _submit(message="short\x00")

    assert refusal.value.problems == [TOO_SHORT, CONTROL_CHARACTER]


def test_a_foreign_page_is_stored_as_nothing_and_an_anonymous_user_as_none():
    feedback = _submit(page_url="https://evil.example/", user=None)

    assert feedback.page_url == ""
    assert feedback.user is None
    assert feedback.status == FeedbackStatus.NEW


def test_a_signed_in_reader_is_linked():
    reader = User.objects.create_user("ayu", "ayu@example.org", "x")

    assert _submit(user=reader).user == reader


def test_the_status_change_time_moves_only_when_the_status_does():
    feedback = FeedbackFactory()
    first = timezone.now()

    feedback_status_set(feedback=feedback, status=FeedbackStatus.DONE, now=first)
    feedback_status_set(feedback=feedback, status=FeedbackStatus.DONE, now=first + timedelta(1))

    assert feedback.status == FeedbackStatus.DONE
    assert feedback.status_changed_at == first


def test_an_unknown_status_is_refused():
    feedback = FeedbackFactory()

    with pytest.raises(ValueError):
        feedback_status_set(feedback=feedback, status="spam", now=timezone.now())
