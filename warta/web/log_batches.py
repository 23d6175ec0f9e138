"""warta's log lines, written in batches (decision 0018).

A server answering thousands of requests a second writes thousands of access lines. Written one
at a time (a record made, formatted and written with a ``write`` and a ``flush`` for each
request) they cost a page cache hit more than the hit itself; done for a batch of lines
together, about a quarter of that (the figures: decision 0018). Two kinds of batch:

- ``BatchedStreamHandler``, the console's handler (config/settings.py, ``LOGGING``): formats
  each record at once, as ``StreamHandler`` does, and writes the lines together, in one
  ``write`` of at most ``PIPE_BUF`` bytes (4 KiB on Linux), which is atomic on a pipe: the lines
  of two worker processes sharing one standard error (the journal's pipe) never interleave
  within a line.
- ``record_batch``: what a log record is made from, kept until there are enough to make the
  records together (the access log's: warta/web/access_log.py). Such batches are turned into
  records before any line at WARNING or above is written, and whenever the console flushes: a
  warning follows the access lines of the requests before it (an INFO line of another logger
  may come before them; each line has its own time).

Each batch is written when it is full, at the latest ``interval`` seconds after its first item
(a daemon thread, started in each process at its first item: an operator tailing the log sees
lines within a second), and on a clean exit: by ``atexit``, and by multiprocessing's finalizers
in a process it forked (granian's workers, stopped by SIGTERM), which drops the ``atexit``
functions it inherited: a batch made before the fork is flushed by those. A line at WARNING or
above is written at once, with the lines before it. A hard kill (SIGKILL) takes the last second
of lines with it.
"""

import atexit
import logging
import multiprocessing.util
import os
import select
import threading
import time
import weakref
from collections.abc import Callable
from typing import TextIO

# The most bytes one write to a pipe may hold and still arrive whole (POSIX: at least 512).
ATOMIC_WRITE_BYTES = getattr(select, "PIPE_BUF", 512)
# Records at this level or above are written at once, with every line before them.
URGENT_LEVEL = logging.WARNING
INTERVAL_SECONDS = 1.0

_batches: "weakref.WeakSet[Batch[object]]" = weakref.WeakSet()
_record_batches: "weakref.WeakSet[Batch[object]]" = weakref.WeakSet()
_handlers: "weakref.WeakSet[BatchedStreamHandler]" = weakref.WeakSet()


class Batch[T]:
    """Items handed to ``write`` together: when they weigh ``limit`` (the batch that would pass
    it is written first), at once when ``add`` says ``urgent``, at the latest ``interval``
    seconds after the first item (``on_due``, by default ``flush``), and at a clean exit.
    ``write`` runs outside the batch's lock, so it may log."""

    def __init__(
        self,
        write: Callable[[list[T]], None],
        limit: int,
        interval: float = INTERVAL_SECONDS,
        on_due: Callable[[], None] | None = None,
    ) -> None:
        self.write = write
        self.limit = limit
        self.interval = interval
        self.on_due = on_due
        self._lock = threading.Lock()
        self._reset()
        _batches.add(self)  # type: ignore[arg-type]
        atexit.register(_flush_at_exit, weakref.ref(self))

    def _reset(self) -> None:
        """Empty, with no thread: at the start, and in a child after a fork (the parent writes
        what it had; threads do not survive a fork)."""
        self._lock = threading.Lock()
        self._items: list[T] = []
        self._weight = 0
        self._due = threading.Event()  # set while items wait for the thread
        self._thread: threading.Thread | None = None

    def add(self, item: T, weight: int = 1, urgent: bool = False) -> None:
        ready: list[T] | None = None
        with self._lock:
            if self._items and self._weight + weight > self.limit:
                ready = self._take()
            self._items.append(item)
            self._weight += weight
            full = urgent or self._weight >= self.limit
            last = self._take() if full else None
            if not full and not self._due.is_set():
                self._due.set()
                if self._thread is None:
                    self._start_thread()
        if ready:
            self.write(ready)
        if last:
            self.write(last)

    def flush(self) -> None:
        with self._lock:
            ready = self._take()
            self._due.clear()
        if ready:
            self.write(ready)

    def _take(self) -> list[T]:
        items, self._items, self._weight = self._items, [], 0
        return items

    def _start_thread(self) -> None:
        self._thread = threading.Thread(
            target=_flush_when_due, args=(weakref.ref(self),), name="log-batch", daemon=True
        )
        self._thread.start()
        # Run when a process multiprocessing forked ends, which runs no atexit function inherited
        # from before the fork: registered here, in the process that has the items.
        multiprocessing.util.Finalize(self, _flush_at_exit, (weakref.ref(self),), exitpriority=10)


def _flush_when_due(ref: "weakref.ref[Batch[object]]") -> None:
    while (batch := ref()) is not None:
        due, interval = batch._due, batch.interval
        del batch  # a batch that is dropped ends its thread
        due.wait()
        time.sleep(interval)
        if (batch := ref()) is None:
            return
        (batch.on_due or batch.flush)()
        del batch


def _flush_at_exit(ref: "weakref.ref[Batch[object]]") -> None:
    if (batch := ref()) is not None:
        (batch.on_due or batch.flush)()


def record_batch[T](
    make_records: Callable[[list[T]], None], limit: int = 64, interval: float = INTERVAL_SECONDS
) -> Batch[T]:
    """A batch of what ``make_records`` makes log records of (and hands to a logger). It is
    written before a line at WARNING or above and whenever a ``BatchedStreamHandler`` flushes;
    when it is due, the console is flushed with it, so its lines wait ``interval`` at most."""
    batch = Batch(make_records, limit, interval, on_due=flush_all)
    _record_batches.add(batch)  # type: ignore[arg-type]
    return batch


def _flush_record_batches() -> None:
    for batch in list(_record_batches):
        batch.flush()


def flush_all() -> None:
    """Every record batch made into records, then every console line written."""
    _flush_record_batches()
    for handler in list(_handlers):
        handler.flush()


class BatchedStreamHandler(logging.StreamHandler[TextIO]):
    def __init__(self, stream: TextIO | None = None, interval: float = INTERVAL_SECONDS) -> None:
        super().__init__(stream)
        self._lines: Batch[str] = Batch(
            self._write, ATOMIC_WRITE_BYTES, interval, on_due=self.flush
        )
        _handlers.add(self)

    def emit(self, record: logging.LogRecord) -> None:
        # Called by Handler.handle with self.lock held, so lines are added and written in order.
        try:
            line = self.format(record) + self.terminator
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)
            return
        urgent = record.levelno >= URGENT_LEVEL
        if urgent:
            _flush_record_batches()  # their records come back here (the lock is reentrant)
        size = len(line) if line.isascii() else len(line.encode("utf-8", "replace"))
        self._lines.add(line, size, urgent)

    def _write(self, lines: list[str]) -> None:
        if getattr(self.stream, "closed", False):
            return  # closed under us (at exit, by whoever opened it): nowhere to write
        try:
            self.stream.write("".join(lines))
            self.stream.flush()
        except RecursionError:
            raise
        except Exception:
            self.handleError(logging.makeLogRecord({"msg": "%s", "args": ("".join(lines),)}))

    def flush(self) -> None:
        _flush_record_batches()
        self.acquire()
        try:
            self._lines.flush()
            if hasattr(self.stream, "flush") and not getattr(self.stream, "closed", False):
                self.stream.flush()
        finally:
            self.release()


def _after_fork_in_child() -> None:
    for batch in list(_batches):
        batch._reset()


os.register_at_fork(after_in_child=_after_fork_in_child)
