"""The OpenAPI schema, completed: what ninja cannot see from the endpoints' signatures.

- Every operation declares the problems it can answer (``application/problem+json``, the
  ``Problem`` component), by status, with an example of each ``code`` made from ``problems.py``
  (so the schema cannot drift from what is answered). The codes per operation are in
  ``OPERATION_PROBLEMS``; an operation not in it (a new endpoint) gets ``DEFAULT_PROBLEMS``.
- The session token as a security scheme: optional on reads, required on ``/me`` and gifts.
- The headers the endpoints read and send that are not parameters of theirs: ``X-Gift-Token`` and
  ``X-Gift-Grants`` on an article, ``ETag`` and ``If-None-Match`` (and the ``304``) on GETs,
  ``RateLimit`` and ``RateLimit-Policy`` on answers, with ``Retry-After`` on a ``429``.
- An example on every success answer and request body (``openapi_examples.py``).
"""

import copy
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from warta.accounts.attribution import HEADER as SOURCE_HEADER

from . import problems
from .app_grants import GIFT_TOKEN_HEADER, GRANTS_HEADER
from .openapi_examples import ETAG_EXAMPLE, EXAMPLES, GIFT_GRANTS_EXAMPLE, GIFT_TOKEN_EXAMPLE
from .problems import CONTENT_TYPE, Problem
from .rate_limits import POLICY_HEADER, STATE_HEADER
from .session_tokens import HEADER as SESSION_TOKEN_HEADER

SECURITY_SCHEME = "sessionToken"
OPTIONAL_TOKEN: list[dict[str, list[str]]] = [{}, {SECURITY_SCHEME: []}]
REQUIRED_TOKEN: list[dict[str, list[str]]] = [{SECURITY_SCHEME: []}]

# Every operation may answer these: a token the server does not know, the rate limits
# (rate_limits.py), a failure.
EVERY_OPERATION = (problems.INVALID_SESSION_TOKEN, problems.RATE_LIMITED, problems.SERVER_ERROR)
# An operation with parameters or a body may find them invalid.
WITH_INPUTS = (problems.INVALID_PARAMETER,)
DEFAULT_PROBLEMS = (problems.INVALID_PARAMETER, *EVERY_OPERATION)

_WRITER = (problems.SIGN_IN_REQUIRED, problems.CSRF_FAILED)

# (method, path under the API's root): what the endpoint itself may answer.
OPERATION_PROBLEMS: dict[tuple[str, str], tuple[Problem, ...]] = {
    ("get", "/sections"): (),
    ("get", "/articles"): (
        problems.INVALID_CURSOR,
        problems.UNKNOWN_SECTION,
        problems.UNKNOWN_TAG,
        problems.UNKNOWN_AUTHOR,
    ),
    ("get", "/articles/{article_id}"): (problems.ARTICLE_NOT_FOUND,),
    ("get", "/resolve"): (problems.URL_NOT_ON_SITE, problems.ARTICLE_NOT_FOUND),
    ("get", "/search"): (problems.INVALID_CURSOR, problems.SEARCH_RATE_LIMITED),
    ("get", "/me"): (problems.SIGN_IN_REQUIRED,),
    ("get", "/gifts"): (problems.SIGN_IN_REQUIRED,),
    ("post", "/gifts"): (
        *_WRITER,
        problems.ARTICLE_NOT_FOUND,
        problems.GIFT_NOT_A_SUBSCRIBER,
        problems.GIFT_NOT_PREMIUM,
        problems.GIFT_NOT_PUBLISHED,
        problems.GIFT_ALLOWANCE_USED,
        problems.GIFT_TOO_MANY_LINKS,
    ),
    ("delete", "/gifts/{gift_id}"): (*_WRITER, problems.GIFT_NOT_YOURS, problems.GIFT_NOT_FOUND),
    ("post", "/feedback"): (
        problems.CSRF_FAILED,
        problems.FEEDBACK_INVALID,
        problems.FEEDBACK_TOO_LARGE,
        problems.FEEDBACK_CROSS_SITE,
        problems.FEEDBACK_RATE_LIMITED,
    ),
    ("get", "/sync"): (problems.INVALID_CURSOR, problems.SYNC_CURSOR_EXPIRED),
}

# Signed in or nothing; every other operation reads as an anonymous reader without a token.
TOKEN_REQUIRED = {
    ("get", "/me"),
    ("get", "/gifts"),
    ("post", "/gifts"),
    ("delete", "/gifts/{gift_id}"),
}
# Read as the article page reads it: a gift link's token, the device's grants.
GIFT_READS = {("get", "/articles/{article_id}"), ("get", "/resolve")}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "An RFC 7807 problem. Branch on `code`; show `detail` to the reader as it is.",
    "type": "object",
    "properties": {
        "type": {"type": "string", "description": "Always `about:blank`."},
        "title": {"type": "string", "description": "The status's own phrase."},
        "status": {"type": "integer"},
        "code": {"type": "string", "description": "Stable: what went wrong."},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "The path and query asked."},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "code", "detail", "instance"],
}

ETAG_HEADER = {
    "description": "The answer's tag: send it back in `If-None-Match`.",
    "schema": {"type": "string"},
    "example": ETAG_EXAMPLE,
}
# On every answer while the limits are on (draft-ietf-httpapi-ratelimit-headers).
RATE_STATE_HEADERS: dict[str, Any] = {
    STATE_HEADER: {
        "description": "Requests left in this window, and its seconds left.",
        "schema": {"type": "string"},
        "example": '"address";r=599;t=42',
    },
    POLICY_HEADER: {
        "description": "The limit that counts this request: requests per window, in seconds.",
        "schema": {"type": "string"},
        "example": '"address";q=600;w=60',
    },
}
RATE_LIMIT_HEADERS: dict[str, Any] = {
    "Retry-After": {
        "description": "Seconds to wait before asking again.",
        "schema": {"type": "integer"},
        "example": 42,
    },
    **RATE_STATE_HEADERS,
}


