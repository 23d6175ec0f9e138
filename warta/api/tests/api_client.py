"""Helpers for the API's tests: requests as an app makes them, problems, the published schema."""

import json
from functools import cache
from typing import Any

from django.test import Client
from jsonschema import Draft202012Validator

from warta.api.problems import CONTENT_TYPE, Problem

PREFIX = "/api/v1"


def api_get(client: Client, path: str, **headers: str) -> Any:
    return client.get(PREFIX + path, headers=headers)


def body(response: Any) -> Any:
    return json.loads(response.content)


def assert_problem(response: Any, problem: Problem) -> dict[str, Any]:
    """``response`` is ``problem``, as RFC 7807 spells it, and no cache keeps it."""
    assert response.status_code == problem.status, response.content
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Cache-Control"] == "no-store"
    document = body(response)
    assert document["code"] == problem.code
    assert {"type", "title", "status", "detail", "instance"} <= set(document)
    assert document["status"] == problem.status
    return document


@cache
def _openapi() -> dict[str, Any]:
    return body(Client().get(f"{PREFIX}/openapi.json"))


def assert_matches_schema(document: Any, name: str) -> None:
    """``document`` is what the published OpenAPI schema says ``name`` is."""
    components = _openapi()["components"]
    validator = Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": components}
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
