"""``/api/v1/``: the API object, its documentation and how every error becomes a problem.

An error never reaches the app as Django's HTML page: a parameter ninja could not read, a
``ProblemRaised`` from an answer, an unknown resource or method, and an unexpected failure
(logged, then answered ``server_error``) are all problem details (``problems.py``).
"""

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from .endpoints import router
from .http_caching import conditional
from .openapi_doc import openapi_completed
from .problems import (
    INVALID_PARAMETER,
    NOT_FOUND,
    SERVER_ERROR,
    InvalidParam,
    Problem,
    ProblemRaised,
    problem_response,
)
from .reader_endpoints import router as reader_router
from .sync_endpoints import sync_router

logger = logging.getLogger(__name__)


class ContentApi(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """ninja's schema, completed with the problems, headers and examples (openapi_doc.py)."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        openapi_completed(schema, path_prefix=path_prefix)
        return schema


api = ContentApi(
    title="warta content API",
    version="1",
    description="Sections, articles and their bodies for the publisher's app (docs/api.md).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", router)
api.add_router("/", reader_router)
api.add_router("/", sync_router())


def _invalid_param(error: dict[str, Any]) -> InvalidParam:
    where = [str(part) for part in error.get("loc", ())]
    return InvalidParam(name=where[-1] if where else "", reason=str(error.get("msg", "")))


@api.exception_handler(ProblemRaised)
def _problem(request: HttpRequest, exc: ProblemRaised) -> HttpResponse:
    return problem_response(exc.problem, instance=request.get_full_path())


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problem = Problem(
        status=INVALID_PARAMETER.status,
        code=INVALID_PARAMETER.code,
        detail=INVALID_PARAMETER.detail,
        invalid_params=tuple(_invalid_param(error) for error in exc.errors),
    )
    return problem_response(problem, instance=request.get_full_path())


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(NOT_FOUND, instance=request.get_full_path())


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    problem = Problem(status=exc.status_code, code="http_error", detail=exc.message)
    return problem_response(problem, instance=request.get_full_path())


@api.exception_handler(Exception)
def _failed(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API request failed: %s", request.path, exc_info=exc)
    return problem_response(SERVER_ERROR, instance=request.get_full_path())
