"""warta on several machines, as real processes: two app servers (bin/serve, the production
profile, two web workers each, each "machine" with its own var/), two background workers
(bin/worker), Varnish in front of both with a shard director (the shipped VCL with two
backends), one PostgreSQL database and one Redis. A publication is seen everywhere within 2 s, a
scheduled story goes live once, a worker killed in the middle of a job loses no job, and an app
server killed under load leaves readers served by the other.

PostgreSQL and Redis only (``DATABASE_URL``, ``REDIS_URL``): the test makes its own database
beside the run's (the run's test database lives inside a transaction) and uses the next Redis
database number, emptied before and after. About 3 minutes: ``make test-machines`` runs it alone.
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import pytest

pytestmark = [pytest.mark.postgresql_only, pytest.mark.varnish]

ROOT = Path(__file__).resolve().parents[1]
VCL = ROOT / "deploy" / "varnish" / "warta.vcl"
VARNISHD = os.environ.get("WARTA_VARNISHD", "/usr/sbin/varnishd")
MACHINES = ("a", "b")
# A job RUNNING this long without its worker goes back to the queue (the production default is
# 300 s; the periodic job that looks runs every minute).
ABANDONED_AFTER = 5

# What the helper scripts run first: Django, on the test's own database (their environment).
PRELUDE = "import django, json, sys\ndjango.setup()\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(base: str, path: str, timeout: float = 5) -> tuple[int, dict[str, str], str]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def _wait_until(predicate, *, timeout: float, every: float = 0.2, what: str):
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError):
            value = predicate()
            if value:
                return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (bin/worker puts its children in sessions of their own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _two_server_vcl(ports: dict[str, int]) -> str:
    """The shipped VCL with its one backend replaced by the two servers, health-checked, behind
    a shard director (each URL has its server); a fetch that fails is tried again on the next
    healthy server, never the same one (`alt=bereq.retries`), as docs/operations.md says. The
    shipped subroutines stay as they are: Varnish runs a subroutine defined twice in order."""
    backends = "".join(
        f"""
backend machine_{name} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .connect_timeout = 1s;
    .probe = {{
        .url = "/robots.txt";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }}
}}
"""
        for name, port in ports.items()
    )
    adds = "".join(f"    servers.add_backend(machine_{name});\n" for name in ports)
    own = f"""{backends}
sub vcl_init {{
    new servers = directors.shard();
{adds}    servers.reconfigure();
}}

sub vcl_recv {{
    set req.backend_hint = servers.backend(resolve=LAZY);
}}

sub vcl_backend_fetch {{
    set bereq.backend = servers.backend(by=URL, alt=bereq.retries, healthy=ALL);
}}

sub vcl_backend_error {{
    if (bereq.retries < 2) {{
        return (retry);
    }}
}}

