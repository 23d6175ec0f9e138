"""The app's sign-in: the reader of a request carrying ``X-Session-Token``.

The app signs in through allauth's headless API, app client (``/_allauth/app/v1/auth/login``),
and gets a session token: the key of a Django session, looked up by allauth's own integration for
django-ninja. A token that names no live session of an active reader is refused with a problem,
never read as an anonymous reader: the app must learn that it was signed out. The answer is kept
on the request, so the check before the endpoint and the endpoint's reader cost one lookup.
"""

from allauth.headless.contrib.ninja.security import x_session_token_auth
from django.http import HttpRequest

from warta.accounts.models import User

from .problems import INVALID_SESSION_TOKEN, ProblemRaised

HEADER = "X-Session-Token"
_MEMO = "_warta_api_token_user"


def carries_session_token(request: HttpRequest) -> bool:
    return HEADER in request.headers


def session_token_user(request: HttpRequest) -> User | None:
    """The reader the token signs in; None when the request carries no token.

    Raises ``ProblemRaised(INVALID_SESSION_TOKEN)`` for an unknown, expired or signed-out token.
    """
    if not carries_session_token(request):
        return None
    user = getattr(request, _MEMO, None)
    if user is None:
        found = x_session_token_auth(request)
        if not isinstance(found, User) or not found.is_authenticated:
            raise ProblemRaised(INVALID_SESSION_TOKEN)
        user = found
        setattr(request, _MEMO, user)
    return user
