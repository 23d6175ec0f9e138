"""Run the background worker's queue in a test, as ``manage.py db_worker`` does in production."""

from contextlib import nullcontext
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection


def run_queued_jobs() -> str:
    """Run every job that is due, in this process, until none is left; returns the worker's log.

    Inside a test's transaction the worker must not close the connection between jobs (it
    does so to drop stale connections, and a connection in a transaction looks stale to it).
    """
    out = StringIO()
    keep_connection = (
        mock.patch(
            "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
        )
        if connection.in_atomic_block
        else nullcontext()
    )
    with keep_connection:
        call_command(
            "db_worker",
            *("--backend", "worker", "--queue-name", "*", "--interval", "0"),
            *("--batch", "--no-startup-delay", "--no-reload"),
            stdout=out,
            stderr=out,
        )
    return out.getvalue()
