"""Where a reader came from, for crediting sign-ups and subscriptions (e.g. "gift:42").

One signed cookie, written by whatever brought the reader (a gift link), read when they sign up
or start a subscription. It is signed so that nobody can credit something else by hand. The app
keeps the same signed value itself: the API hands it over in ``X-Warta-Source`` when a gift link
opens, and the app sends it back with its sign-up (``/_allauth/app/v1/auth/signup``).
"""

import re

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "warta_source"
SALT = "warta.accounts.attribution"
SOURCE = re.compile(r"^[a-z]{1,20}:[0-9]{1,18}$")
MAX_AGE_DAYS = 30
HEADER = "X-Warta-Source"


def _signer() -> signing.TimestampSigner:
    return signing.get_cookie_signer(salt=COOKIE + SALT)  # as set_signed_cookie signs


def attribution_signed(source: str) -> str:
    """The signed value of ``source``, as the cookie holds it: what the app keeps."""
    if not SOURCE.match(source):
        raise ValueError(f"Not an attribution source: {source!r}")
    return _signer().sign(source)


def _from_header(request: HttpRequest) -> str:
    raw = request.headers.get(HEADER, "")
    if not raw or len(raw) > 200:
        return ""
    try:
        return _signer().unsign(raw, max_age=MAX_AGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return ""


def attribution_read(request: HttpRequest) -> str:
    """The source this browser (its cookie) or app (``X-Warta-Source``) was credited to, or ""
    (none, or a value not of ours)."""
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT) or _from_header(request)
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
