"""The API's routes, mounted by config/urls.py before the site's.

Anything under ``/api/`` is the API's: an unknown path is a ``not_found`` problem, a method an
endpoint does not take a ``method_not_allowed`` one, never the site's HTML pages. The API takes
no unsafe method yet, so there is no CSRF check to keep: writes come with the app's tokens.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt

from .problems import CONTENT_TYPE, METHOD_NOT_ALLOWED, NOT_FOUND, problem_response
from .v1 import api

View = Callable[..., HttpResponse]


def _methods_as_problems(view: View) -> View:
    @csrf_exempt
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type") != CONTENT_TYPE:
            allowed = response["Allow"]
            response = problem_response(METHOD_NOT_ALLOWED, instance=request.get_full_path())
            response["Allow"] = allowed
        return response

    return checked


@csrf_exempt
def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(NOT_FOUND, instance=request.get_full_path())


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
