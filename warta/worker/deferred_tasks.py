"""Wagtail's own jobs (the search index, the reference index) run at once, in the process that
asks for them ("default" in settings.TASKS). One write of an article saves it several times
(created, its revision, published), and each save asks for the same jobs again: inside
``tasks_deferred()`` each distinct job (the same task with the same arguments) runs once, at the
end of the block, still inside the caller's transaction. A block that raises runs none of them:
its transaction is rolled back, and what it wrote is gone.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_pending: ContextVar[dict[tuple[str, str], tuple[Task, Any, Any]] | None] = ContextVar(
    "warta_deferred_tasks", default=None
)


class DeferrableImmediateBackend(ImmediateBackend):
    """Django-tasks' immediate backend, which waits while ``tasks_deferred()`` is open."""

    def enqueue(self, task, args, kwargs) -> TaskResult:  # type: ignore[override]
        pending = _pending.get()
        if pending is None:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=str))
        pending.setdefault(key, (task, args, kwargs))
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


@contextmanager
def tasks_deferred() -> Iterator[None]:
    """Run each distinct immediate job asked for in the block once, when the block ends."""
    if _pending.get() is not None:  # an outer block runs them
        yield
        return
    pending: dict[tuple[str, str], tuple[Task, Any, Any]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for task, args, kwargs in pending.values():
        task.enqueue(*args, **kwargs)
