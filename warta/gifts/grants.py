"""A browser's gift grants: which articles gift links opened for it, as one signed value.

The value holds the browser's random key (the same for every link it opens) and, per article,
the gift that opened it. It is signed (one salt for this purpose), so a reader cannot forge a
grant or move one to another article; what it says is checked against the database on each view
(warta/reading/gift_grants.py). The web keeps it in a cookie (warta/web/grant_cookie.py); another
channel may keep it elsewhere.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.core import signing

SALT = "warta.gifts.grant"
MAX_ARTICLES = 30  # the oldest grants drop out first


@dataclass(frozen=True)
class Grants:
    browser_key: str
    gifts: Mapping[int, int] = field(default_factory=dict)  # article id -> gift id

    def __post_init__(self) -> None:
        object.__setattr__(self, "gifts", MappingProxyType(dict(self.gifts)))

    def with_gift(self, *, article_id: int, gift_id: int) -> "Grants":
        gifts = {a: g for a, g in self.gifts.items() if a != article_id}
        gifts[article_id] = gift_id
        return Grants(self.browser_key, dict(list(gifts.items())[-MAX_ARTICLES:]))

    def gift_for(self, article_id: int) -> int | None:
        return self.gifts.get(article_id)


def grants_new() -> Grants:
    return Grants(browser_key=secrets.token_hex(16))


def grants_loads(raw: str | None) -> Grants | None:
    """The grants in a signed value, or None (no value, or a forged or broken one)."""
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


def grants_dumps(grants: Grants) -> str:
    return signing.dumps({"b": grants.browser_key, "g": dict(grants.gifts)}, salt=SALT)
