"""Everything that writes feedback: a reader sending it, staff moving it along."""

from datetime import datetime

from django.db import transaction

from warta.accounts.models import User

from .models import Feedback, FeedbackStatus
from .text_rules import feedback_clean, feedback_page_path, feedback_problems

UNKNOWN_STATUS = "This is not a feedback status."
THANK_YOU = "Thank you for sharing your thoughts. We appreciate your feedback."


class FeedbackRefused(Exception):
    """A message that may not be stored; ``problems`` are the reader-facing reasons."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def feedback_submit(
    *,
    message: str,
    reply_email: str,
    page_url: str,
    client_hash: str,
    user: User | None,
    now: datetime,
) -> Feedback:
    """Store a reader's message, or raise ``FeedbackRefused`` with what is wrong with it.

    ``reply_email`` must be validated already (the form does); ``page_url`` is kept only if it is
    a path on this site.
    """
    problems = feedback_problems(message)
    if problems:
        raise FeedbackRefused(problems)
    return Feedback.objects.create(
        message=feedback_clean(message),
        reply_email=reply_email.strip(),
        page_url=feedback_page_path(page_url),
        client_hash=client_hash,
        user=user if user is not None and user.is_authenticated else None,
        created_at=now,
    )


@transaction.atomic
def feedback_status_set(*, feedback: Feedback, status: str, now: datetime) -> Feedback:
    """Move a message to ``status``; ``status_changed_at`` changes only when the status does."""
    if status not in FeedbackStatus.values:
        raise ValueError(UNKNOWN_STATUS)
    Feedback.objects.filter(pk=feedback.pk).exclude(status=status).update(
        status=status, status_changed_at=now
    )
    feedback.refresh_from_db(fields=["status", "status_changed_at"])
    return feedback
