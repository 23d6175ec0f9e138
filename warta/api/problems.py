"""Errors as RFC 7807 problem details (``application/problem+json``).

Every error the API answers is one of the ``Problem`` values below, or one made from them with a
``detail`` for the request. ``code`` is the stable part: apps branch on it, and tests assert it.
``type`` is ``about:blank`` (RFC 7807, section 4.2): a problem means no more than its status and
its code, so ``title`` is the status's own phrase; ``detail`` says what was wrong in words.
"""

import json
from dataclasses import dataclass, field, replace
from http import HTTPStatus

from django.http import HttpResponse

CONTENT_TYPE = "application/problem+json"


@dataclass(frozen=True)
class InvalidParam:
    name: str
    reason: str


@dataclass(frozen=True)
class Problem:
    status: int
    code: str
    detail: str
    invalid_params: tuple[InvalidParam, ...] = field(default=())

    @property
    def title(self) -> str:
        return HTTPStatus(self.status).phrase

    def saying(self, detail: str) -> "Problem":
        return replace(self, detail=detail)

    def document(self, *, instance: str) -> dict[str, object]:
        document: dict[str, object] = {
            "type": "about:blank",
            "title": self.title,
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
            "instance": instance,
        }
        if self.invalid_params:
            document["invalid_params"] = [
                {"name": p.name, "reason": p.reason} for p in self.invalid_params
            ]
        return document


class ProblemRaised(Exception):
    """Raised where the request cannot be answered; the API turns it into its problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


INVALID_PARAMETER = Problem(400, "invalid_parameter", "A parameter of the request is not valid.")
INVALID_CURSOR = Problem(
    400, "invalid_cursor", "The cursor is not one this API gave out: start again without it."
)
UNKNOWN_SECTION = Problem(400, "unknown_section", "There is no section with this slug.")
UNKNOWN_TAG = Problem(400, "unknown_tag", "There is no tag with this slug.")
UNKNOWN_AUTHOR = Problem(400, "unknown_author", "There is no author with this slug.")
URL_NOT_ON_SITE = Problem(400, "url_not_on_site", "The URL is not an address of this site.")
ARTICLE_NOT_FOUND = Problem(404, "article_not_found", "No published article is there.")
NOT_FOUND = Problem(404, "not_found", "The API has no such resource.")
METHOD_NOT_ALLOWED = Problem(405, "method_not_allowed", "The resource does not take this method.")
SERVER_ERROR = Problem(500, "server_error", "Something went wrong on our side.")

PROBLEMS = (
    INVALID_PARAMETER,
    INVALID_CURSOR,
    UNKNOWN_SECTION,
    UNKNOWN_TAG,
    UNKNOWN_AUTHOR,
    URL_NOT_ON_SITE,
    ARTICLE_NOT_FOUND,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    SERVER_ERROR,
)


def problem_response(problem: Problem, *, instance: str) -> HttpResponse:
    """The problem as an HTTP response. Never kept by any cache: a problem is the answer to one
    request, and a missing article may be published a moment later."""
    response = HttpResponse(
        json.dumps(problem.document(instance=instance)),
        status=problem.status,
        content_type=CONTENT_TYPE,
    )
    response["Cache-Control"] = "no-store"
    return response
