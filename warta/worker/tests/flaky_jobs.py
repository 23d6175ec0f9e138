"""Jobs for the worker's own tests (module level, as the tasks API asks)."""

from warta.worker.background import background_task

calls: list[str] = []


@background_task(retries=2, backoff_seconds=0)
def fails_twice(label: str) -> str:
    calls.append(label)
    if len(calls) < 3:
        raise ConnectionError(f"not yet ({len(calls)})")
    return label


@background_task(retries=1, backoff_seconds=0)
def always_fails() -> None:
    calls.append("always")
    raise ConnectionError("never")


@background_task(retries=1, backoff_seconds=60)
def fails_and_waits() -> None:
    calls.append("waits")
    raise ConnectionError("later")


@background_task()
def records(label: str) -> str:
    calls.append(label)
    return label


@background_task()
def holds_a_lock() -> bool:
    """Whether this job's worker holds an advisory lock on PostgreSQL while it runs."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
            " AND pid = pg_backend_pid() AND granted)"
        )
        return bool(cursor.fetchone()[0])


@background_task()
def slow(marker_file: str, seconds: float) -> None:
    """For tests/test_several_machines.py: says which process started it, sleeps, says who ended."""
    import os
    import time
    from pathlib import Path

    marker = Path(marker_file)
    with marker.open("a") as out:
        out.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with marker.open("a") as out:
        out.write(f"done {os.getpid()}\n")