sub vcl_backend_response {{
    set beresp.http.X-Served-By = beresp.backend.name;
}}
"""
    vcl = VCL.read_text()
    shipped_backend = re.compile(r"backend warta \{[^}]*\}\n")
    assert shipped_backend.search(vcl), "the shipped VCL's backend is no longer `backend warta`"
    vcl = shipped_backend.sub("", vcl, count=1)
    return vcl.replace("vcl 4.1;\n", "vcl 4.1;\n\nimport directors;\n" + own, 1)


class Stack:
    """The processes of two machines and the shared services, started and stopped by the test."""

    def __init__(self, database_url: str, redis_url: str, tmp: Path):
        self.tmp = tmp
        self.ports = {name: _free_port() for name in MACHINES}
        self.varnish_port = _free_port()
        self.varnish = f"http://127.0.0.1:{self.varnish_port}"
        self.servers: dict[str, subprocess.Popen] = {}
        self.workers: dict[str, subprocess.Popen] = {}
        self.varnishd: subprocess.Popen | None = None
        secret = secrets.token_urlsafe(50)
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("WARTA_", "DJANGO_", "PYTEST")) and k not in {"SECRET_KEY"}
        }
        self.env = {}
        for name in MACHINES:
            self.env[name] = base | {
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "WARTA_PRODUCTION": "true",
                "SECRET_KEY": secret,
                "ALLOWED_HOSTS": "127.0.0.1",
                "WARTA_SSL_REDIRECT": "false",
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "WARTA_VAR_DIR": str(tmp / f"machine-{name}"),
                "WARTA_BASE_URL": self.varnish,
                "WARTA_CACHE_PURGE_URLS": self.varnish + "/",
                "WARTA_WORKER_ABANDONED_AFTER": str(ABANDONED_AFTER),
                "WEB_CONCURRENCY": "2",
                "BIND": f"127.0.0.1:{self.ports[name]}",
                "WARTA_WORKER_VERBOSITY": "1",
            }

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def log(self, what: str) -> Path:
        return self.tmp / f"{what}.log"

    def _spawn(self, what: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        with self.log(what).open("ab") as out:
            return subprocess.Popen(  # noqa: S603 - the test's own processes
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def django(self, code: str, machine: str = "a", timeout: float = 120) -> object:
        """Run ``code`` in a Django process of ``machine``; what it prints last is JSON."""
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", PRELUDE + code],
            cwd=ROOT,
            env=self.env[machine],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def manage(self, *args: str) -> None:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env["a"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]

    def start_server(self, name: str) -> None:
        self.servers[name] = self._spawn(f"server-{name}", ["bin/serve"], self.env[name])

    def wait_for_server(self, name: str) -> None:
        def up():
            if self.servers[name].poll() is not None:
                raise AssertionError(
                    f"server {name} exited:\n{self.log(f'server-{name}').read_text()}"
                )
            return _get(self.url(name), "/robots.txt")[0] == 200

        _wait_until(up, timeout=90, what=f"server {name}")

    def start_worker(self, name: str) -> None:
        self.workers[name] = self._spawn(f"worker-{name}", ["bin/worker"], self.env[name])

    def worker_pids(self, name: str) -> list[int]:
        return _descendants(self.workers[name].pid)

    def start_varnish(self) -> None:
        # Varnish's own user must read the files: not in pytest's private temporary folder.
        folder = Path(tempfile.mkdtemp(prefix="warta-machines-varnish-"))
        self.varnish_folder = folder
        vcl_file = folder / "warta.vcl"
        vcl_file.write_text(_two_server_vcl(self.ports))
        workdir = folder / "varnish"
        workdir.mkdir()
        for path in (folder, workdir, vcl_file):
            path.chmod(0o755)
        self.varnishd = self._spawn(
            "varnish",
            [
                VARNISHD,
                *("-F", "-a", f"127.0.0.1:{self.varnish_port}", "-f", str(vcl_file)),
                *("-n", str(workdir), "-s", "malloc,32m", "-p", "default_grace=0"),
            ],
            os.environ.copy(),
        )

        def up():
            if self.varnishd.poll() is not None:
                raise AssertionError(self.log("varnish").read_text())
            return _get(self.varnish, "/robots.txt")[0] == 200

        _wait_until(up, timeout=30, what="Varnish")

    def kill_server(self, name: str) -> None:
        """The machine goes away: its server and web workers at once."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.servers[name].pid, signal.SIGKILL)
        self.servers[name].wait(timeout=10)

    def stop(self) -> None:
        stopping = []
        for process in [*self.workers.values(), *self.servers.values(), self.varnishd]:
            if process is None or process.poll() is not None:
                continue
            below = _descendants(process.pid)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            stopping.append((process, below))
        for process, below in stopping:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            for pid in below:  # what a TERM left behind
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        if getattr(self, "varnish_folder", None):
            shutil.rmtree(self.varnish_folder, ignore_errors=True)


