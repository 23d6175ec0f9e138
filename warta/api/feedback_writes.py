"""``POST /feedback``: "Your Opinion Matters" from the app, with the site box's limits and words.

The guards run in the site's order (``warta.feedback.guards``), each refusal a problem with a
stable code: the body's declared size (``feedback_too_large``) before a byte is read; for nobody
signed in, the box's origin check (``feedback_cross_site``; a signed-in request passed its CSRF
or token check already); the message and the reply address by the box's own form and text rules
(``feedback_invalid``, with ``invalid_params`` per field); then the rate limit per account, or per
address for nobody signed in (``feedback_rate_limited``, with ``Retry-After``). The honeypot and
the fill-time token are the box's defences in pages shared by every reader; the app has neither
page nor form to guard, and the rate limit binds it as it binds the box.
"""

import json
import time
from dataclasses import dataclass, replace
from datetime import datetime

from django.http import HttpRequest
from ninja import Schema

from warta.accounts.models import User
from warta.feedback import guards
from warta.feedback.forms import FeedbackForm
from warta.feedback.services import THANK_YOU, FeedbackRefused, feedback_submit
from warta.feedback.text_rules import feedback_page_path

from .http_caching import Answer
from .problems import (
    FEEDBACK_CROSS_SITE,
    FEEDBACK_INVALID,
    FEEDBACK_RATE_LIMITED,
    FEEDBACK_TOO_LARGE,
    INVALID_PARAMETER,
    InvalidParam,
    Problem,
    ProblemRaised,
)


class FeedbackIn(Schema):
    """A reader's message; ``page`` is the path on the site it is about (an article's URL path),
    kept only if it is one."""

    message: str
    reply_email: str = ""
    page: str = ""


@dataclass(frozen=True)
class FeedbackSent:
    message: str  # the site's thank-you


def _invalid(problem: Problem, params: list[InvalidParam]) -> ProblemRaised:
    detail = " ".join(p.reason for p in params) or problem.detail
    return ProblemRaised(replace(problem, detail=detail, invalid_params=tuple(params)))


def _posted(request: HttpRequest) -> FeedbackIn:
    try:
        data = json.loads(request.body or b"")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        params = [InvalidParam("body", "A JSON object with `message` is expected.")]
        raise _invalid(INVALID_PARAMETER, params)
    fields = {name: data.get(name, "") for name in ("message", "reply_email", "page")}
    wrong = [
        InvalidParam(n, "A string is expected.")
        for n, v in fields.items()
        if not isinstance(v, str)
    ]
    if wrong:
        raise _invalid(INVALID_PARAMETER, wrong)
    return FeedbackIn(**fields)


def feedback_answer(
    *, request: HttpRequest, user: User | None, now: datetime
) -> Answer[FeedbackSent]:
    size = guards.declared_body_size(request)
    if size is None or size > guards.MAX_BODY_BYTES:
        raise ProblemRaised(FEEDBACK_TOO_LARGE.saying(guards.BODY_TOO_LARGE))
    if user is None and not guards.post_is_from_this_site(request):
        raise ProblemRaised(FEEDBACK_CROSS_SITE.saying(guards.CROSS_SITE))
    posted = _posted(request)
    form = FeedbackForm({"message": posted.message, "reply_email": posted.reply_email})
    if not form.is_valid():
        params = [
            InvalidParam(field, error["message"])
            for field, errors in form.errors.get_json_data().items()
            for error in errors
        ]
        raise _invalid(FEEDBACK_INVALID, params)
    hashed = guards.client_hash(request)
    key = guards.rate_key(user_id=user.pk if user is not None else None, hashed_address=hashed)
    counted = guards.rate_count(key, now=time.time())
    if not counted.allowed:
        problem = FEEDBACK_RATE_LIMITED.saying(guards.RATE_LIMITED)
        raise ProblemRaised(problem.retrying_after(counted.retry_after))
    try:
        feedback_submit(
            message=form.cleaned_data["message"],
            reply_email=form.cleaned_data["reply_email"],
            page_url=feedback_page_path(posted.page),
            client_hash=hashed,
            user=user,
            now=now,
        )
    except FeedbackRefused as refused:
        params = [InvalidParam("message", p) for p in refused.problems]
        raise _invalid(FEEDBACK_INVALID, params) from None
    return Answer(FeedbackSent(message=THANK_YOU), keys=(), personal=True)
