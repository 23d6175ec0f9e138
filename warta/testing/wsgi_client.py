"""A test client whose requests go through a WSGI application as servers run it (warta's caches
in front of Django). Django's own test client calls Django's handler directly and would never
see them. Subclasses name the ``application``."""

from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from typing import Any, ClassVar

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import Client


class WsgiClient(Client):
    application: ClassVar[Callable[..., Iterable[bytes]]]

    def request(self, **request: Any) -> HttpResponse:  # type: ignore[override]
        environ = self._base_environ(**request)  # type: ignore[attr-defined]
        seen: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            seen["status"], seen["headers"] = status, headers
            return lambda data: None

        # As Django's own test client does: the test's transaction must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = type(self).application(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        response = HttpResponse(body, status=int(seen["status"].split(" ", 1)[0]))
        for name, value in seen["headers"]:
            if name.lower() == "set-cookie":
                cookie: SimpleCookie = SimpleCookie()
                cookie.load(value)
                self.cookies.update(cookie)
                response.cookies.update(cookie)
            else:
                response[name] = value
        return response
