"""The background worker: Django's tasks API on django-tasks-db beside Wagtail's django-tasks,
retries, the heartbeat the back office shows, and mail that a dead mail server cannot lose."""

from datetime import timedelta

import django_tasks.base
import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import task_backends
from django.test import Client
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from warta.testing.jobs import run_queued_jobs
from warta.worker.background import WORKER_BACKEND
from warta.worker.models import WorkerBeat
from warta.worker.selectors import SILENT_AFTER, worker_status
from warta.worker.tasks import heartbeat
from warta.worker.tests import flaky_jobs

pytestmark = pytest.mark.django_db

QUEUED_MAIL = {
    "default": {"BACKEND": "warta.worker.mail.QueuedMailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


# --- The pair: Django's tasks API with django-tasks-db, Wagtail's backport beside it ---------


def test_our_jobs_go_to_the_database_queue_and_wagtails_run_at_once():
    """Wagtail 8 enqueues its own jobs through the django-tasks backport, which the database
    worker cannot run (it takes only Django's own Task objects): they stay immediate, ours go to
    the queue. Both read settings.TASKS."""
    import wagtail.tasks

    assert isinstance(task_backends[WORKER_BACKEND], DatabaseBackend)
    wagtails = wagtail.tasks.update_reference_index_task
    assert isinstance(wagtails, django_tasks.base.Task)
    assert isinstance(wagtails.get_backend(), ImmediateBackend)  # deferrable: deferred_tasks

    result = heartbeat.enqueue()

    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert not WorkerBeat.objects.exists()  # queued, not run


def test_the_system_checks_pass_with_both_frameworks():
    call_command("check")


# --- Retries ------------------------------------------------------------------------------------


def test_a_failing_job_is_tried_again_until_it_succeeds():
    flaky_jobs.calls.clear()
    flaky_jobs.fails_twice.enqueue("once")

    run_queued_jobs()

    assert flaky_jobs.calls == ["once", "once", "once"]
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "FAILED", "SUCCESSFUL"]


def test_a_job_that_keeps_failing_stops_after_its_retries(caplog):
    flaky_jobs.calls.clear()
    flaky_jobs.always_fails.enqueue()

    run_queued_jobs()

    assert flaky_jobs.calls == ["always", "always"]
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert "always_fails failed for good after 2 attempts" in caplog.text


def test_a_retry_waits_its_pause():
    flaky_jobs.calls.clear()
    flaky_jobs.fails_and_waits.enqueue()

    run_queued_jobs()

    assert flaky_jobs.calls == ["waits"]  # the second attempt is not due yet
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=50)


# --- The heartbeat the back office shows --------------------------------------------------------


def test_the_heartbeat_says_when_the_worker_was_last_seen():
    assert worker_status(now=timezone.now()).running is False  # never seen

    heartbeat.enqueue()
    run_queued_jobs()

    beat = WorkerBeat.objects.get()
    assert worker_status(now=timezone.now()).running is True
    assert worker_status(now=beat.last_seen + SILENT_AFTER + timedelta(seconds=1)).running is False


def test_the_dashboard_warns_when_the_worker_is_not_running(admin_user):
    client = Client()
    client.force_login(admin_user)

    silent = client.get("/admin/").content.decode()
    heartbeat.enqueue()
    run_queued_jobs()
    running = client.get("/admin/").content.decode()

    assert "The background worker is not running." in silent
    assert "It has never been seen." in silent
    assert "data-worker-running" not in silent
    assert "data-worker-running" in running
    assert "The background worker is not running." not in running


def test_the_dashboard_says_when_a_stopped_worker_was_last_seen(admin_user):
    WorkerBeat.objects.create(name="heartbeat", last_seen=timezone.now() - timedelta(minutes=20))
    client = Client()
    client.force_login(admin_user)

    page = client.get("/admin/").content.decode()

    assert "The background worker is not running." in page
    assert "It was last seen 20" in page


# --- Mail through the worker --------------------------------------------------------------------


def test_mail_is_queued_by_the_request_and_sent_by_the_worker(settings):
    settings.MAILERS = QUEUED_MAIL
    mail.outbox = []

    sent = mail.send_mail(
        "Your gift",
        "Read it here.",
        "newsroom@news.example",
        ["ayu@example.com"],
        html_message="<p>Read it here.</p>",
    )

    assert sent == 1 and mail.outbox == []
    run_queued_jobs()
    (message,) = mail.outbox
    assert (message.subject, message.body, message.to) == (
        "Your gift",
        "Read it here.",
        ["ayu@example.com"],
    )
    assert message.alternatives[0][0] == "<p>Read it here.</p>"


def test_a_mail_server_that_refuses_is_tried_again_and_nothing_is_lost(settings):
    settings.MAILERS = {
        **QUEUED_MAIL,
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens there
        },
    }
    mail.send_mail("Confirm", "Click.", "newsroom@news.example", ["new@example.com"])

    run_queued_jobs()

    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_path == "warta.worker.mail.deliver_mail"
    assert retry.args_kwargs["args"][0]["to"] == ["new@example.com"]

    settings.MAILERS = QUEUED_MAIL  # the mail server is back
    mail.outbox = []
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_queued_jobs()
    assert [m.to for m in mail.outbox] == [["new@example.com"]]


def test_signing_up_while_the_mail_server_is_down_is_no_error(settings, client):
    """Mandatory verification with no SMTP: the reader is told to check their mail (the mail
    waits in the queue), never a 500."""
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.MAILERS = {
        **QUEUED_MAIL,
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        },
    }

    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a long harbour walk",
            "password2": "a long harbour walk",
        },
    )

    assert response.status_code == 302, response.content.decode()[:500]
    queued = DBTaskResult.objects.get(task_path="warta.worker.mail.deliver_mail")
    assert queued.args_kwargs["args"][0]["to"] == ["new@example.com"]
    run_queued_jobs()  # the server still refuses: kept for later, not lost
    assert DBTaskResult.objects.filter(status="READY").count() == 1
