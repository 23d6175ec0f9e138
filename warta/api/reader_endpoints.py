"""The endpoints of a signed-in reader's own resources: ``/me``, their gifts, and feedback.
Thin: who writes (``write_guards``), then the answer (``me``, ``gift_writes``,
``feedback_writes``). Every answer is private."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.params.functions import Path

from .cursors import PK_MAX
from .feedback_writes import FeedbackIn, FeedbackSent, feedback_answer
from .gift_writes import (
    GiftList,
    GiftMade,
    GiftRevoked,
    gift_create_answer,
    gift_list_answer,
    gift_revoke_answer,
)
from .http_caching import answered
from .me import MeResource, me_answer
from .write_guards import reader_required, writer_or_anonymous

router = Router()

Id = Annotated[int, Path(..., ge=1, le=PK_MAX)]


class GiftIn(Schema):
    """The premium article to gift."""

    article_id: int


@router.get("/me", response=MeResource, summary="The signed-in reader")
def me(request: HttpRequest, response: HttpResponse):
    """Who the reader is, what they read whole, their text size and their gifts this month."""
    reader = reader_required(request)
    return answered(response, me_answer(user=reader.user, now=timezone.now()))


@router.get("/gifts", response=GiftList, summary="My gift links")
def gifts(request: HttpRequest, response: HttpResponse):
    reader = reader_required(request)
    return answered(response, gift_list_answer(user=reader.user, now=timezone.now()))


@router.post("/gifts", response={200: GiftMade, 201: GiftMade}, summary="Gift an article")
def gift_create(request: HttpRequest, response: HttpResponse, gift: GiftIn):
    """A link for a premium article, from this month's allowance (201); the same link again if
    the article was gifted already this month (200, no gift used)."""
    reader = reader_required(request)
    answer = gift_create_answer(user=reader.user, article_id=gift.article_id, now=timezone.now())
    return Status(201 if answer.resource.created else 200, answered(response, answer))


@router.delete("/gifts/{gift_id}", response=GiftRevoked, summary="Revoke a gift link")
def gift_revoke(request: HttpRequest, response: HttpResponse, gift_id: Id):
    """The link stops opening its article; a link nobody opened gives its gift back."""
    reader = reader_required(request)
    answer = gift_revoke_answer(user=reader.user, gift_id=gift_id, now=timezone.now())
    return answered(response, answer)


@router.post(
    "/feedback",
    response={201: FeedbackSent},
    summary="Send feedback",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": FeedbackIn.model_json_schema()}},
        }
    },
)
def feedback(request: HttpRequest, response: HttpResponse):
    """A reader's message to the newsroom, with the limits of the site's feedback box."""
    found = writer_or_anonymous(request)
    user = found.user if found is not None else None
    return Status(
        201, answered(response, feedback_answer(request=request, user=user, now=timezone.now()))
    )
