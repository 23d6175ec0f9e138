"""Log lines written in batches (warta/web/log_batches.py): whole lines in writes a pipe keeps
whole, in order, a warning at once with the lines before it, the rest within the interval, and
none lost when a process ends cleanly: at exit, in a worker multiprocessing started (as granian's
are), and in granian itself, stopped as its service manager stops it."""

import logging
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from warta.web.log_batches import ATOMIC_WRITE_BYTES, BatchedStreamHandler, record_batch

pytestmark = pytest.mark.database_free

ROOT = Path(__file__).resolve().parents[3]


class Writes:
    """A stream that keeps each write apart."""

    closed = False

    def __init__(self) -> None:
        self.writes: list[str] = []

    def write(self, text: str) -> None:
        self.writes.append(text)

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return "".join(self.writes)


@pytest.fixture
def logger():
    """A logger of its own, with nothing but the handler a test gives it."""
    made = logging.getLogger("test.log_batches")
    made.propagate = False
    made.setLevel(logging.DEBUG)
    yield made
    for handler in made.handlers[:]:
        made.removeHandler(handler)


def _handler(logger, interval: float = 60) -> tuple[BatchedStreamHandler, Writes]:
    stream = Writes()
    handler = BatchedStreamHandler(stream, interval=interval)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    return handler, stream


def test_lines_wait_then_go_whole_in_writes_a_pipe_keeps_whole(logger):
    handler, stream = _handler(logger)

    for number in range(300):
        logger.info("line %03d %s", number, "x" * 80)
    written_before_flush = len(stream.writes)
    handler.flush()

    assert written_before_flush > 0  # batches that were full went at once
    assert stream.text.splitlines() == [f"INFO line {n:03d} {'x' * 80}" for n in range(300)]
    assert all(len(w.encode()) <= ATOMIC_WRITE_BYTES and w.endswith("\n") for w in stream.writes)
    assert len(stream.writes) < 300 / 30  # about 45 lines of 90 bytes a write


def test_the_size_of_a_batch_counts_bytes_not_characters(logger):
    handler, stream = _handler(logger)

    for _ in range(100):
        logger.info("ĳ" * 100)  # 2 bytes a character in UTF-8
    handler.flush()

    assert all(len(w.encode()) <= ATOMIC_WRITE_BYTES for w in stream.writes)
    assert stream.text.count("\n") == 100


def test_a_long_line_is_written_alone_and_whole(logger):
    handler, stream = _handler(logger)

    logger.info("short")
    logger.info("long %s", "y" * (2 * ATOMIC_WRITE_BYTES))
    logger.info("after")

    assert stream.writes == ["INFO short\n", f"INFO long {'y' * (2 * ATOMIC_WRITE_BYTES)}\n"]
    handler.flush()
    assert stream.writes[-1] == "INFO after\n"


def test_a_warning_is_written_at_once_with_the_lines_before_it(logger):
    stream = _handler(logger)[1]

    logger.info("first")
    logger.debug("second")
    assert stream.writes == []
    logger.warning("something is wrong")

    assert stream.text == "INFO first\nDEBUG second\nWARNING something is wrong\n"
    logger.error("worse")
    assert stream.writes[-1] == "ERROR worse\n"


def test_lines_are_written_within_the_interval_without_a_flush(logger):
    stream = _handler(logger, interval=0.3)[1]

    logger.info("soon")
    logged = time.monotonic()
    assert stream.writes == []
    while not stream.writes:
        assert time.monotonic() - logged < 3, "not written within 3 s"
        time.sleep(0.02)

    assert time.monotonic() - logged >= 0.25
    assert stream.text == "INFO soon\n"
    logger.info("again")  # the thread waits for the next batch
    time.sleep(0.6)
    assert stream.text == "INFO soon\nINFO again\n"


def test_a_record_batch_becomes_records_before_a_warning_and_at_each_flush(logger):
    handler, stream = _handler(logger)
    noted = record_batch(lambda items: [logger.info("noted %s", item) for item in items], 64, 60)

    noted.add("one")
    noted.add("two")
    logger.info("direct")
    logger.warning("alarm")

    assert stream.text == "INFO direct\nINFO noted one\nINFO noted two\nWARNING alarm\n"
    noted.add("three")
    handler.flush()
    assert stream.writes[-1] == "INFO noted three\n"


