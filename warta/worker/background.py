"""Jobs for the background worker: Django's tasks API on the database backend (decision 0013).

``background_task`` is ``django.tasks.task`` on the worker's backend, with retries: a job that
raises is enqueued again after a growing pause, up to ``retries`` more times, and the failure is
logged (the failed attempt stays in the task results, in the back office's worker panel).
While a job runs, its worker holds it (``job_holds``): a job whose worker died mid-way is found
and run again (``services.abandoned_jobs_requeue``).
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.tasks import Task, TaskContext, task
from django.utils import timezone

from .job_holds import job_held

logger = logging.getLogger(__name__)

# The alias of the database backend in settings.TASKS. "default" stays Wagtail's: its own jobs
# use the django-tasks backport, which the database worker cannot run (decision 0013).
WORKER_BACKEND = "worker"
ATTEMPT = "_attempt"


def background_task(
    *, queue: str = "default", retries: int = 0, backoff_seconds: float = 30.0
) -> Callable[[Callable[..., Any]], Task]:
    """A job the worker runs, retried ``retries`` times after ``backoff_seconds``, doubling."""

    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(context: TaskContext, *args: Any, **kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                with job_held(context.task_result.id):
                    return func(*args, **kwargs)
            except Exception:
                if attempt > retries:
                    logger.exception("%s failed for good after %d attempts", func.__name__, attempt)
                    raise
                pause = timedelta(seconds=backoff_seconds * 2 ** (attempt - 1))
                job.using(run_after=timezone.now() + pause).enqueue(
                    *args, **{**kwargs, ATTEMPT: attempt + 1}
                )
                logger.warning(
                    "%s failed (attempt %d of %d); trying again in %s",
                    func.__name__,
                    attempt,
                    retries + 1,
                    pause,
                    exc_info=True,
                )
                raise

        # The tasks API reads the first parameter's name ("context") from run itself, not func.
        del run.__wrapped__
        job = task(backend=WORKER_BACKEND, queue_name=queue, takes_context=True)(run)
        return job

    return decorate
