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
