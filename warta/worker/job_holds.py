"""Which running jobs still have a live worker: the worker holds a job for as long as it runs it.

django-tasks-db marks a job RUNNING when a worker claims it and never looks at it again: a worker
killed in the middle (SIGKILL, out of memory, a machine lost) leaves it RUNNING for ever, and
nothing runs it again. So each of our jobs, while it runs, holds a PostgreSQL advisory lock named
after the job, on the worker's own connection. PostgreSQL frees it when that connection ends, so
when a worker dies its jobs are free at once, on whatever machine it ran; a job whose lock is
still held has a worker running it. SQLite (one machine) has no such lock: there, the age of a
RUNNING job alone says it was abandoned (``services.abandoned_jobs_requeue``).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection


def _key(job_id: uuid.UUID | str) -> int:
    """The advisory lock's 64-bit key: the first half of the job's UUID, as a signed bigint."""
    return int.from_bytes(uuid.UUID(str(job_id)).bytes[:8], "big", signed=True)


def _can_lock() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def job_held(job_id: uuid.UUID | str) -> Iterator[None]:
    """Hold the job while its code runs (a session lock: the job's own transactions, committed or
    rolled back, keep it)."""
    if not _can_lock():
        yield
        return
    key = _key(job_id)
    with connection.cursor() as cursor:
        # "try": never wait. Two running jobs sharing a key (a 1 in 2**64 chance) both run; the
        # one without the lock just looks alive to job_is_held, as it is.
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (held,) = cursor.fetchone()
    try:
        yield
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                pass  # the connection is gone, and the lock with it


def job_is_held(job_id: uuid.UUID | str) -> bool | None:
    """Whether a live worker holds the job; None where the database cannot tell (SQLite)."""
    if not _can_lock():
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            # A bigint key shows as its high half (classid) and low half (objid), objsubid 1.
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND objsubid = 1"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND ((classid::bigint << 32) | objid::bigint) = %s)",
            [_key(job_id)],
        )
        (held,) = cursor.fetchone()
    return bool(held)
