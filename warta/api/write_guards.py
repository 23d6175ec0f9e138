"""Who may write through the API, and the CSRF rule for unsafe methods (decision 0020).

- A request signed in by the app's session token (``X-Session-Token``) needs no CSRF token: a
  browser never sends that header by itself, so another site cannot make it write for a reader.
- A request signed in by the site's session cookie (a web view of the app, the site's own
  scripts) is one a browser sends by itself: an unsafe method must pass Django's CSRF check
  (the ``X-CSRFToken`` header with the ``csrftoken`` cookie's value), or it is refused.
- Nobody signed in: no credential to abuse. Endpoints that need a reader refuse it
  (``sign_in_required``); feedback, open to anyone, applies the site box's own origin check.
"""

from django.http import HttpRequest
from ninja.utils import check_csrf

from .problems import CSRF_FAILED, SIGN_IN_REQUIRED, ProblemRaised
from .reader_inputs import SignedIn, SignedInBy, signed_in

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _csrf_checked(request: HttpRequest, found: SignedIn | None) -> None:
    if request.method in SAFE_METHODS or found is None or found.by != SignedInBy.SESSION:
        return
    if check_csrf(request) is not None:
        raise ProblemRaised(CSRF_FAILED)


def writer_or_anonymous(request: HttpRequest) -> SignedIn | None:
    """The reader writing (None: nobody signed in), their CSRF token checked as it must be."""
    found = signed_in(request)
    _csrf_checked(request, found)
    return found


def reader_required(request: HttpRequest) -> SignedIn:
    """The signed-in reader, for endpoints that are someone's own (``me``, their gifts)."""
    found = writer_or_anonymous(request)
    if found is None:
        raise ProblemRaised(SIGN_IN_REQUIRED)
    return found