def test_a_record_batch_is_written_when_full():
    made: list[list[int]] = []
    batch = record_batch(made.append, limit=3, interval=60)

    for number in range(7):
        batch.add(number)

    assert made == [[0, 1, 2], [3, 4, 5]]
    batch.flush()
    assert made[-1] == [6]


# What a process writes: a handler on standard error that waits a minute, so that only the end of
# the process can have written the lines.
CHILD = """
import logging
from warta.web.log_batches import BatchedStreamHandler
handler = BatchedStreamHandler(STREAM, interval=60)
logger = logging.getLogger("child")
logger.addHandler(handler)
logger.setLevel(logging.INFO)
for number in range(50):
    logger.info("line %d", number)
"""


def test_lines_are_written_when_the_interpreter_exits():
    done = subprocess.run(  # noqa: S603 - this interpreter
        [sys.executable, "-c", "import sys\nSTREAM = sys.stderr\n" + CHILD + "sys.exit(0)\n"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert done.stderr.splitlines() == [f"line {n}" for n in range(50)]


WORKER = (
    """
import multiprocessing, os, sys

def work(path):
    # As a granian worker: the handler made in the forked child, which ends with os._exit.
    STREAM = open(path, "w")
"""
    + textwrap.indent(CHILD, "    ")
    + """

if __name__ == "__main__":
    process = multiprocessing.get_context("fork").Process(target=work, args=(sys.argv[1],))
    process.start()
    process.join()
    sys.exit(process.exitcode)
"""
)


def test_lines_are_written_when_a_worker_started_by_multiprocessing_ends(tmp_path):
    script, out = tmp_path / "worker.py", tmp_path / "worker.log"
    script.write_text(WORKER)

    subprocess.run(  # noqa: S603 - this interpreter
        [sys.executable, str(script), str(out)], cwd=ROOT, timeout=60, check=True
    )

    assert out.read_text().splitlines() == [f"line {n}" for n in range(50)]


def _forked_child_writes(path: str) -> None:
    logging.getLogger("test.log_batches").info("child")


@pytest.mark.skipif(sys.platform != "linux", reason="fork")
# The parent's batch thread is running, as it would be: the child has no thread and no lines.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_child_writes_none_of_its_parents_waiting_lines(logger, tmp_path):
    path = tmp_path / "shared.log"
    with path.open("w") as stream:
        handler = BatchedStreamHandler(stream, interval=60)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.info("parent")  # waiting in the parent's batch when it forks
        # The child's line is written as it ends, by multiprocessing's finalizers: the batch was
        # made before the fork, and a forked child drops the atexit functions it inherited.

        child = multiprocessing.get_context("fork").Process(
            target=_forked_child_writes, args=(str(path),)
        )
        child.start()
        child.join(timeout=30)
        handler.flush()

    assert child.exitcode == 0
    assert sorted(path.read_text().splitlines()) == ["child", "parent"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


APP = """
import logging, sys
from django.conf import settings
settings.configure(WARTA_ACCESS_LOG=True)
from warta.web import access_log
from warta.web.log_batches import BatchedStreamHandler

# Nothing is due before a minute: only the workers' shutdown can write the lines.
access_log._noted.interval = 60
handler = BatchedStreamHandler(sys.stderr, interval=60)
handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
logging.getLogger().addHandler(handler)
logging.getLogger("warta.access").setLevel(logging.INFO)

def page(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]

app = access_log.AccessLog(page)
"""


def test_granian_workers_write_every_line_when_stopped(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    port = _free_port()
    log = (tmp_path / "granian.log").open("w")
    granian = Path(sys.executable).parent / "granian"
    server = subprocess.Popen(  # noqa: S603 - granian, as bin/serve-granian runs it
        [
            *(str(granian), "--interface", "wsgi", "--working-dir", str(tmp_path)),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", "2"),
            *("--blocking-threads", "1", "app:app"),
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=5).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (
                    "granian did not start"
                )
                time.sleep(0.2)
        for number in range(40):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/page/{number}", timeout=5).read()
        os.killpg(server.pid, signal.SIGTERM)  # as systemd stops warta-web
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()

    lines = (tmp_path / "granian.log").read_text().splitlines()
    paths = sorted(int(line.split("/page/")[1].split('"')[0]) for line in lines if "/page/" in line)
    assert paths == list(range(40)), lines[-10:]
    assert all(
        line.startswith('warta.access 127.0.0.1 "GET /page/') for line in lines if "/page/" in line
    )
