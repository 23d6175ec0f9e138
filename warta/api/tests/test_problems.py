"""Bad input is a problem for the app to read, with a stable code: never a server error, never the
site's HTML."""

import pytest

from warta.api import problems as p
from warta.newsroom.tests.factories import ArticleFactory

from .api_client import PREFIX, api_get, assert_problem, body

pytestmark = pytest.mark.django_db

BAD = [
    ("/articles?cursor=not-a-cursor", p.INVALID_CURSOR),
    ("/articles?cursor=", p.INVALID_CURSOR),
    ("/articles?cursor=" + "A" * 500, p.INVALID_PARAMETER),
    ("/articles?limit=abc", p.INVALID_PARAMETER),
    ("/articles?limit=0", p.INVALID_PARAMETER),
    ("/articles?limit=-5", p.INVALID_PARAMETER),
    ("/articles?limit=2.5", p.INVALID_PARAMETER),
    ("/articles?section=nowhere", p.UNKNOWN_SECTION),
    ("/articles?tag=nothing", p.UNKNOWN_TAG),
    ("/articles?author=nobody", p.UNKNOWN_AUTHOR),
    ("/articles?section=" + "x" * 300, p.INVALID_PARAMETER),
    ("/articles?section=%00", p.INVALID_PARAMETER),
    ("/articles?tag=a%20b", p.INVALID_PARAMETER),
    ("/articles?author=", p.INVALID_PARAMETER),
    ("/articles?cursor=%00", p.INVALID_CURSOR),
    ("/resolve?url=https://news.example/world/2026/01/08/a%00b.html", p.ARTICLE_NOT_FOUND),
    ("/articles/abc", p.INVALID_PARAMETER),
    ("/articles/-1", p.INVALID_PARAMETER),
    ("/articles/0", p.INVALID_PARAMETER),
    ("/articles/" + "9" * 30, p.INVALID_PARAMETER),
    ("/articles/1.5", p.INVALID_PARAMETER),
    ("/resolve?url=ftp://news.example/x", p.URL_NOT_ON_SITE),
    ("/nothing-here", p.NOT_FOUND),
    ("/articles/1/more", p.NOT_FOUND),
]


@pytest.mark.parametrize(("path", "problem"), BAD)
def test_bad_input_is_a_problem_with_its_code(client, path, problem):
    ArticleFactory()

    document = assert_problem(api_get(client, path), problem)

    assert document["instance"].startswith(PREFIX)


def test_a_bad_parameter_is_named(client):
    document = body(api_get(client, "/articles?limit=abc"))

    assert [param["name"] for param in document["invalid_params"]] == ["limit"]


def test_paths_outside_the_version_are_problems_too(client):
    assert_problem(client.get("/api/v2/articles"), p.NOT_FOUND)
    assert_problem(client.get("/api/"), p.NOT_FOUND)


def test_a_method_the_api_does_not_take_is_a_problem(client):
    response = client.post(f"{PREFIX}/articles", data={})

    assert_problem(response, p.METHOD_NOT_ALLOWED)
    assert response["Allow"] == "GET"


def test_problem_codes_are_unique_and_stable():
    assert len({problem.code for problem in p.PROBLEMS}) == len(p.PROBLEMS)
    assert all(problem.code.isidentifier() and problem.code.islower() for problem in p.PROBLEMS)
