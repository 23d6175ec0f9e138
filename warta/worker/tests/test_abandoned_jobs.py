"""A worker killed in the middle of a job loses no job: django-tasks-db leaves the job RUNNING for
ever, so a periodic job puts it back in the queue once its worker is gone (job_holds.py).
tests/test_several_machines.py kills a real worker process."""

import time
from datetime import timedelta

import pytest
from crontask import scheduler
from django.db import connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import warta.worker.tasks
from warta.testing.jobs import run_queued_jobs
from warta.worker.job_holds import _key, job_is_held
from warta.worker.services import abandoned_jobs_requeue
from warta.worker.tests import flaky_jobs

pytestmark = pytest.mark.django_db

assert warta.worker.tasks.requeue_abandoned_jobs  # registered with crontask's scheduler


def _left_running(label: str, *, started: timedelta) -> DBTaskResult:
    """A job a worker claimed ``started`` ago, as db_worker does, and never finished."""
    result = flaky_jobs.records.enqueue(label)
    job = DBTaskResult.objects.get(id=result.id)
    job.claim("a-worker-that-died")
    DBTaskResult.objects.filter(id=job.id).update(started_at=timezone.now() - started)
    return job


def _the_minute_passes() -> None:
    """What crontask enqueues every minute, then the worker runs the queue."""
    for periodic in scheduler.get_jobs():
        periodic.func()
    run_queued_jobs()


def test_a_job_left_running_by_a_dead_worker_runs_again(caplog):
    flaky_jobs.calls.clear()
    job = _left_running("lost", started=timedelta(minutes=10))

    _the_minute_passes()

    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert flaky_jobs.calls == ["lost"]
    assert job.worker_ids[0] == "a-worker-that-died" and len(job.worker_ids) == 2
    assert "was left RUNNING by worker a-worker-that-died" in caplog.text


def test_a_job_running_for_less_than_the_limit_is_left_alone(settings):
    settings.WARTA_WORKER_ABANDONED_AFTER = 300
    flaky_jobs.calls.clear()
    job = _left_running("busy", started=timedelta(seconds=30))

    _the_minute_passes()

    job.refresh_from_db()
    assert job.status == "RUNNING"
    assert flaky_jobs.calls == []


def test_requeueing_twice_queues_once():
    job = _left_running("once", started=timedelta(minutes=10))
    now = timezone.now()

    counts = [abandoned_jobs_requeue(now=now, older_than=timedelta(minutes=5)) for _ in range(2)]

    assert counts == [1, 0]
    assert DBTaskResult.objects.get(id=job.id).status == "READY"


@pytest.mark.postgresql_only
def test_a_running_job_holds_itself_and_lets_go_when_done():
    result = flaky_jobs.holds_a_lock.enqueue()

    run_queued_jobs()

    job = DBTaskResult.objects.get(id=result.id)
    assert (job.status, job.return_value) == ("SUCCESSFUL", True)
    assert job_is_held(job.id) is False


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_long_job_whose_worker_is_alive_is_left_alone():
    flaky_jobs.calls.clear()
    job = _left_running("long", started=timedelta(hours=1))
    worker = connections.create_connection("default")  # the live worker's own connection
    try:
        with worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(job.id)])
        assert job_is_held(job.id) is True

        _the_minute_passes()

        job.refresh_from_db()
        assert job.status == "RUNNING"
        assert flaky_jobs.calls == []
    finally:
        worker.close()  # the worker dies: its lock goes with its connection

    # PostgreSQL lets go when the backend process ends, a moment after the socket closes.
    deadline = time.monotonic() + 10
    while job_is_held(job.id) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job_is_held(job.id) is False
    _the_minute_passes()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert flaky_jobs.calls == ["long"]
