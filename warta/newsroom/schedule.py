"""Scheduled publishing and expiry, for any number of workers at once.

Wagtail's ``publish_scheduled`` command does the same for one process; here each object is
taken under a row lock (skipped when another worker holds it) and checked again inside its
transaction, so two workers running the job together never publish one revision twice.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import models, transaction
from wagtail.models import DraftStateMixin, Revision


@dataclass(frozen=True)
class ScheduledRun:
    published: int
    expired: int


def _publishable_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, DraftStateMixin)]


def scheduled_publishing_run(*, now: datetime) -> ScheduledRun:
    expired = 0
    for model in _publishable_models():
        manager = model._default_manager
        due = manager.filter(live=True, expire_at__lt=now).order_by("expire_at")
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                obj = (
                    manager.select_for_update(skip_locked=True)
                    .filter(pk=pk, live=True, expire_at__lt=now)
                    .first()
                )
                if isinstance(obj, DraftStateMixin):
                    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                    expired += 1
    published = 0
    due_revisions = Revision.objects.filter(approved_go_live_at__lt=now).order_by(
        "approved_go_live_at"
    )
    for pk in list(due_revisions.values_list("pk", flat=True)):
        with transaction.atomic():
            revision = (
                Revision.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, approved_go_live_at__lt=now)
                .first()
            )
            if revision is not None:
                revision.publish(log_action="wagtail.publish.scheduled")
                published += 1
    return ScheduledRun(published=published, expired=expired)
