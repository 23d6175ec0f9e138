"""Where a reader came from, for crediting sign-ups and subscriptions (e.g. "gift:42").

One signed cookie, written by whatever brought the reader (a gift link), read when they sign up
or start a subscription. It is signed so that nobody can credit something else by hand.
"""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "warta_source"
SALT = "warta.accounts.attribution"
SOURCE = re.compile(r"^[a-z]{1,20}:[0-9]{1,18}$")
MAX_AGE_DAYS = 30


def attribution_read(request: HttpRequest) -> str:
    """The source this browser was credited to, or "" (none, or a cookie not of ours)."""
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT) or ""
    return value if SOURCE.match(value) else ""


def attribution_write(response: HttpResponse, source: str) -> None:
    if not SOURCE.match(source):
        raise ValueError(f"Not an attribution source: {source!r}")
    response.set_signed_cookie(
        COOKIE,
        source,
        salt=SALT,
        max_age=MAX_AGE_DAYS * 24 * 3600,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
