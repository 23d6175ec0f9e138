"""Change text size: the account's preference, its endpoint, and the markup that applies it
before the first paint. The browser half is test_browser_tools_text_size.py."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from lxml import html as lxml_html

from warta.accounts.models import TextSize, User
from warta.accounts.services import TEXT_SIZE_UNKNOWN, user_text_size_set
from warta.newsroom.tests.factories import ArticleFactory
from warta.web.text_size import SIGN_IN_FIRST, TEXT_SIZE_COOKIE

pytestmark = pytest.mark.django_db

ENDPOINT = "/account/text-size/"


@pytest.fixture
def reader():
    return User.objects.create_user(username="reader", email="reader@example.org")


def _signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _csrf_token(client: Client) -> str:
    """The token a signed-in page carries (its sign-out form), as the script reads it."""
    page = client.get("/")
    return lxml_html.fromstring(page.content).cssselect("input[name=csrfmiddlewaretoken]")[0].value


def test_a_new_account_reads_at_medium(reader):
    assert reader.text_size == TextSize.MEDIUM == "medium"


def test_text_size_is_stored_on_the_account(reader):
    user_text_size_set(user=reader, size="large")

    reader.refresh_from_db()
    assert reader.text_size == "large"


@pytest.mark.parametrize("size", ["", "huge", "LARGE", "medium "])
def test_an_unknown_text_size_is_refused(reader, size):
    with pytest.raises(ValidationError) as error:
        user_text_size_set(user=reader, size=size)

    assert error.value.messages == [TEXT_SIZE_UNKNOWN]
    reader.refresh_from_db()
    assert reader.text_size == "medium"


def test_endpoint_answers_the_accounts_size_and_sets_the_readable_cookie(reader):
    user_text_size_set(user=reader, size="small")

    response = _signed_in(reader).get(ENDPOINT)

    assert response.status_code == 200
    assert response.json() == {"text_size": "small"}
    cookie = response.cookies[TEXT_SIZE_COOKIE]
    assert cookie.value == "small"
    assert not cookie["httponly"]  # the script in <head> reads it
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_endpoint_stores_a_posted_choice_with_the_csrf_header(reader):
    client = _signed_in(reader, enforce_csrf_checks=True)

    response = client.post(
        ENDPOINT,
        json.dumps({"text_size": "large"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=_csrf_token(client),
    )

    assert response.status_code == 200
    assert response.json() == {"text_size": "large"}
    assert response.cookies[TEXT_SIZE_COOKIE].value == "large"
    reader.refresh_from_db()
    assert reader.text_size == "large"


def test_endpoint_also_takes_a_form_post(reader):
    response = _signed_in(reader).post(ENDPOINT, {"text_size": "small"})

    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.text_size == "small"


def test_endpoint_refuses_a_post_without_the_csrf_token(reader):
    client = _signed_in(reader, enforce_csrf_checks=True)

    response = client.post(
        ENDPOINT, json.dumps({"text_size": "large"}), content_type="application/json"
    )

    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.text_size == "medium"


@pytest.mark.parametrize("body", ['{"text_size": "huge"}', '{"text_size": 3}', "[]", "not json"])
def test_endpoint_refuses_an_unknown_size_with_the_message(reader, body):
    response = _signed_in(reader).post(ENDPOINT, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"error": TEXT_SIZE_UNKNOWN}
    assert TEXT_SIZE_COOKIE not in response.cookies


@pytest.mark.parametrize("method", ["get", "post"])
def test_endpoint_asks_anonymous_readers_to_sign_in(method):
    response = getattr(Client(), method)(ENDPOINT)

    assert response.status_code == 401
    assert response.json() == {"error": SIGN_IN_FIRST}


def _article_doc(client: Client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def test_anonymous_page_carries_no_size_so_it_is_the_same_for_everyone():
    doc = _article_doc(Client())

    root = doc.getroottree().getroot()
    assert root.get("data-text-size") is None
    assert root.get("data-signed-in") is None


def test_signed_in_page_carries_the_accounts_size(reader):
    user_text_size_set(user=reader, size="large")

    doc = _article_doc(_signed_in(reader))

    root = doc.getroottree().getroot()
    assert root.get("data-text-size") == "large"
    assert root.get("data-signed-in") is not None


def test_size_is_set_by_a_script_that_comes_before_the_stylesheet():
    doc = _article_doc(Client())

    head = doc.head
    first_script = head.cssselect("script:not([src])")[0]
    stylesheet = head.cssselect('link[rel="stylesheet"]')[0]
    assert head.index(first_script) < head.index(stylesheet)
    assert "data-text-size" in first_script.text
    assert "localStorage" in first_script.text and TEXT_SIZE_COOKIE in first_script.text
    assert first_script.get("type") is None and first_script.get("defer") is None


def test_size_buttons_are_a_labelled_group_hidden_until_script_runs():
    doc = _article_doc(Client())

    group = doc.cssselect("[data-text-size-control]")[0]
    assert group.get("role") == "group"
    assert group.get("aria-label") == "Change text size"
    assert group.get("hidden") is not None  # without JavaScript: no dead buttons
    buttons = group.cssselect("button")
    assert [b.text_content() for b in buttons] == ["ASmall", "AMedium", "ALarge"]
    assert [b.get("aria-pressed") for b in buttons] == ["false", "true", "false"]
    assert all(b.get("type") == "button" for b in buttons)
    assert group.get("data-endpoint") == ENDPOINT
