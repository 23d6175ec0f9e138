"""From an API request to the reading layer's inputs: who the reader is, and their gift grants.

A reader is found by the first source in ``READER_SOURCES`` that recognises the request: the
app's session token (``X-Session-Token``, ``session_tokens.py``), then the Django session (a
reader signed in on the site, in a web view of the app). A token that signs nobody in is a
problem, not an anonymous reader, whatever cookie comes with it. The device's gift grants come in
``X-Gift-Grants`` (``app_grants.py``), a gift link's token in ``X-Gift-Token``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.http import HttpRequest

from warta.accounts.models import User
from warta.gifts.grants import Grants
from warta.newsroom.models import Article
from warta.newsroom.selectors import ArticleRef
from warta.reading.access import Reading, article_reading

from .app_grants import GIFT_TOKEN_HEADER, GRANTS_HEADER, grants_from_request
from .session_tokens import HEADER as SESSION_TOKEN_HEADER
from .session_tokens import session_token_user

# The request headers that may carry who the reader is or what they hold: responses that depend
# on the reader vary on all of them, so no shared cache hands one reader's answer to another.
READER_HEADERS = (
    "Cookie",
    "Authorization",
    SESSION_TOKEN_HEADER,
    GRANTS_HEADER,
    GIFT_TOKEN_HEADER,
)


class SignedInBy(StrEnum):
    TOKEN = "token"  # noqa: S105 - the app's session token: no CSRF check applies
    SESSION = "session"  # the site's session cookie: unsafe methods need the CSRF token


@dataclass(frozen=True)
class SignedIn:
    user: User
    by: SignedInBy


@dataclass(frozen=True)
class ApiReader:
    user: User | None  # None: nobody signed in
    grants: Grants | None = None  # the device's gift grants
    by: SignedInBy | None = None  # how the reader signed in (None: nobody did)

    @property
    def identified(self) -> bool:
        """The answer may be this reader's own: no shared cache may keep it."""
        return self.user is not None or self.grants is not None

    def reading(
        self, *, article: Article | ArticleRef, now: datetime, gift_token: str | None = None
    ) -> Reading:
        return article_reading(
            user=self.user, grants=self.grants, article=article, now=now, gift_token=gift_token
        )


def token_signed_in(request: HttpRequest) -> SignedIn | None:
    user = session_token_user(request)
    return SignedIn(user, SignedInBy.TOKEN) if user is not None else None


def session_signed_in(request: HttpRequest) -> SignedIn | None:
    user = getattr(request, "user", None)
    if isinstance(user, User) and user.is_authenticated:
        return SignedIn(user, SignedInBy.SESSION)
    return None


ReaderSource = Callable[[HttpRequest], SignedIn | None]
READER_SOURCES: tuple[ReaderSource, ...] = (token_signed_in, session_signed_in)


def signed_in(request: HttpRequest) -> SignedIn | None:
    """Who signed the request in, by the first source that knows; raises ``ProblemRaised`` for
    a token that signs nobody in."""
    for source in READER_SOURCES:
        found = source(request)
        if found is not None:
            return found
    return None


def api_reader(request: HttpRequest) -> ApiReader:
    found = signed_in(request)
    grants = grants_from_request(request)
    if found is None:
        return ApiReader(user=None, grants=grants)
    return ApiReader(user=found.user, grants=grants, by=found.by)
