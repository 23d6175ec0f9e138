"""The API's routes, mounted by config/urls.py before the site's.

Anything under ``/api/`` is the API's: an unknown path is a ``not_found`` problem, a method an
endpoint does not take a ``method_not_allowed`` one, never the site's HTML pages.

Every endpoint is checked here the same way: the request counts against its rate limit
(``rate_limits.py``: over it, ``rate_limited`` and the endpoint does not run), a request carrying
``X-Session-Token`` must be signed in by it (else ``invalid_session_token``, before the endpoint
runs), its answer is private, and every answer says where the client stands in ``RateLimit``.
Django's CSRF middleware is bypassed for the API: the writes check it themselves, for readers
signed in by the site's cookie only (``write_guards.py``).
"""

import time
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt

from .http_caching import token_answer_private
from .problems import (
    CONTENT_TYPE,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    RATE_LIMITED,
    Problem,
    ProblemRaised,
    problem_response,
)
from .rate_limits import api_rate_count, with_rate_headers
from .session_tokens import carries_session_token, session_token_user
from .v1 import api

View = Callable[..., HttpResponse]


def _methods_as_problems(view: View) -> View:
    @csrf_exempt
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        refused: Problem | None = None
        try:
            token_valid = session_token_user(request) is not None
        except ProblemRaised as invalid:
            token_valid, refused = False, invalid.problem
        rate = api_rate_count(request, token_valid=token_valid, now=time.time())
        if not rate.allowed:
            refused = RATE_LIMITED.retrying_after(rate.reset)
        if refused is not None:
            response = problem_response(refused, instance=request.get_full_path())
            return with_rate_headers(response, rate)
        head = request.method == "HEAD"
        if head:  # every GET resource answers HEAD: the GET's headers, no body
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
            response.content = b""
        if response.status_code == 405 and response.get("Content-Type") != CONTENT_TYPE:
            allowed = response["Allow"]
            response = problem_response(METHOD_NOT_ALLOWED, instance=request.get_full_path())
            response["Allow"] = allowed
        if carries_session_token(request):
            token_answer_private(response)
        return with_rate_headers(response, rate)

    return checked


def _not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(NOT_FOUND, instance=request.get_full_path())


api_not_found = _methods_as_problems(_not_found)


def _v1_patterns() -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app_name, namespace = api.urls
    checked = [
        URLPattern(p.pattern, _methods_as_problems(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]
    return checked, app_name, namespace


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", _v1_patterns()),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
]
