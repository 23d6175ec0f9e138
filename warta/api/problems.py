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
    retry_after: int | None = None  # seconds, sent as Retry-After: trying later will do

    @property
    def title(self) -> str:
        return HTTPStatus(self.status).phrase

    def saying(self, detail: str) -> "Problem":
        return replace(self, detail=detail)

    def retrying_after(self, seconds: int) -> "Problem":
        return replace(self, retry_after=seconds)

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
# Who the reader is (reader_inputs.py, decision 0020).
INVALID_SESSION_TOKEN = Problem(
    401,
    "invalid_session_token",
    "The session token is unknown or has expired: sign in again (/_allauth/app/v1/auth/login).",
)
SIGN_IN_REQUIRED = Problem(401, "sign_in_required", "Sign in to use this resource.")
CSRF_FAILED = Problem(
    403,
    "csrf_failed",
    "A request signed in by the site's cookie must carry its CSRF token (X-CSRFToken); "
    "the app sends its session token instead.",
)
# Gifts (gift_writes.py): the codes of warta.gifts.services.GiftRefused, with its words.
GIFT_NOT_A_SUBSCRIBER = Problem(403, "gift_not_a_subscriber", "Only subscribers can gift.")
GIFT_NOT_PREMIUM = Problem(409, "gift_not_premium", "Only premium articles can be gifted.")
GIFT_NOT_PUBLISHED = Problem(409, "gift_not_published", "This article is not published.")
GIFT_ALLOWANCE_USED = Problem(409, "gift_allowance_used", "No gifts are left this month.")
GIFT_TOO_MANY_LINKS = Problem(429, "gift_too_many_links", "Too many gift links in an hour.")
GIFT_NOT_YOURS = Problem(403, "gift_not_yours", "Only its gifter can revoke a gift link.")
GIFT_NOT_FOUND = Problem(404, "gift_not_found", "You have no gift with this id.")
# Feedback (feedback_writes.py), with the words of warta.feedback.
FEEDBACK_INVALID = Problem(400, "feedback_invalid", "The message cannot be sent as it is.")
FEEDBACK_TOO_LARGE = Problem(413, "feedback_too_large", "The message is far too long.")
FEEDBACK_CROSS_SITE = Problem(403, "feedback_cross_site", "Feedback comes from this site only.")
FEEDBACK_RATE_LIMITED = Problem(429, "feedback_rate_limited", "Too many messages: wait a while.")

SEARCH_RATE_LIMITED = Problem(
    429, "search_rate_limited", "Too many searches in a short time: wait, then search again."
)
RATE_LIMITED = Problem(429, "rate_limited", "Too many requests: wait, then try again.")

SYNC_CURSOR_EXPIRED = Problem(
    410,
    "sync_cursor_expired",
    "The log no longer holds every change since this cursor: sync again from scratch, "
    "without `since`.",
)

PROBLEMS = (
    INVALID_PARAMETER,
    INVALID_CURSOR,
    SYNC_CURSOR_EXPIRED,
    UNKNOWN_SECTION,
    UNKNOWN_TAG,
    UNKNOWN_AUTHOR,
    URL_NOT_ON_SITE,
    ARTICLE_NOT_FOUND,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    SERVER_ERROR,
    INVALID_SESSION_TOKEN,
    SIGN_IN_REQUIRED,
    CSRF_FAILED,
    GIFT_NOT_A_SUBSCRIBER,
    GIFT_NOT_PREMIUM,
    GIFT_NOT_PUBLISHED,
    GIFT_ALLOWANCE_USED,
    GIFT_TOO_MANY_LINKS,
    GIFT_NOT_YOURS,
    GIFT_NOT_FOUND,
    FEEDBACK_INVALID,
    FEEDBACK_TOO_LARGE,
    FEEDBACK_CROSS_SITE,
    FEEDBACK_RATE_LIMITED,
    SEARCH_RATE_LIMITED,
    RATE_LIMITED,
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
    if problem.retry_after is not None:
        response["Retry-After"] = str(problem.retry_after)
    return response