def openapi_completed(schema: dict[str, Any], *, path_prefix: str) -> dict[str, Any]:
    """``schema`` (ninja's, for the API at ``path_prefix``) with everything above, in place."""
    schema["paths"] = copy.deepcopy(schema["paths"])
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components["securitySchemes"] = {
        SECURITY_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": SESSION_TOKEN_HEADER,
            "description": "The `meta.session_token` of the sign-in, /_allauth/app/v1/auth/login.",
        }
    }
    prefix = path_prefix.rstrip("/")
    for path, item in schema["paths"].items():
        route = path[len(prefix) :] if path.startswith(prefix) else path
        for method, operation in item.items():
            _operation_completed(method, route, operation, path=path)
    return schema


def operation_problems(method: str, route: str, operation: dict[str, Any]) -> tuple[Problem, ...]:
    own = OPERATION_PROBLEMS.get((method, route))
    if own is None:
        return DEFAULT_PROBLEMS
    inputs = WITH_INPUTS if operation.get("parameters") or "requestBody" in operation else ()
    return (*inputs, *own, *EVERY_OPERATION)


def _operation_completed(method: str, route: str, operation: dict[str, Any], *, path: str) -> None:
    key = (method, route)
    found = operation_problems(method, route, operation)  # before the headers' parameters
    operation["security"] = REQUIRED_TOKEN if key in TOKEN_REQUIRED else OPTIONAL_TOKEN
    parameters = operation.setdefault("parameters", [])
    responses = operation.setdefault("responses", {})
    _examples_added(operation, responses)
    for status in (200, 201):
        if status in responses:
            responses[status].setdefault("headers", {}).update(RATE_STATE_HEADERS)
    if method == "get":
        parameters.append(
            _header_parameter("If-None-Match", "An `ETag` this API gave: 304 if unchanged.")
        )
        if 200 in responses:
            responses[200].setdefault("headers", {})["ETag"] = ETAG_HEADER
        responses[304] = {
            "description": "Not Modified: the answer is the one tagged `If-None-Match`.",
            "headers": {"ETag": ETAG_HEADER},
        }
    if key in GIFT_READS:
        parameters.append(
            _header_parameter(
                GIFT_TOKEN_HEADER,
                "A gift link's token (its `gift` parameter): opens the article on this device.",
                GIFT_TOKEN_EXAMPLE,
            )
        )
        parameters.append(
            _header_parameter(
                GRANTS_HEADER,
                "The last `X-Gift-Grants` an answer gave this device.",
                GIFT_GRANTS_EXAMPLE,
            )
        )
        responses[200].setdefault("headers", {})[GRANTS_HEADER] = {
            "description": "After a gift link was opened: the grants to send from now on.",
            "schema": {"type": "string"},
            "example": GIFT_GRANTS_EXAMPLE,
        }
        responses[200]["headers"][SOURCE_HEADER] = {
            "description": "After a gift link was opened: send it with the app's sign-up "
            "(`/_allauth/app/v1/auth/signup`) to credit it to the gift.",
            "schema": {"type": "string"},
        }
    for status, answered in _by_status(found).items():
        responses[status] = _problem_response(status, answered, instance=path)


def _examples_added(operation: dict[str, Any], responses: dict[int, Any]) -> None:
    body = operation.get("requestBody")
    if body is not None:
        for media in body.get("content", {}).values():
            _example_set(media)
    for status in (200, 201):
        for media in responses.get(status, {}).get("content", {}).values():
            _example_set(media)


def _example_set(media: dict[str, Any]) -> None:
    name = schema_name(media.get("schema", {}))
    if name in EXAMPLES:
        media["example"] = EXAMPLES[name]


def schema_name(schema: dict[str, Any]) -> str:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else str(schema.get("title", ""))


def _header_parameter(name: str, description: str, example: str | None = None) -> dict[str, Any]:
    parameter: dict[str, Any] = {
        "in": "header",
        "name": name,
        "required": False,
        "description": description,
        "schema": {"type": "string"},
    }
    if example is not None:
        parameter["example"] = example
    return parameter


def _by_status(found: Iterable[Problem]) -> dict[int, list[Problem]]:
    statuses: dict[int, list[Problem]] = {}
    for problem in found:
        if problem not in statuses.setdefault(problem.status, []):
            statuses[problem.status].append(problem)
    return dict(sorted(statuses.items()))


def problem_example(problem: Problem, *, instance: str) -> dict[str, object]:
    if problem is problems.INVALID_PARAMETER:
        problem = Problem(
            problem.status,
            problem.code,
            problem.detail,
            invalid_params=(problems.InvalidParam("limit", "Input should be a valid integer"),),
        )
    return problem.document(instance=instance)


def _problem_response(status: int, found: list[Problem], *, instance: str) -> dict[str, Any]:
    codes = ", ".join(f"`{problem.code}`" for problem in found)
    response: dict[str, Any] = {
        "description": f"{HTTPStatus(status).phrase}: {codes}",
        "content": {
            CONTENT_TYPE: {
                "schema": {"$ref": "#/components/schemas/Problem"},
                "examples": {
                    problem.code: {
                        "summary": problem.detail,
                        "value": problem_example(problem, instance=instance),
                    }
                    for problem in found
                },
            }
        },
    }
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        response["headers"] = RATE_LIMIT_HEADERS
    return response
