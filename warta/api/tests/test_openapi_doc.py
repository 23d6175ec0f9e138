"""The published schema, completed by ``openapi_doc.py``: problems, security, headers, examples."""

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from warta.api import problems
from warta.api.openapi_doc import (
    DEFAULT_PROBLEMS,
    OPERATION_PROBLEMS,
    SECURITY_SCHEME,
    TOKEN_REQUIRED,
    schema_name,
)
from warta.api.openapi_examples import EXAMPLES
from warta.api.problems import CONTENT_TYPE

from .api_client import PREFIX, body

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(client) -> dict[str, Any]:
    return body(client.get(f"{PREFIX}/openapi.json"))


def operations(schema: dict[str, Any]):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path.removeprefix(PREFIX), operation


def errors_of(document: Any, subschema: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator({**subschema, "components": schema["components"]})
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_every_known_operation_is_in_the_table(schema):
    known = {(method, route) for method, route, _ in operations(schema)}

    assert set(OPERATION_PROBLEMS) <= known


def test_every_operation_declares_the_rate_limit_and_a_bad_token(schema):
    for method, route, operation in operations(schema):
        responses = operation["responses"]
        limited = responses["429"]
        examples = limited["content"][CONTENT_TYPE]["examples"]
        assert problems.RATE_LIMITED.code in examples, (method, route)
        assert {"Retry-After", "RateLimit", "RateLimit-Policy"} <= set(limited["headers"])
        unknown_token = responses["401"]["content"][CONTENT_TYPE]["examples"]
        assert problems.INVALID_SESSION_TOKEN.code in unknown_token, (method, route)


def test_every_operation_declares_its_problems_with_examples_of_their_codes(schema):
    for method, route, operation in operations(schema):
        own = OPERATION_PROBLEMS.get((method, route), DEFAULT_PROBLEMS)
        for problem in own:
            response = operation["responses"][str(problem.status)]
            media = response["content"][CONTENT_TYPE]
            assert media["schema"] == {"$ref": "#/components/schemas/Problem"}
            assert problem.code in response["description"], (method, route, problem.code)
            example = media["examples"][problem.code]["value"]
            assert example["code"] == problem.code
            assert example["status"] == problem.status
            assert example["detail"] == problem.detail


def test_parameters_may_be_invalid_where_there_are_parameters(schema):
    by_route = {(method, route): operation for method, route, operation in operations(schema)}

    for key in [("get", "/articles"), ("get", "/resolve"), ("post", "/gifts"), ("get", "/sync")]:
        examples = by_route[key]["responses"]["400"]["content"][CONTENT_TYPE]["examples"]
        assert problems.INVALID_PARAMETER.code in examples
    assert "400" not in by_route[("get", "/sections")]["responses"]
    assert "410" in by_route[("get", "/sync")]["responses"]
    assert "413" in by_route[("post", "/feedback")]["responses"]
    assert "409" in by_route[("post", "/gifts")]["responses"]


def test_every_problem_example_is_a_problem(schema):
    problem_schema = {"$ref": "#/components/schemas/Problem"}
    for _method, _route, operation in operations(schema):
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get(CONTENT_TYPE)
            if media is None:
                continue
            for example in media["examples"].values():
                assert errors_of(example["value"], problem_schema, schema) == []
                assert str(example["value"]["status"]) == status


def test_every_success_and_request_body_has_an_example_that_is_valid(schema):
    checked = 0
    for method, route, operation in operations(schema):
        bodies = [
            response["content"]["application/json"]
            for status, response in operation["responses"].items()
            if status in ("200", "201")
        ]
        if "requestBody" in operation:
            bodies.append(operation["requestBody"]["content"]["application/json"])
        for media in bodies:
            if (method, route) not in OPERATION_PROBLEMS and "example" not in media:
                continue  # a new endpoint: its examples may come later
            assert "example" in media, (method, route)
            assert errors_of(media["example"], media["schema"], schema) == [], (method, route)
            checked += 1
    assert checked >= 13


def test_every_example_is_used(schema):
    used = set()
    for _method, _route, operation in operations(schema):
        media = [r.get("content", {}) for r in operation["responses"].values()]
        media.append(operation.get("requestBody", {}).get("content", {}))
        used |= {
            schema_name(m["application/json"]["schema"])
            for m in media
            if "example" in m.get("application/json", {})
        }

    assert used == set(EXAMPLES)


def test_the_session_token_is_a_security_scheme(schema):
    scheme = schema["components"]["securitySchemes"][SECURITY_SCHEME]

    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "X-Session-Token"}
    for method, route, operation in operations(schema):
        if (method, route) in TOKEN_REQUIRED:
            assert operation["security"] == [{SECURITY_SCHEME: []}], route
        else:
            assert operation["security"] == [{}, {SECURITY_SCHEME: []}], route


def test_gift_rate_limit_and_conditional_headers(schema):
    for method, route, operation in operations(schema):
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        if route in ("/articles/{article_id}", "/resolve"):
            assert {"X-Gift-Token", "X-Gift-Grants"} <= headers
            assert "X-Gift-Grants" in operation["responses"]["200"]["headers"]
        success = [r for status, r in operation["responses"].items() if status in ("200", "201")]
        assert all({"RateLimit", "RateLimit-Policy"} <= set(r["headers"]) for r in success)
        if method == "get":
            assert "If-None-Match" in headers
            assert "ETag" in operation["responses"]["200"]["headers"]
            assert "content" not in operation["responses"]["304"]
        else:
            assert "304" not in operation["responses"]


def test_the_schema_is_the_same_each_time(client):
    first = client.get(f"{PREFIX}/openapi.json").content

    assert client.get(f"{PREFIX}/openapi.json").content == first


def test_the_docs_page_answers(client):
    response = client.get(f"{PREFIX}/docs")

    assert response.status_code == 200
    assert f"{PREFIX}/openapi.json" in response.content.decode()
