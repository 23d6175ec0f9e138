"""ETags and conditional GET on every successful answer."""

import pytest

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory

from .api_client import api_get
from .newsroom_data import premium_article, reader_client

pytestmark = pytest.mark.django_db


def _paths(article) -> list[str]:
    return ["/sections", "/articles", f"/articles/{article.pk}", "/articles?section=world"]


@pytest.mark.parametrize("which", range(4))
def test_a_matching_etag_is_answered_not_modified(client, which):
    article = ArticleFactory(section=SectionFactory(slug="world"))
    path = _paths(article)[which]
    first = api_get(client, path)

    again = api_get(client, path, **{"If-None-Match": first["ETag"]})

    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Surrogate-Key"] == first["Surrogate-Key"]


def test_a_change_gives_a_new_etag_and_the_new_answer(client):
    article = ArticleFactory(headline="Ports close")
    first = api_get(client, f"/articles/{article.pk}")
    article.headline = "Ports reopen"
    article.save()

    again = api_get(client, f"/articles/{article.pk}", **{"If-None-Match": first["ETag"]})

    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert b"Ports reopen" in again.content


def test_any_of_several_etags_and_weak_ones_match(client):
    first = api_get(client, "/sections")

    listed = api_get(client, "/sections", **{"If-None-Match": f'"other", W/{first["ETag"]}'})

    assert listed.status_code == 304


def test_a_subscriber_revalidates_privately():
    article = premium_article()
    subscriber = reader_client("subscriber")
    first = api_get(subscriber, f"/articles/{article.pk}")

    again = api_get(subscriber, f"/articles/{article.pk}", **{"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again["Cache-Control"] == "private, no-cache"


def test_every_get_resource_answers_head_with_its_headers_and_no_body():
    from django.test import Client

    get = Client().get("/api/v1/sections")
    head = Client().head("/api/v1/sections")

    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Cache-Control"] == get["Cache-Control"]
