"""The app's session tokens (allauth headless, decision 0020), looked up with one read of the
session instead of two.

allauth's own strategy asks the session store whether the session exists, then loads it: two
reads of the session table for every request of the app's signed-in readers, where the site's
cookie costs one. This one loads it once; a missing or expired session loads empty and clears
its key (Django's stores do), which is how it is told apart. Everything else is allauth's.
"""

from importlib import import_module

from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase


class OneReadSessionTokenStrategy(SessionTokenStrategy):
    def lookup_session(self, session_token: str) -> SessionBase | None:
        store = import_module(settings.SESSION_ENGINE).SessionStore
        session: SessionBase = store(session_key=session_token)
        session.get(SESSION_KEY)  # loads it: a missing or expired session clears its key
        return session if session.session_key else None
