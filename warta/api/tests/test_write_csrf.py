"""Unsafe methods: a request signed in by the site's cookie must carry its CSRF token; one
signed in by the app's session token needs none."""

import pytest
from django.test import Client

from warta.api import problems
from warta.gifts.tests.factories import subscriber

from .api_client import assert_problem
from .app_sign_in import api_delete, api_post, app_sign_in, token_headers, with_password
from .newsroom_data import premium_article

pytestmark = pytest.mark.django_db

MESSAGE = {"message": "The app's article pages load quickly and read very well, thanks."}


@pytest.fixture
def cookie_client():
    client = Client(enforce_csrf_checks=True)
    client.force_login(subscriber("csrf-gifter"))
    return client


@pytest.mark.parametrize("path", ["/gifts", "/feedback"])
def test_a_cookie_post_without_the_csrf_token_is_refused(cookie_client, path):
    data = {"article_id": premium_article().pk} if path == "/gifts" else MESSAGE

    assert_problem(api_post(cookie_client, path, data), problems.CSRF_FAILED)


def test_a_cookie_delete_without_the_csrf_token_is_refused(cookie_client):
    assert_problem(api_delete(cookie_client, "/gifts/1"), problems.CSRF_FAILED)


def test_a_cookie_post_with_the_csrf_token_passes(cookie_client):
    cookie_client.get("/account/")  # a page with a form sets the CSRF cookie
    csrf = cookie_client.cookies["csrftoken"].value

    made = api_post(cookie_client, "/gifts", {"article_id": premium_article().pk},
                    **{"X-CSRFToken": csrf})  # fmt: skip

    assert made.status_code == 201, made.content


def test_a_token_post_needs_no_csrf_token():
    client = Client(enforce_csrf_checks=True)
    headers = token_headers(app_sign_in(with_password(subscriber("token-gifter"))))

    made = api_post(client, "/gifts", {"article_id": premium_article().pk}, **headers)

    assert made.status_code == 201, made.content


def test_an_anonymous_post_has_no_credential_to_check():
    response = api_post(Client(enforce_csrf_checks=True), "/feedback", MESSAGE)

    assert response.status_code == 201, response.content
