"""The browser's gift grants (warta/gifts/grants.py) in a cookie: read from a request, written
on a response. The reading layer takes the grants; only the web knows they travel as a cookie."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from warta.gifts.grants import Grants, grants_dumps, grants_loads

COOKIE = "warta_gifts"


def grants_from_request(request: HttpRequest) -> Grants | None:
    return grants_loads(request.COOKIES.get(COOKIE))


def grants_set_cookie(response: HttpResponse, grants: Grants) -> None:
    response.set_cookie(
        COOKIE,
        grants_dumps(grants),
        max_age=settings.WARTA_GIFT_LINK_DAYS * 24 * 3600,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
