"""From an API request to the reading layer's inputs: who the reader is.

A reader is found by the first source in ``READER_SOURCES`` that recognises the request. Today
there is one, the Django session (a reader signed in on the site, in a web view of the app).
The app's own sign-in (django-allauth's headless mode, a token in ``X-Session-Token``) comes in a
later slice as a source placed before it; nothing else changes. Gift grants held by the app come
with it too: until then an app reader holds none.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest

from warta.accounts.models import User
from warta.gifts.grants import Grants
from warta.newsroom.models import Article
from warta.reading.access import Reading, article_reading

# The request headers that may carry who the reader is: responses that depend on the reader vary
# on all of them, those to come included, so no shared cache hands one reader's answer to another.
READER_HEADERS = ("Cookie", "Authorization", "X-Session-Token")


@dataclass(frozen=True)
class ApiReader:
    user: User | None  # None: nobody signed in
    grants: Grants | None = None  # the app's gift grants (a later slice)

    @property
    def identified(self) -> bool:
        """The answer may be this reader's own: no shared cache may keep it."""
        return self.user is not None or self.grants is not None

    def reading(self, *, article: Article, now: datetime) -> Reading:
        return article_reading(user=self.user, grants=self.grants, article=article, now=now)


def session_user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


ReaderSource = Callable[[HttpRequest], User | None]
READER_SOURCES: tuple[ReaderSource, ...] = (session_user,)


def api_reader(request: HttpRequest) -> ApiReader:
    for source in READER_SOURCES:
        user = source(request)
        if user is not None:
            return ApiReader(user=user)
    return ApiReader(user=None)
