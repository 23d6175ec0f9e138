"""A signed-in reader's text size, kept on their account so it follows them to every device.

The browser keeps the size in ``localStorage`` and applies it before the first paint
(``web/tools/head.html``); anonymous pages stay the same for every reader. For a signed-in
reader the page itself carries the account's size (their pages are private anyway, see
docs/caching.md), and this endpoint stores a new choice. It also sets ``warta_text_size``, a
cookie that script reads: the size survives on a browser whose ``localStorage`` is blocked
or cleared, and after signing out. The server never reads that cookie.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from warta.accounts.models import User
from warta.accounts.services import user_text_size_set

TEXT_SIZE_COOKIE = "warta_text_size"
TEXT_SIZE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
SIGN_IN_FIRST = "Sign in to keep your text size on your account."


def _with_cookie(response: HttpResponse, size: str) -> HttpResponse:
    response.set_cookie(
        TEXT_SIZE_COOKIE,
        size,
        max_age=TEXT_SIZE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by the script in <head>: that is its purpose
    )
    return response


def _posted_size(request: HttpRequest) -> str:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return ""
        value = data.get("text_size") if isinstance(data, dict) else None
        return value if isinstance(value, str) else ""
    return request.POST.get("text_size", "")


@never_cache
@require_http_methods(["GET", "POST"])
def text_size_view(request: HttpRequest) -> HttpResponse:
    """GET: the account's size. POST ``{"text_size": "large"}`` (CSRF header): store it."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return JsonResponse({"error": SIGN_IN_FIRST}, status=401)
    if request.method == "POST":
        try:
            user_text_size_set(user=user, size=_posted_size(request))
        except ValidationError as error:
            return JsonResponse({"error": error.messages[0]}, status=400)
    return _with_cookie(JsonResponse({"text_size": user.text_size}), user.text_size)
