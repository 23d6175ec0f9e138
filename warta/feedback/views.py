"""POST /feedback/: the "Your Opinion Matters" box sends here, with or without JavaScript.

Without JavaScript the answer is a page: the thank-you, or the box again with the errors and
the reader's text. With ``Accept: application/json`` it is ``{"ok": true, "message": ...}`` or
``{"ok": false, "errors": {field: [messages]}}`` (``__all__`` for the form as a whole). The
guards run in the order of ``guards.py``'s docstring, cheapest and most decisive first.
"""

import time

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from warta.accounts.models import User

from . import guards
from .forms import FeedbackForm
from .services import THANK_YOU, feedback_submit
from .text_rules import feedback_page_path

__all__ = ["THANK_YOU", "feedback_start_view", "feedback_submit_view"]


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refuse(
    request: HttpRequest,
    status: int,
    errors: dict[str, list[str]],
    *,
    form: FeedbackForm | None = None,
    started: str = "",
    fresh: bool = False,
    page: str = "",
) -> HttpResponse:
    """The box again, with what is wrong and the reader's text kept; or the errors as JSON.

    ``started`` goes back in the box; to the script only when ``fresh`` (it keeps its own).
    """
    if _wants_json(request):
        payload: dict[str, object] = {"ok": False, "errors": errors}
        if fresh:
            payload["started"] = started
        response: HttpResponse = JsonResponse(payload, status=status)
    else:
        data = form.data if form is not None else {}
        context = {
            "feedback_alerts": errors.get("__all__", []),
            "feedback_message_errors": errors.get("message", []),
            "feedback_email_errors": errors.get("reply_email", []),
            "feedback_message": data.get("message", ""),
            "feedback_reply_email": data.get("reply_email", ""),
            "feedback_started": started,
            "feedback_page": page,
        }
        response = render(request, "feedback/feedback_page.html", context, status=status)
    return response


def _thank(request: HttpRequest, page: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": THANK_YOU})
    return render(request, "feedback/feedback_page.html", {"thanked": True, "feedback_page": page})


@csrf_exempt  # the box sits in pages shared by all readers: see DECISION.md and guards.py
@require_POST
def feedback_submit_view(request: HttpRequest) -> HttpResponse:
    size = guards.declared_body_size(request)
    if size is None:
        return _refuse(request, 400, {"__all__": [guards.BAD_CONTENT_LENGTH]})
    if size > guards.MAX_BODY_BYTES:
        return _refuse(request, 413, {"__all__": [guards.BODY_TOO_LARGE]})
    if not guards.post_is_from_this_site(request):
        return _refuse(request, 403, {"__all__": [guards.CROSS_SITE]})

    page = feedback_page_path(request.POST.get("page", ""))
    if request.POST.get(guards.HONEYPOT_FIELD):
        return _thank(request, page)  # looks accepted; nothing is stored

    now = time.time()
    form = FeedbackForm(request.POST)
    token = request.POST.get("started", "")
    token_state = guards.start_token_state(token, now=now)
    if token_state in (guards.TokenState.MISSING, guards.TokenState.EXPIRED):
        # A fresh token, so that sending again works.
        fresh = guards.start_token(at=now)
        errors = {"__all__": [guards.START_MESSAGES[token_state]]}
        return _refuse(request, 400, errors, form=form, started=fresh, fresh=True, page=page)
    if token_state is guards.TokenState.TOO_FAST:
        # The same token: its clock keeps running, so a retry in a moment passes.
        errors = {"__all__": [guards.TOO_FAST]}
        return _refuse(request, 400, errors, form=form, started=token, page=page)

    if not form.is_valid():
        errors = {
            field: [error["message"] for error in field_errors]
            for field, field_errors in form.errors.get_json_data().items()
        }
        return _refuse(request, 400, errors, form=form, started=token, page=page)

    hashed = guards.client_hash(request)
    counted = guards.rate_count(guards.client_key(request, hashed), now=now)
    if not counted.allowed:
        response = _refuse(
            request, 429, {"__all__": [guards.RATE_LIMITED]}, form=form, started=token, page=page
        )
        response["Retry-After"] = str(counted.retry_after)
        return response

    user = request.user if isinstance(request.user, User) else None
    feedback_submit(
        message=form.cleaned_data["message"],
        reply_email=form.cleaned_data["reply_email"],
        page_url=page,
        client_hash=hashed,
        user=user,
        now=timezone.now(),
    )
    return _thank(request, page)


@never_cache
@require_GET
def feedback_start_view(request: HttpRequest) -> JsonResponse:
    """A fresh, exact start token, fetched by feedback.js when a reader starts on the box."""
    return JsonResponse({"started": guards.start_token(at=time.time())})
