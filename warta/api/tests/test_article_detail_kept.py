"""An article's answers are made from what the cache keeps of it (its reference and both bodies,
``article_reads``), with the production caches on: every change that names the article reaches
the next read, and each reader still gets the body their own decision allows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from warta.api import problems
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.models import AccessLevel
from warta.newsroom.services import article_create, article_publish, article_unpublish
from warta.newsroom.tests.factories import SectionFactory, paragraphs

from .api_client import api_get, assert_problem, body
from .app_sign_in import app_sign_in, token_headers, with_password

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_caches")]


def _article_queries(client: Client, path: str, **headers: str) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api_get(client, path, **headers)
    assert response.status_code == 200, response.content
    rows = [q["sql"] for q in queries.captured_queries if "newsroom_article" in q["sql"]]
    return body(response), len(rows)


def test_a_second_read_takes_the_article_from_the_cache():
    article = premium_article()
    path = f"/articles/{article.pk}"

    _, first = _article_queries(Client(), path)
    found, second = _article_queries(Client(), path)

    assert first > 0 and second == 0
    assert found["access"] == {"full": False, "reason": "subscription_required"}


def test_each_reader_gets_their_own_body_from_the_one_kept_article():
    article = premium_article()
    token = app_sign_in(with_password(subscriber("kept-subscriber")))
    path = f"/articles/{article.pk}"

    reads = [
        api_get(Client(), path, **token_headers(token)),
        api_get(Client(), path),
        api_get(Client(), path, **token_headers(token)),
    ]

    assert [CANARY in r.content.decode() for r in reads] == [True, False, True]
    assert [body(r)["access"]["reason"] for r in reads] == [
        "subscriber",
        "subscription_required",
        "subscriber",
    ]
    assert [body(r)["complete"] for r in reads] == [True, False, True]


def _story():
    return article_create(
        headline="Ferry timetable changes",
        slug="ferry-timetable-changes",
        dek="A summary.",
        section=SectionFactory(slug="travel"),
        body=paragraphs("The first timetable."),
        publish=True,
        published_at=timezone.now() - timedelta(hours=1),
    )


def test_an_update_reaches_the_next_read():
    story = _story()
    path = f"/articles/{story.pk}"
    api_get(Client(), path)

    story.body = paragraphs("The second timetable.")
    story.save_revision()
    article_publish(article=story)

    assert "The second timetable." in api_get(Client(), path).content.decode()


def test_an_unpublished_article_is_gone_at_once():
    story = _story()
    path = f"/articles/{story.pk}"
    api_get(Client(), path)

    article_unpublish(article=story)

    assert_problem(api_get(Client(), path), problems.ARTICLE_NOT_FOUND)


def test_access_raised_is_the_teaser_at_once():
    story = _story()
    path = f"/articles/{story.pk}"
    assert body(api_get(Client(), path))["access"]["full"] is True

    story.access_level = AccessLevel.PREMIUM
    story.save_revision()
    article_publish(article=story)

    found = body(api_get(Client(), path))
    assert found["access"] == {"full": False, "reason": "subscription_required"}
    assert found["access_level"] == "premium"


def test_resolve_reads_the_same_kept_article():
    story = _story()
    url = "https://news.example" + story.get_absolute_url()
    api_get(Client(), f"/articles/{story.pk}")

    found, article_rows = _article_queries(Client(), f"/resolve?url={url}")

    assert found["id"] == story.pk
    assert article_rows == 1  # the slug's pk; the article itself from the cache
