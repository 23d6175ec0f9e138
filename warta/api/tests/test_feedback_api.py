"""``POST /feedback`` from the app: the site box's rules, limits and words, as problems."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from warta.api import problems
from warta.feedback import guards
from warta.feedback.forms import BAD_EMAIL
from warta.feedback.models import Feedback
from warta.feedback.services import THANK_YOU
from warta.feedback.text_rules import TOO_SHORT
from warta.subscriptions.tests.factories import ReaderFactory

from .api_client import assert_problem, body
from .app_sign_in import api_post, app_sign_in, token_headers, with_password

pytestmark = pytest.mark.django_db

MESSAGE = "The app's article pages load quickly and read very well, thanks."


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_a_message_is_stored_and_thanked():
    response = api_post(Client(), "/feedback", {"message": MESSAGE, "page": "/business/x.html"})

    assert response.status_code == 201
    assert body(response) == {"message": THANK_YOU}
    stored = Feedback.objects.get()
    assert stored.message == MESSAGE and stored.page_url == "/business/x.html"
    assert stored.user is None


def test_a_signed_in_readers_message_is_theirs():
    user = with_password(ReaderFactory(username="feedback-reader"))

    api_post(Client(), "/feedback", {"message": MESSAGE}, **token_headers(app_sign_in(user)))

    assert Feedback.objects.get().user == user


def test_a_short_message_is_refused_with_the_boxs_words():
    document = assert_problem(
        api_post(Client(), "/feedback", {"message": "Too short."}), problems.FEEDBACK_INVALID
    )

    assert document["invalid_params"] == [{"name": "message", "reason": TOO_SHORT}]


def test_a_wrong_reply_address_is_refused_with_the_boxs_words():
    response = api_post(Client(), "/feedback", {"message": MESSAGE, "reply_email": "nobody@"})

    document = assert_problem(response, problems.FEEDBACK_INVALID)
    assert document["invalid_params"] == [{"name": "reply_email", "reason": BAD_EMAIL}]


@pytest.mark.parametrize("data", ["[]", "not json", '{"message": 3}'])
def test_a_body_that_is_no_message_is_an_invalid_parameter(data):
    response = Client().post("/api/v1/feedback", data, content_type="application/json")

    assert_problem(response, problems.INVALID_PARAMETER)


def test_a_body_over_the_limit_is_refused_before_it_is_read():
    huge = json.dumps({"message": "x" * (guards.MAX_BODY_BYTES + 1)})

    response = Client().post("/api/v1/feedback", huge, content_type="application/json")

    assert assert_problem(response, problems.FEEDBACK_TOO_LARGE)["detail"] == guards.BODY_TOO_LARGE


def test_another_sites_page_cannot_post_for_nobody_signed_in():
    response = api_post(Client(), "/feedback", {"message": MESSAGE},
                        **{"Origin": "https://elsewhere.example"})  # fmt: skip

    assert assert_problem(response, problems.FEEDBACK_CROSS_SITE)["detail"] == guards.CROSS_SITE


def test_the_rate_limit_holds_as_on_the_site(settings):
    settings.WARTA_FEEDBACK_PER_CLIENT = 2
    sent = [api_post(Client(), "/feedback", {"message": MESSAGE}) for _ in range(3)]

    assert [r.status_code for r in sent] == [201, 201, 429]
    assert assert_problem(sent[2], problems.FEEDBACK_RATE_LIMITED)["detail"] == guards.RATE_LIMITED
    assert int(sent[2]["Retry-After"]) > 0
    assert Feedback.objects.count() == 2


def test_a_signed_in_reader_is_counted_by_account_not_address(settings):
    settings.WARTA_FEEDBACK_PER_CLIENT = 1
    user = with_password(ReaderFactory(username="counted-reader"))
    headers = token_headers(app_sign_in(user))
    api_post(Client(), "/feedback", {"message": MESSAGE})  # the address's one message

    mine = api_post(Client(), "/feedback", {"message": MESSAGE}, **headers)
    again = api_post(Client(), "/feedback", {"message": MESSAGE}, **headers)

    assert (mine.status_code, again.status_code) == (201, 429)
