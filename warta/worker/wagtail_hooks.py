"""The back office shows when the background worker was last seen, and warns when it is not
running: on the dashboard, and when an editor schedules a story that nothing would publish."""

from datetime import timedelta

from django.contrib import messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .selectors import WorkerStatus, worker_status

START_HINT = "bin/worker (or manage.py db_worker and manage.py crontask)"


class WorkerPanel(Component):
    name = "worker"
    order = 10  # first: a silent worker means scheduled stories stay unpublished
    template_name = "worker/worker_panel.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        status = worker_status(now=now)
        return {"status": status, "seen_ago": seen_ago(status, now), "start_hint": START_HINT}


def seen_ago(status: WorkerStatus, now) -> str:
    if status.last_seen is None:
        return ""
    if now - status.last_seen < timedelta(minutes=1):
        return "less than a minute ago"
    return f"{timesince(status.last_seen, now)} ago"


@hooks.register("construct_homepage_panels")
def add_worker_panel(request, panels):
    if request.user.is_staff or request.user.has_perm("wagtailadmin.access_admin"):
        panels.insert(0, WorkerPanel())


def _warning(status: WorkerStatus) -> str:
    if status.last_seen is None:
        seen = "has never been seen"
    else:
        seen = f"was last seen {timezone.localtime(status.last_seen):%Y-%m-%d %H:%M %Z}"
    return format_html(
        "This story is scheduled, but the background worker {}: nothing will publish it "
        "until the worker runs ({}).",
        seen,
        START_HINT,
    )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_when_a_schedule_has_no_worker(request, instance):
    if getattr(instance, "go_live_at", None) is None or instance.go_live_at <= timezone.now():
        return
    latest = getattr(instance, "latest_revision", None)
    if latest is None or latest.approved_go_live_at is None:
        return  # saved as a draft with a date: not scheduled yet
    status = worker_status(now=timezone.now())
    if not status.running:
        messages.warning(request, _warning(status))
