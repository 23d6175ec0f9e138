"""A reader's message from the "Your Opinion Matters" box, and where staff are with it.

The reader's address is never stored: ``client_hash`` is a keyed hash of it (``guards.py``),
enough to see that several messages came from one client, not who or where that client is.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Feedback(models.Model):
    message = models.TextField()
    reply_email = models.EmailField(
        "reply e-mail", blank=True, help_text="Given by the reader only if they want a reply."
    )
    page_url = models.CharField(
        "page",
        max_length=500,
        blank=True,
        help_text="The path on this site the message was sent from; empty if unknown.",
    )
    status = models.CharField(
        max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    created_at = models.DateTimeField("received")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    client_hash = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The signed-in reader who sent it, if any.",
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "feedback message"
        verbose_name_plural = "reader feedback"
        indexes = [models.Index(fields=["status", "-created_at"], name="feedback_triage")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values), name="feedback_status_known"
            ),
        ]

    def __str__(self) -> str:
        return Truncator(self.message).chars(60)

    def excerpt(self) -> str:
        return Truncator(self.message).chars(120)

    excerpt.short_description = "message"  # type: ignore[attr-defined]