def _redis_next_db(url: str) -> str:
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + 1
    return urlunsplit(parts._replace(path=f"/{number}"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    import psycopg
    import redis

    redis_run_url = os.environ.get("REDIS_URL", "")
    if not redis_run_url:
        if os.environ.get("CI"):
            pytest.fail("tests/test_several_machines.py needs REDIS_URL on PostgreSQL")
        pytest.skip("REDIS_URL is not set: several machines share their cache through Redis")
    database = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"{database['NAME'][:40]}_machines_{os.getpid()}"
    server = {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"],
    }
    credentials = (
        f"{server['user']}:{server['password']}@"
        if server["password"]
        else (f"{server['user']}@" if server["user"] else "")
    )
    database_url = f"postgres://{credentials}{server['host']}:{server['port']}/{name}"
    redis_url = _redis_next_db(redis_run_url)
    cache = redis.Redis.from_url(redis_url)

    def admin(statement: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
            connection.execute(statement)

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    cache.flushdb()
    tmp = tmp_path_factory.mktemp("machines")
    machines = Stack(database_url, redis_url, tmp)
    try:
        started = time.monotonic()
        machines.manage("migrate", "--noinput", "--verbosity", "0")
        for name_ in MACHINES:
            machines.start_server(name_)
            machines.start_worker(name_)
        for name_ in MACHINES:
            machines.wait_for_server(name_)
        machines.start_varnish()  # its health probes find both servers up
        print(f"\nseveral machines: started in {time.monotonic() - started:.1f} s")
        yield machines
    finally:
        machines.stop()
        cache.flushdb()
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def article(stack):
    """A published story, written by a process of its own (as the back office would)."""
    token = secrets.token_hex(4)
    return stack.django(
        f"""
from warta.newsroom.models import Section
from warta.newsroom.services import article_create
from warta.newsroom.tests.factories import paragraphs
section, _ = Section.objects.get_or_create(slug="city", defaults={{"name": "City"}})
article = article_create(
    headline="Harbour tender opens {token}", slug="harbour-{token}", dek="The port.",
    section=section, body=paragraphs("The first paragraph."), publish=True,
)
print(json.dumps({{"id": article.pk, "url": article.get_absolute_url(), "token": "{token}"}}))
"""
    )


def _both_workers_alive(stack: Stack) -> None:
    for name, process in stack.workers.items():
        assert process.poll() is None, (
            f"bin/worker on machine {name} exited:\n{stack.log(f'worker-{name}').read_text()}"
        )


def test_a_publication_is_seen_through_varnish_and_the_other_server_within_2_s(stack, article):
    url = article["url"]
    time.sleep(2.5)  # the story's own purge (a second after it was written) is done
    for base in (stack.varnish, stack.url("a"), stack.url("b")):
        for path in (url, "/"):
            _get(base, path)  # every cache holds the old page now
    assert _get(stack.varnish, url)[1]["x-cache"] == "hit"
    assert _get(stack.varnish, "/")[1]["x-cache"] == "hit"

    new = f"Harbour tender closes early {article['token']}"
    where = {
        "varnish-article": (stack.varnish, url),
        "varnish-home": (stack.varnish, "/"),
        "server-a": (stack.url("a"), url),
        "server-b": (stack.url("b"), url),
    }
    first_new: dict[str, float] = {}
    until = time.monotonic() + 60

    def watch(label: str, base: str, path: str) -> None:
        """A reader asking again and again, from before the publication on."""
        while time.monotonic() < until:
            asked = time.time()  # the answer shows what was there when asked, or later
            if new in _get(base, path)[2]:
                first_new[label] = asked
                return
            time.sleep(0.05)

    watchers = [threading.Thread(target=watch, args=(k, *v), daemon=True) for k, v in where.items()]
    for thread in watchers:
        thread.start()
    published = stack.django(
        f"""
import time
from warta.newsroom.models import Article
from warta.newsroom.services import article_publish
article = Article.objects.get(pk={article["id"]})
article.headline = "{new}"
article.save_revision()
article_publish(article=article)
print(json.dumps(time.time()))  # committed
"""
    )
    for thread in watchers:
        thread.join(timeout=70)
    seen = {label: at - published for label, at in first_new.items()}

    print(f"\nseen after (s): { {k: round(v, 2) for k, v in seen.items()} }")
    assert set(seen) == set(where), f"never seen: {set(where) - set(seen)}"
    assert all(delay < 2 for delay in seen.values()), seen
    _both_workers_alive(stack)


def test_a_scheduled_story_goes_live_once_with_two_workers(stack):
    """The story is due before the next minute; at that minute the scheduler enqueues the job, and
    three more are enqueued for the same moment (as schedulers on other machines without the
    shared lock would): both workers run them at once, and the story goes live once."""
    token = secrets.token_hex(4)
    made = stack.django(
        f"""
from datetime import timedelta
from django.utils import timezone
from warta.newsroom.models import Section
from warta.newsroom.services import article_create
from warta.newsroom.tasks import publish_scheduled
from warta.newsroom.tests.factories import paragraphs
now = timezone.now()
go_live_at = now + timedelta(seconds=8)  # still ahead once the revision is published
minute = (go_live_at + timedelta(seconds=1)).replace(second=0, microsecond=0)
minute += timedelta(minutes=1)
section, _ = Section.objects.get_or_create(slug="city", defaults={{"name": "City"}})
article = article_create(
    headline="Night ferry on time {token}", slug="ferry-{token}", dek="The ferry.",
    section=section, body=paragraphs("The first paragraph."), go_live_at=go_live_at,
)
assert not article.live
extra = [publish_scheduled.using(run_after=minute).enqueue().id for _ in range(3)]
print(json.dumps({{"id": article.pk, "front": section.get_absolute_url(), "extra": extra,
                  "headline": article.headline, "minute": minute.timestamp()}}))
"""
    )
    front, headline = made["front"], made["headline"]
    assert headline not in _get(stack.url("b"), front)[2]  # not live yet

    _wait_until(
        lambda: headline in _get(stack.url("b"), front)[2],
        timeout=max(5, made["minute"] - time.time()) + 30,
        every=0.5,
        what="the scheduled story to go live",
    )
    print(f"\nlive {time.time() - made['minute']:.1f} s after the minute")

    def all_ran():
        return stack.django(
            f"""
from django_tasks_db.models import DBTaskResult
print(json.dumps(
    DBTaskResult.objects.filter(id__in={made["extra"]!r}, status="SUCCESSFUL").count() == 3
))
"""
        )

    # Two workers under a loaded CI machine: each polls the queue and runs the jobs one by one.
    _wait_until(all_ran, timeout=90, every=1, what="the extra publishing jobs")
    facts = stack.django(
        f"""
from collections import Counter
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry
logs = ModelLogEntry.objects.filter(object_id="{made["id"]}", action="wagtail.publish.scheduled")
from_the_scheduler = DBTaskResult.objects.filter(
    task_path="warta.newsroom.tasks.publish_scheduled"
).exclude(id__in={made["extra"]!r})
per_minute = Counter(
    job.enqueued_at.replace(second=0, microsecond=0).isoformat() for job in from_the_scheduler
)
print(json.dumps({{"logs": logs.count(), "per_minute": per_minute}}))
"""
    )
    assert facts["logs"] == 1, facts
    # One scheduler enqueues the periodic jobs (the other waits on the Redis lock): one a minute.
    assert facts["per_minute"] and set(facts["per_minute"].values()) == {1}, facts
    _both_workers_alive(stack)


def test_a_worker_killed_in_the_middle_of_a_job_loses_no_job(stack):
    marker = stack.tmp / f"slow-{secrets.token_hex(4)}.txt"
    job = stack.django(
        f"""
from warta.worker.tests.flaky_jobs import slow
print(json.dumps(str(slow.enqueue({str(marker)!r}, 4).id)))
"""
    )
    started = _wait_until(
        lambda: marker.exists() and re.search(r"start (\d+)", marker.read_text()),
        timeout=20,
        what="a worker to start the slow job",
    )
    victim = int(started.group(1))
    machine = next(name for name in MACHINES if victim in stack.worker_pids(name))
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    # bin/worker stops with its db_worker (a process manager would start it again: so does this).
    stack.workers[machine].wait(timeout=30)
    stack.start_worker(machine)

    done = _wait_until(
        lambda: re.search(r"done (\d+)", marker.read_text()),
        timeout=ABANDONED_AFTER + 60 + 30,
        every=0.5,
        what="the killed job to run again",
    )
    print(f"\nthe killed job ran again {time.monotonic() - killed_at:.1f} s later")
    assert int(done.group(1)) != victim
    assert marker.read_text().count("start") == 2  # started twice, finished once
    result = stack.django(
        f"""
from django_tasks_db.models import DBTaskResult
job = DBTaskResult.objects.get(id="{job}")
print(json.dumps([job.status, len(job.worker_ids)]))
"""
    )
    assert result == ["SUCCESSFUL", 2]
    _both_workers_alive(stack)


def test_an_app_server_killed_under_load_leaves_readers_served_by_the_other(stack, article):
    # (when, status, the server that rendered it, whether it reached a server)
    answers: list[tuple[float, int, str, bool]] = []
    stop = threading.Event()

    def reader(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            # Half of them miss Varnish's cache (a new query string each time): those reach
            # the servers. The others are Varnish hits, whose X-Served-By names the server that
            # rendered the cached copy, maybe before the kill.
            fresh = bool(i % 2)
            path = article["url"] + (f"?reader={n}-{i}" if fresh else "")
            try:
                status, headers, _ = _get(stack.varnish, path, timeout=10)
                answers.append((time.monotonic(), status, headers.get("x-served-by", ""), fresh))
            except OSError as error:
                answers.append((time.monotonic(), 0, repr(error), fresh))

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(4)]
    for thread in readers:
        thread.start()
    try:
        time.sleep(3)
        killed_at = time.monotonic()
        stack.kill_server("a")
        time.sleep(6)
    finally:
        stop.set()
        for thread in readers:
            thread.join(timeout=20)

    before = [a for a in answers if a[0] < killed_at]
    after = [a for a in answers if a[0] >= killed_at]
    served_by = Counter(by for _, _, by, fresh in before if fresh)
    failures = [a for a in answers if a[1] != 200]
    print(
        f"\n{len(before)} answers before the kill ({dict(served_by)}), {len(after)} after, "
        f"{len(failures)} not 200"
    )
    assert {"machine_a", "machine_b"} <= set(served_by), served_by
    assert len(after) > 20
    assert not failures, failures[:5]
    late = [by for t, _, by, fresh in after if t > killed_at + 1 and fresh]
    assert late and set(late) == {"machine_b"}

    stack.start_server("a")  # the machine comes back; Varnish's probe takes it in again
    stack.wait_for_server("a")
    _wait_until(
        lambda: (
            _get(stack.varnish, article["url"] + f"?back={time.time()}")[1].get("x-served-by")
            == "machine_a"
        ),
        timeout=20,
        what="Varnish to send readers to server a again",
    )
