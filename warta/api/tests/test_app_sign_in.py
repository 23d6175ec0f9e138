"""The app signs in with allauth's headless app client and reads by its session token; a token
that signs nobody in is a problem, never an anonymous answer; a token's answers are private."""

import json

import pytest
from django.test import Client

from warta.api import problems
from warta.subscriptions.tests.factories import ReaderFactory, SubscriptionFactory

from .api_client import api_get, assert_problem, body
from .app_sign_in import PASSWORD, SESSION, app_sign_in, token_headers, with_password
from .newsroom_data import PREMIUM_CANARY, premium_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    user = with_password(ReaderFactory(username="app-subscriber"))
    SubscriptionFactory(user=user)
    return user


def test_a_subscriber_signs_in_in_the_app_and_reads_a_premium_article_whole(subscriber):
    article = premium_article()
    token = app_sign_in(subscriber)

    response = api_get(Client(), f"/articles/{article.pk}", **token_headers(token))

    assert response.status_code == 200
    assert body(response)["access"] == {"full": True, "reason": "subscriber"}
    assert PREMIUM_CANARY in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("Surrogate-Key")
    assert "X-Session-Token" in response["Vary"]


@pytest.mark.parametrize("path", ["/articles/{pk}", "/articles", "/sections", "/me"])
def test_an_unknown_token_is_a_problem_on_every_endpoint(path):
    article = premium_article()

    response = api_get(Client(), path.format(pk=article.pk), **token_headers("nonsense"))

    assert_problem(response, problems.INVALID_SESSION_TOKEN)


def test_a_token_signed_out_is_refused_not_read_as_anonymous(subscriber):
    article = premium_article()
    token = app_sign_in(subscriber)
    signed_out = Client().delete(SESSION, headers=token_headers(token))
    assert signed_out.status_code == 401  # allauth: signed out

    response = api_get(Client(), f"/articles/{article.pk}", **token_headers(token))

    assert_problem(response, problems.INVALID_SESSION_TOKEN)


def test_a_bad_token_is_refused_even_beside_a_signed_in_cookie(subscriber):
    article = premium_article()
    client = Client()
    client.force_login(subscriber)

    response = api_get(client, f"/articles/{article.pk}", **token_headers("stale"))

    assert_problem(response, problems.INVALID_SESSION_TOKEN)


@pytest.mark.parametrize("path", ["/sections", "/articles"])
def test_a_tokens_lists_are_private_and_name_no_keys(subscriber, path):
    premium_article()
    token = app_sign_in(subscriber)

    response = api_get(Client(), path, **token_headers(token))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("Surrogate-Key")


def test_a_tokens_answer_revalidates_privately(subscriber):
    article = premium_article()
    token = app_sign_in(subscriber)
    first = api_get(Client(), f"/articles/{article.pk}", **token_headers(token))

    again = api_get(Client(), f"/articles/{article.pk}",
                    **{**token_headers(token), "If-None-Match": first["ETag"]})  # fmt: skip

    assert again.status_code == 304
    assert again["Cache-Control"] == "private, no-cache"
    assert not again.has_header("Surrogate-Key")


def test_allauths_app_answers_are_never_kept_by_a_shared_cache(subscriber):
    token = app_sign_in(subscriber)

    response = Client().get(SESSION, headers=token_headers(token))

    assert response.status_code == 200
    assert json.loads(response.content)["data"]["user"]["username"] == "app-subscriber"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_sites_own_sign_in_still_works(subscriber):
    client = Client()

    page = client.get("/accounts/login/")
    signed_in = client.post("/accounts/login/", {"login": "app-subscriber", "password": PASSWORD})

    assert page.status_code == 200
    assert signed_in.status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_token_is_looked_up_with_one_read_of_the_session(subscriber, settings):
    """allauth's own strategy read the session table twice a request (exists, then load)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SESSION_ENGINE = "warta.accounts.sessions"  # the database's, as without Redis
    token = app_sign_in(subscriber)

    with CaptureQueriesContext(connection) as queries:
        response = api_get(Client(), "/sections", **token_headers(token))

    assert response.status_code == 200
    assert len([q for q in queries.captured_queries if "django_session" in q["sql"]]) == 1


def test_an_expired_session_token_is_refused(subscriber, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    # The database's store, whose row says when it expires (with Redis, cached_db's copy
    # expires in the cache with the session's age).
    settings.SESSION_ENGINE = "warta.accounts.sessions"
    token = app_sign_in(subscriber)
    Session.objects.filter(session_key=token).update(expire_date=timezone.now())

    assert_problem(
        api_get(Client(), "/sections", **token_headers(token)), problems.INVALID_SESSION_TOKEN
    )
