"""Reads about feedback, for the back office's triage."""

from django.db.models import QuerySet

from .models import Feedback


def feedback_for_triage() -> QuerySet[Feedback]:
    """Every message, newest first, with the sender's account in the same query."""
    return Feedback.objects.select_related("user").order_by("-created_at", "-pk")
