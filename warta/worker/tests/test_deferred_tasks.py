"""Immediate jobs asked for inside ``tasks_deferred()`` run once each, when the block ends."""

import pytest
from django_tasks import task

from warta.worker.deferred_tasks import tasks_deferred

RAN: list[tuple[str, int]] = []


@task()
def note(name: str, number: int) -> None:
    RAN.append((name, number))


@pytest.fixture(autouse=True)
def fresh():
    RAN.clear()
    yield
    RAN.clear()


def test_outside_a_block_a_job_runs_at_once():
    note.enqueue("index", 1)
    assert RAN == [("index", 1)]


def test_inside_a_block_each_distinct_job_runs_once_at_the_end():
    with tasks_deferred():
        note.enqueue("index", 1)
        note.enqueue("index", 1)
        note.enqueue("index", 2)
        with tasks_deferred():  # an inner block leaves them to the outer one
            note.enqueue("index", 1)
        assert RAN == []
    assert RAN == [("index", 1), ("index", 2)]


def test_a_block_that_raises_runs_none_of_its_jobs():
    with pytest.raises(RuntimeError), tasks_deferred():
        note.enqueue("index", 1)
        raise RuntimeError("rolled back")
    assert RAN == []
    note.enqueue("index", 3)
    assert RAN == [("index", 3)]
