"""A browser's gift grants: which articles gift links opened here, in one signed cookie.

The cookie holds the browser's random key (the same for every link it opens) and, per article,
the gift that opened it. It is signed (one salt for this purpose), so a reader cannot forge a
grant or move one to another article; what it says is checked against the database on each view.
"""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "warta_gifts"
SALT = "warta.gifts.grant"
MAX_ARTICLES = 30  # the oldest grants drop out first


@dataclass
class Grants:
    browser_key: str
    gifts: dict[int, int] = field(default_factory=dict)  # article id -> gift id

    def with_gift(self, *, article_id: int, gift_id: int) -> "Grants":
        gifts = {a: g for a, g in self.gifts.items() if a != article_id}
        gifts[article_id] = gift_id
        return Grants(self.browser_key, dict(list(gifts.items())[-MAX_ARTICLES:]))

    @property
    def latest_gift_id(self) -> int | None:
        return next(reversed(self.gifts.values()), None)


def grants_read(request: HttpRequest) -> Grants | None:
    """The grants in this browser's cookie, or None (no cookie, or a forged or broken one)."""
    raw = request.COOKIES.get(COOKIE)
    if not raw:
        return None
    try:
        payload = signing.loads(raw, salt=SALT)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("b"), str):
        return None
    gifts = payload.get("g", {})
    if not isinstance(gifts, dict):
        return None
    try:
        parsed = {int(a): int(g) for a, g in gifts.items()}
    except (TypeError, ValueError):
        return None
    return Grants(payload["b"], parsed)


def grants_new() -> Grants:
    return Grants(browser_key=secrets.token_hex(16))


def grants_write(response: HttpResponse, grants: Grants) -> None:
    value = signing.dumps({"b": grants.browser_key, "g": grants.gifts}, salt=SALT)
    response.set_cookie(
        COOKIE,
        value,
        max_age=settings.WARTA_GIFT_LINK_DAYS * 24 * 3600,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
