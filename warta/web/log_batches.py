"""The console's log handler: lines written to standard error in batches (decision 0017).

A server answering thousands of requests a second writes thousands of access lines; one
``write`` and ``flush`` each cost a page cache hit a good part of its time (docs/performance.md,
"The access log"). ``BatchedStreamHandler`` formats each record at once, as ``StreamHandler``
does, but keeps the lines and writes them together:

- as soon as a batch would pass ``PIPE_BUF`` bytes (4 KiB on Linux): one ``write`` of at most
  that many bytes is atomic on a pipe, so the lines of two worker processes sharing one
  standard error (the journal's pipe) never interleave within a line;
- at once for a record at WARNING or above, with the lines before it, in order;
- at the latest ``interval`` seconds after the first line of a batch (a daemon thread, started
  in each process at its first line), so an operator tailing the log sees lines within a second;
- on a clean exit: ``logging.shutdown`` at interpreter exit, and multiprocessing's finalizers in
  a process it started (granian's workers end with ``os._exit`` after those, without ``atexit``).

What a hard kill (SIGKILL) takes with it is the last second of lines, at most 4 KiB a process.
"""

import logging
import multiprocessing.util
import os
import select
import threading
import time
import weakref
from typing import TextIO

# The most bytes one write to a pipe may hold and still arrive whole (POSIX: at least 512).
ATOMIC_WRITE_BYTES = getattr(select, "PIPE_BUF", 512)
FLUSH_LEVEL = logging.WARNING

_handlers: "weakref.WeakSet[BatchedStreamHandler]" = weakref.WeakSet()


class BatchedStreamHandler(logging.StreamHandler[TextIO]):
    def __init__(self, stream: TextIO | None = None, interval: float = 1.0) -> None:
        super().__init__(stream)
        self.interval = interval
        self._reset()
        _handlers.add(self)

    def _reset(self) -> None:
        """No lines and no flushing thread: at start, and in a child after a fork (its parent
        writes the lines it had; threads do not survive a fork)."""
        self._batch: list[str] = []
        self._size = 0
        self._last: logging.LogRecord | None = None
        self._due = threading.Event()  # set while a batch waits for the flushing thread
        self._flusher: threading.Thread | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # Called by Handler.handle with self.lock held, as every method below that writes.
        try:
            line = self.format(record) + self.terminator
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)
            return
        size = len(line) if line.isascii() else len(line.encode("utf-8", "replace"))
        if self._batch and self._size + size > ATOMIC_WRITE_BYTES:
            self._write()
        self._batch.append(line)
        self._size += size
        self._last = record
        if record.levelno >= FLUSH_LEVEL or self._size >= ATOMIC_WRITE_BYTES:
            self._write()
        elif not self._due.is_set():
            self._due.set()
            if self._flusher is None:
                self._start_flusher()

    def _write(self) -> None:
        if not self._batch:
            return
        text = "".join(self._batch)
        self._batch.clear()
        self._size = 0
        try:
            self.stream.write(text)
            self.stream.flush()
        except RecursionError:
            raise
        except Exception:
            self.handleError(self._last or logging.makeLogRecord({"msg": text}))

    def flush(self) -> None:
        self.acquire()
        try:
            self._write()
            self._due.clear()
            if self.stream and hasattr(self.stream, "flush"):
                self.stream.flush()
        finally:
            self.release()

    def _start_flusher(self) -> None:
        self._flusher = threading.Thread(
            target=_flush_every, args=(weakref.ref(self),), name="log-flusher", daemon=True
        )
        self._flusher.start()
        # Run at the end of a process multiprocessing started (after this fork, so registered
        # here); logging.shutdown covers every other exit.
        multiprocessing.util.Finalize(self, self.flush, exitpriority=100)


def _flush_every(ref: "weakref.ref[BatchedStreamHandler]") -> None:
    while (handler := ref()) is not None:
        due, interval = handler._due, handler.interval
        del handler  # a handler that is dropped ends its thread
        due.wait()
        time.sleep(interval)
        if (handler := ref()) is None:
            return
        handler.flush()
        del handler


def _after_fork_in_child() -> None:
    for handler in list(_handlers):
        handler._reset()


os.register_at_fork(after_in_child=_after_fork_in_child)
