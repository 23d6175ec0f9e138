"""Readers under a live newsroom (bench/live_newsroom.sh runs it; bench/README.md, issue 13).

Every command talks HTTP to a running server (granian as production runs it) and, where it
publishes, writes through the newsroom's services in this process (django.setup(), the server's
own settings): a newsroom process of its own, beside the web workers.

- ``pages --count N --out FILE``: the reading set, built from the database: the home page, the
  section fronts, the tag and author pages (the first page of each list, then the second), the
  feeds and the sitemaps (at most half the set), and the newest live articles for the rest. FILE
  is JSON; FILE.paths has one path a line for wrk.
- ``sweep``: pages re-rendered by one publication. Every page of the set is requested until a
  whole pass is page cache hits; one article is republished (a new headline); once every process
  has read the change, every page is requested once more and what the page cache said is counted
  (``X-Warta-Cache: miss`` is a page rendered again), by kind, against what each page showed
  before (its ``Surrogate-Key`` header, and whether its HTML links the article). Twice: a recent
  story (on the home page, in many related lists) and an archive story.
- ``load --mode quiet|live``: the set warmed, then ``wrk`` walks it (bench/live_newsroom.lua)
  while, in ``live`` mode, one story of the home page is republished every ``--interval`` seconds.
  After each publication, one checker per server worker process polls the article's page and the
  home page on a keep-alive connection that process accepted (found through /proc: a connection
  stays with the process that accepted it) until both show the new headline: the delay from the
  start of the publication is recorded per process and page. The checkers poll in quiet mode too
  (pages of the set), at the same pace, so the two runs differ by the publications alone.
- ``report``: the markdown tables of the results.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().with_suffix(".lua")
# A request that tells which worker accepted a new connection (cheap, and not in the set).
PROBE = "/robots.txt"
# A checker sends a request at most this often (seconds), in both modes.
POLL_PAUSE = 0.02
# A change must be visible in every process within this many seconds (issue 13).
VISIBLE_TARGET_SECONDS = 2.0
# Live throughput at least this share of the quiet one (issue 13).
RATIO_TARGET = 0.8
# A headline we changed ends with this, so that the next change starts from the original.
TOKEN_RE = re.compile(r" \(live [0-9.]+\)$")
KINDS = ("article", "home", "section", "tag", "author", "feed", "sitemap")
HEADLINE_MAX = 255


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _read_json(path: str) -> Any:
    return json.loads(Path(path).read_text())


def _write_json(path: str, data: Any) -> None:
    Path(path).write_text(json.dumps(data, indent=1))


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


# --- The reading set ----------------------------------------------------------------------------


def build_pages(count: int) -> list[dict[str, str]]:
    from django.conf import settings
    from django.db.models import Count, Q
    from django.urls import reverse

    from warta.newsroom.models import Article, Author, Section, Tag

    per_page = settings.WARTA_ARTICLES_PER_PAGE
    live = Q(articles__live=True)
    sections = list(Section.objects.annotate(n=Count("articles", filter=live)).order_by("pk"))
    tags = list(
        Tag.objects.annotate(n=Count("articles", filter=live))
        .filter(n__gt=0)
        .order_by("-n", "slug")
    )
    authors = list(
        Author.objects.annotate(n=Count("articles", filter=live))
        .filter(n__gt=0)
        .order_by("-n", "slug")
    )
    lists: list[tuple[str, str]] = [("home", reverse("web:home"))]
    named = [
        *(("section", s, reverse("web:section", kwargs={"section": s.slug})) for s in sections),
        *(("tag", t, reverse("web:tag", kwargs={"slug": t.slug})) for t in tags),
        *(("author", a, reverse("web:author", kwargs={"slug": a.slug})) for a in authors),
    ]
    lists += [(kind, path) for kind, _, path in named]
    lists += [("feed", reverse("web:feed-rss")), ("feed", reverse("web:feed-atom"))]
    for s in sections:
        lists.append(("feed", reverse("web:section-feed-rss", kwargs={"section": s.slug})))
        lists.append(("feed", reverse("web:section-feed-atom", kwargs={"section": s.slug})))
    lists += [
        ("sitemap", reverse("web:sitemap-index")),
        ("sitemap", reverse("web:sitemap-news")),
        ("sitemap", reverse("web:sitemap", kwargs={"section": "articles"})),
        ("sitemap", reverse("web:sitemap", kwargs={"section": "sections"})),
    ]
    lists += [(kind, f"{path}?page=2") for kind, obj, path in named if obj.n > per_page]
    lists = lists[: max(1, count // 2)]
    articles = (
        Article.objects.filter(live=True)
        .select_related("section")
        .order_by("-first_published_at", "-pk")[: count - len(lists)]
    )
    pages = [{"kind": kind, "path": path} for kind, path in lists]
    pages += [{"kind": "article", "path": a.get_absolute_url(), "id": a.pk} for a in articles]
    paths = [p["path"] for p in pages]
    if len(set(paths)) != len(paths):
        raise SystemExit("live_newsroom: the reading set holds a path twice")
    return pages


def cmd_pages(args: argparse.Namespace) -> None:
    _setup_django()
    from warta.newsroom.models import Article

    pages = build_pages(args.count)
    live = Article.objects.filter(live=True).count()
    if len(pages) < args.count:
        raise SystemExit(
            f"live_newsroom: only {len(pages)} pages for a set of {args.count} "
            f"({live} live articles): generate more articles"
        )
    _write_json(args.out, {"pages": pages, "live_articles": live})
    Path(args.out + ".paths").write_text("".join(p["path"] + "\n" for p in pages))
    kinds = {k: sum(p["kind"] == k for p in pages) for k in KINDS}
    say(f"reading set: {len(pages)} pages ({kinds}), {live} live articles")


# --- Connections to each worker process ---------------------------------------------------------


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # state, ppid, pgrp...
        if int(fields[2]) == pgid:
            pids.append(int(entry))
    return pids


def _socket_inode(server_port: int, client_port: int) -> int | None:
    """The inode of the server's end of our connection from ``client_port``."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            local, remote = int(f[1].rsplit(":", 1)[1], 16), int(f[2].rsplit(":", 1)[1], 16)
            if local == server_port and remote == client_port and f[9] != "0":
                return int(f[9])
    return None


def _holder(pids: list[int], inode: int) -> int | None:
    target = f"socket:[{inode}]"
    for pid in pids:
        folder = f"/proc/{pid}/fd"
        try:
            fds = os.listdir(folder)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"{folder}/{fd}") == target:
                    return pid
            except OSError:
                continue
    return None


def group_cpu_seconds(pgid: int) -> float:
    """The CPU time (user and system) the processes of the group have used so far."""
    ticks = 0
    for pid in _group_pids(pgid):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass
class Answer:
    status: int
    state: str  # X-Warta-Cache, or "-"
    keys: tuple[str, ...]  # Surrogate-Key
    body: bytes


def _get(conn: http.client.HTTPConnection, path: str) -> Answer:
    # Only Host, as wrk sends: the same page cache entries as the readers'.
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    return Answer(
        status=response.status,
        state=response.getheader("X-Warta-Cache") or "-",
        keys=tuple((response.getheader("Surrogate-Key") or "").split()),
        body=body,
    )


class Workers:
    """One keep-alive connection to each worker process of the server (the processes of its
    process group), told apart through /proc: a connection stays with the process that
    accepted it, whatever the kernel chose."""

    TRIES = 96

    def __init__(self, host: str, port: int, pgid: int, want: int) -> None:
        self.host, self.port, self.pgid = host, port, pgid
        self.conns: dict[int, http.client.HTTPConnection] = {}
        self.socks: dict[int, Any] = {}
        spare = []
        try:
            for _ in range(self.TRIES):
                pid, conn = self._open()
                if pid is not None and pid not in self.conns:
                    self._keep(pid, conn)
                    if len(self.conns) >= want:
                        break
                else:
                    spare.append(conn)  # held open: the next one may go to another process
        finally:
            for conn in spare:
                conn.close()
        if not self.conns:
            raise SystemExit("live_newsroom: no connection could be told to a server process")
        self.pids = sorted(self.conns)

    def _open(self) -> tuple[int | None, http.client.HTTPConnection]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        _get(conn, PROBE)
        if conn.sock is None:  # the server closed it: no process holds it any more
            return None, conn
        inode = _socket_inode(self.port, conn.sock.getsockname()[1])
        pid = _holder(_group_pids(self.pgid), inode) if inode else None
        return pid, conn

    def _keep(self, pid: int, conn: http.client.HTTPConnection) -> None:
        self.conns[pid] = conn
        self.socks[pid] = conn.sock

    def _reconnect(self, pid: int) -> None:
        old = self.conns.pop(pid, None)
        if old is not None:
            old.close()
        spare = []
        try:
            for _ in range(self.TRIES):
                found, conn = self._open()
                if found == pid:
                    self._keep(pid, conn)
                    return
                spare.append(conn)
        finally:
            for conn in spare:
                conn.close()
        raise SystemExit(f"live_newsroom: no new connection reached process {pid}")

    def get(self, pid: int, path: str) -> Answer:
        """GET on process ``pid``'s connection (made again, to that process, if it closed)."""
        for attempt in (1, 2):
            conn = self.conns.get(pid)
            if conn is None or conn.sock is None or conn.sock is not self.socks.get(pid):
                self._reconnect(pid)
                conn = self.conns[pid]
            try:
                return _get(conn, path)
            except (OSError, http.client.HTTPException):
                if attempt == 2:
                    raise
                self.conns[pid].close()
        raise AssertionError("unreachable")

    def close(self) -> None:
        for conn in self.conns.values():
            conn.close()


def _server(args: argparse.Namespace) -> Workers:
    workers = Workers(args.host, args.port, args.server_pgid, args.workers)
    if len(workers.pids) < args.workers:
        say(
            f"WARNING: reached {len(workers.pids)} of {args.workers} server processes "
            f"in {Workers.TRIES} connections"
        )
    return workers


def pass_over(workers: Workers, pages: list[dict[str, Any]]) -> tuple[list[Answer], dict[str, int]]:
    """Every page once, shared out over the processes in turn, each process's share on its own
    connection, the processes at the same time (one request at a time each)."""
    answers: list[Answer | None] = [None] * len(pages)
    count = len(workers.pids)
    failed: list[BaseException] = []

    def share(k: int) -> None:
        try:
            for i in range(k, len(pages), count):
                answers[i] = workers.get(workers.pids[k], pages[i]["path"])
        except BaseException as error:  # raised again below, in the caller's thread
            failed.append(error)

    threads = [threading.Thread(target=share, args=(k,)) for k in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed:
        raise failed[0]
    done = [a for a in answers if a is not None]
    states: dict[str, int] = {}
    for answer in done:
        states[answer.state] = states.get(answer.state, 0) + 1
    return done, states


def warm(workers: Workers, pages: list[dict[str, Any]], passes: int = 4) -> list[Answer]:
    """Passes over the set until one is all page cache hits; the last pass's answers. A page
    that is not 200, or that the page cache does not keep, stops the run."""
    for n in range(1, passes + 1):
        answers, states = pass_over(workers, pages)
        bad = [
            (p["path"], a.status) for p, a in zip(pages, answers, strict=True) if a.status != 200
        ]
        if bad:
            raise SystemExit(f"live_newsroom: pages not 200: {bad[:10]} ({len(bad)} in all)")
        uncached = [p["path"] for p, a in zip(pages, answers, strict=True) if a.state == "-"]
        if uncached:
            raise SystemExit(
                f"live_newsroom: pages the page cache does not keep: {uncached[:10]} "
                f"({len(uncached)} in all)"
            )
        if states.get("hit", 0) == len(pages):
            return answers
        say(f"warming the set, pass {n}: {states}")
    raise SystemExit(f"live_newsroom: the set is not all page cache hits after {passes} passes")


# --- Publishing -----------------------------------------------------------------------------------


def republish(article_id: int, label: str) -> dict[str, Any]:
    """A new headline for the article, through the newsroom's services, as an editor's update:
    a new revision, published. Returns the token the new headline ends with and the times."""
    from warta.newsroom.models import Article
    from warta.newsroom.services import article_publish

    started = time.monotonic()
    cpu = time.thread_time()
    article = Article.objects.get(pk=article_id)
    token = f"(live {os.getpid()}.{label})"
    base = TOKEN_RE.sub("", article.headline)[: HEADLINE_MAX - len(token) - 1]
    article.headline = f"{base} {token}"
    article.save_revision()
    article_publish(article=article)
    done = time.monotonic()
    return {
        "article_id": article_id,
        "path": article.get_absolute_url(),
        "token": token,
        "started": started,
        "done": done,
        "seconds": round(done - started, 3),
        "cpu_seconds": round(time.thread_time() - cpu, 3),
    }


def home_article_ids() -> list[int]:
    """The stories of the home page, in its order: the ones a newsroom updates."""
    from warta.newsroom.selectors import front_page_top_stories, section_latest_articles

    top = front_page_top_stories()
    ids = [a.pk for a in top]
    for _, block in section_latest_articles(exclude=ids):
        ids += [a.pk for a in block]
    return ids


# --- Pages re-rendered by one publication ------------------------------------------------------


def _pick(pages: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """A recent story (the newest of the set with tags and authors: on the home page and in
    many related lists) and an archive one (the oldest such of the set)."""
    from warta.newsroom.models import Article

    ids = [p["id"] for p in pages if p["kind"] == "article"]
    with_both = set(
        Article.objects.filter(pk__in=ids, tags__isnull=False, authors__isnull=False).values_list(
            "pk", flat=True
        )
    )
    ordered = [i for i in ids if i in with_both] or ids
    picked = [("recent story", ordered[0])]
    if len(ordered) > 1:
        picked.append(("archive story", ordered[-1]))
    return picked


def cmd_sweep(args: argparse.Namespace) -> None:
    _setup_django()
    from django.conf import settings
    from django.db.models import Max

    from warta.newsroom.models import Article, ContentChange

    pages = _read_json(args.pages)["pages"]
    workers = _server(args)
    results = []
    for role, article_id in _pick(pages):
        article = Article.objects.select_related("section").get(pk=article_id)
        path = article.get_absolute_url()
        say(f"{role}: warming the set, then republishing {path}")
        before = warm(workers, pages)
        link = path.encode()
        last = ContentChange.objects.aggregate(last=Max("id"))["last"] or 0
        published = republish(article_id, role.split()[0])
        # What the publication named, as every process reads it (newsroom/content_changes.py).
        changed = set(ContentChange.objects.filter(id__gt=last).values_list("key", flat=True))
        # Every process reads the log of changes at most WARTA_CONTENT_CHANGES_SECONDS apart.
        wait = settings.WARTA_CONTENT_CHANGES_SECONDS + 1.5
        time.sleep(wait)
        after, states = pass_over(workers, pages)
        rows = []
        for page, old, new in zip(pages, before, after, strict=True):
            rows.append(
                {
                    "path": page["path"],
                    "kind": page["kind"],
                    "state": new.state,
                    "status": new.status,
                    "keys": list(old.keys),
                    "named": bool(changed & set(old.keys)) or "all" in old.keys,
                    "shows": link in old.body,
                    "new_headline": published["token"].encode() in new.body,
                    "own": page["path"] == path,
                }
            )
        results.append(
            {
                "role": role,
                "article_id": article_id,
                "path": path,
                "section": article.section.slug,
                "tags": sorted(article.tags.values_list("slug", flat=True)),
                "authors": sorted(article.authors.values_list("slug", flat=True)),
                "changed_keys": sorted(changed),
                "publish_seconds": published["seconds"],
                "waited_seconds": wait,
                "states": states,
                "pages": rows,
            }
        )
        say(f"{role}: {states}")
    workers.close()
    _write_json(args.out, {"workers": len(workers.pids), "total": len(pages), "runs": results})


# --- Load: readers, quiet or under a live newsroom -----------------------------------------------


@dataclass
class Check:
    """One publication, watched in every process until its new headline shows everywhere."""

    n: int
    publication: dict[str, Any]
    urls: tuple[str, ...]
    token: bytes
    pending: set[tuple[int, str]]
    seen: dict[str, float] = field(default_factory=dict)  # "pid url" -> when it first showed
    regressions: int = 0
    finished: float | None = None
    timed_out: bool = False


class Checkers:
    """One thread per server process, each on its own connection to that process: it polls the
    pages of the publications not yet seen everywhere, one request every POLL_PAUSE at most, and
    pages of the set while there are none."""

    def __init__(self, workers: Workers, idle_paths: list[str], timeout: float) -> None:
        self.workers = workers
        self.idle_paths = idle_paths
        self.timeout = timeout
        self.lock = threading.Lock()
        self.open: list[Check] = []
        self.closed: list[Check] = []
        self.stop = threading.Event()
        self.polls = 0
        self.errors: list[str] = []
        self.threads = [
            threading.Thread(target=self._run, args=(pid,), daemon=True) for pid in workers.pids
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def add(self, check: Check) -> None:
        with self.lock:
            self.open.append(check)

    def busy_articles(self) -> set[int]:
        with self.lock:
            return {c.publication["article_id"] for c in self.open}

    def finish(self, wait: float) -> None:
        """Stop once the open checks are done (or timed out), waiting at most ``wait``."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with self.lock:
                if not self.open:
                    break
            time.sleep(0.05)
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=40)

    def _todo(self, pid: int) -> list[tuple[Check, str]]:
        now = time.monotonic()
        with self.lock:
            for check in list(self.open):
                if now - check.publication["started"] > self.timeout:
                    check.timed_out = True
                    self._close(check)
            return [(c, url) for c in self.open for url in c.urls if (pid, url) in c.pending]

    def _close(self, check: Check) -> None:
        self.open.remove(check)
        self.closed.append(check)

    def _run(self, pid: int) -> None:
        idle = 0
        try:
            while not self.stop.is_set():
                todo = self._todo(pid)
                if not todo:
                    path = self.idle_paths[idle % len(self.idle_paths)]
                    idle += 1
                    self.workers.get(pid, path)
                    self.polls += 1
                    time.sleep(POLL_PAUSE)
                    continue
                for check, url in todo:
                    answer = self.workers.get(pid, url)
                    at = time.monotonic()
                    self.polls += 1
                    with self.lock:
                        if answer.status == 200 and check.token in answer.body:
                            check.pending.discard((pid, url))
                            check.seen.setdefault(f"{pid} {url}", at)
                            if not check.pending and check in self.open:
                                check.finished = at
                                self._close(check)
                        elif f"{pid} {url}" in check.seen:  # it showed, then went back
                            check.regressions += 1
                            del check.seen[f"{pid} {url}"]
                            check.pending.add((pid, url))
                    time.sleep(POLL_PAUSE)
        except Exception as error:  # a checker that dies must say so, not hang the run
            with self.lock:
                self.errors.append(f"process {pid}: {error!r}")


def _to_ms(value: str) -> float:
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", value)
    if not m:
        raise ValueError(f"not a wrk duration: {value}")
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]
    return round(float(m.group(1)) * factor, 2)


def parse_wrk(text: str) -> dict[str, Any]:
    rps = re.search(r"^Requests/sec:\s+([0-9.]+)", text, re.M)
    if not rps:
        raise SystemExit(f"live_newsroom: could not read wrk's output:\n{text}")
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    total = re.search(r"^\s+(\d+) requests in", text, re.M)
    cache = re.search(
        r"^warta-cache hit=(\d+) miss=(\d+) stale=(\d+) none=(\d+) non200=(\d+)", text, re.M
    )
    errors = [
        line.strip() for line in text.splitlines() if "Socket errors" in line or "Non-2xx" in line
    ]
    result: dict[str, Any] = {
        "rps": float(rps.group(1)),
        "p50_ms": _to_ms(p50.group(1)) if p50 else None,
        "p99_ms": _to_ms(p99.group(1)) if p99 else None,
        "requests": int(total.group(1)) if total else None,
        "errors": errors,
    }
    if cache:
        names = ("hit", "miss", "stale", "none", "non200")
        result["cache"] = dict(zip(names, map(int, cache.groups()), strict=True))
    return result


def cmd_load(args: argparse.Namespace) -> None:
    live = args.mode == "live"
    if live:
        _setup_django()
    pages = _read_json(args.pages)["pages"]
    paths_file = args.pages + ".paths"
    workers = _server(args)
    candidates = home_article_ids() if live else []
    if live and not candidates:
        raise SystemExit("live_newsroom: the home page shows no stories to republish")
    say(f"{args.mode}: warming the set")
    warm(workers, pages)
    checkers = Checkers(workers, [p["path"] for p in pages], args.check_timeout)
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(LUA),
        f"http://{args.host}:{args.port}",
        "--",
        paths_file,
        str(args.threads),
    ]
    say(f"{args.mode}: wrk for {args.seconds} s" + (", one publication a second" if live else ""))
    checkers.start()
    cpu_before = group_cpu_seconds(args.server_pgid)
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = time.monotonic()
    checks: list[Check] = []
    next_candidate = 0
    skipped = 0
    slot = 0
    try:
        while live and wrk.poll() is None:
            # One publication a slot, from the middle of the first; none begins after the load.
            due = started + args.interval * (slot + 0.5)
            slot += 1
            if due >= started + args.seconds:
                break
            if due > time.monotonic():
                time.sleep(due - time.monotonic())
            if wrk.poll() is not None:
                break
            busy = checkers.busy_articles()
            ring = [
                candidates[(next_candidate + i) % len(candidates)] for i in range(len(candidates))
            ]
            free = [i for i in ring if i not in busy]
            if not free:
                skipped += 1  # every story still being checked: this slot passes
                continue
            article_id = free[0]
            next_candidate = candidates.index(article_id) + 1
            published = republish(article_id, str(len(checks) + 1))
            published["at"] = round(published["started"] - started, 3)
            urls = (published["path"], "/")
            check = Check(
                n=len(checks) + 1,
                publication=published,
                urls=urls,
                token=published["token"].encode(),
                pending={(pid, url) for pid in workers.pids for url in urls},
            )
            checks.append(check)
            checkers.add(check)
        output, _ = wrk.communicate(timeout=args.seconds + 60)
    finally:
        if wrk.poll() is None:
            wrk.kill()
    load_ended = time.monotonic()
    server_cpu = group_cpu_seconds(args.server_pgid) - cpu_before
    checkers.finish(args.check_timeout + 1)
    result = parse_wrk(output)
    if result["requests"]:
        # The web workers' CPU per request of wrk's (the checkers' few polls included): steadier
        # than req/s on a shared machine.
        result["server_cpu_ms"] = round(1000 * server_cpu / result["requests"], 3)
    result.update(
        mode=args.mode,
        seconds=args.seconds,
        workers=len(workers.pids),
        checker_polls=checkers.polls,
        slots_skipped=skipped,
        checker_errors=checkers.errors,
        wrk_output=output,
    )
    result["publications"] = [
        {
            **{k: v for k, v in c.publication.items() if k not in ("started", "done")},
            "n": c.n,
            "delays": {
                key: round(at - c.publication["started"], 3) for key, at in sorted(c.seen.items())
            },
            "worst": round(max(c.seen.values()) - c.publication["started"], 3)
            if c.finished
            else None,
            "worst_after_done": round(max(c.seen.values()) - c.publication["done"], 3)
            if c.finished
            else None,
            "after_load": bool(c.finished and c.finished > load_ended),
            "timed_out": c.timed_out or c.finished is None,
            "regressions": c.regressions,
            "not_seen": sorted(f"{pid} {url}" for pid, url in c.pending),
        }
        for c in checks
    ]
    workers.close()
    _write_json(args.out, result)
    say(f"{args.mode}: {result['rps']:.0f} req/s, {len(checks)} publications")


# --- Report -------------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def report_load(runs: list[dict[str, Any]], total_pages: int) -> list[str]:
    out = [
        "| round | reading | req/s | p50 ms | p99 ms | server CPU ms per request | "
        "page cache: hit / miss / stale | publications | errors |",
        "| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    quiet = [r for r in runs if r["mode"] == "quiet"]
    live = [r for r in runs if r["mode"] == "live"]
    for i, run in enumerate(runs):
        cache = run.get("cache", {})
        published = len(run["publications"]) if run["mode"] == "live" else "-"
        label = (
            f"{total_pages} pages, quiet"
            if run["mode"] == "quiet"
            else f"{total_pages} pages, one story republished a second"
        )
        out.append(
            f"| {i // 2 + 1} | {label} | {run['rps']:.0f} | {_fmt(run['p50_ms'])} | "
            f"{_fmt(run['p99_ms'])} | {_fmt(run.get('server_cpu_ms'), 3)} | "
            f"{cache.get('hit', '?')} / {cache.get('miss', '?')} / "
            f"{cache.get('stale', '?')} | {published} | {'; '.join(run['errors']) or 'none'} |"
        )
    out.append("")
    if quiet and live:
        ratio = statistics.mean(r["rps"] for r in live) / statistics.mean(r["rps"] for r in quiet)
        per_round = ", ".join(
            f"{lv['rps'] / q['rps']:.2f}" for q, lv in zip(quiet, live, strict=False)
        )
        verdict = "met" if ratio >= RATIO_TARGET else "MISSED"
        out.append(
            f"- **ratio live / quiet: {ratio:.2f}** (target >= {RATIO_TARGET}: {verdict}; "
            f"per round: {per_round})"
        )
    pubs = [p for r in live for p in r["publications"]]
    if pubs:
        seconds = sum(r["seconds"] for r in live)
        walls = [p["seconds"] for p in pubs]
        cpus = [p["cpu_seconds"] for p in pubs]
        out.append(
            f"- publications: {len(pubs)} in {seconds} s of load ({len(pubs) / seconds:.2f} a "
            f"second); each took {statistics.median(walls):.3f} s (median, max {max(walls):.3f} s)"
            f" and {statistics.median(cpus):.3f} s of the newsroom process's CPU (median)"
        )
        seen = [p["worst"] for p in pubs if p["worst"] is not None]
        failed = [p for p in pubs if p["timed_out"]]
        back = sum(p["regressions"] for p in pubs)
        worst = max(seen) if seen else None
        after_done = [p["worst_after_done"] for p in pubs if p["worst_after_done"] is not None]
        ok = not failed and worst is not None and worst <= VISIBLE_TARGET_SECONDS and not back
        workers = max(r["workers"] for r in live)
        out.append(
            f"- **worst visibility delay: {_fmt(worst, 3)} s** (median of the publications' "
            f"worst: {_fmt(statistics.median(seen) if seen else None, 3)} s), the new headline on "
            f"the article's page and the home page, in each of {workers} server processes, from "
            f"the start of the publication (target <= {VISIBLE_TARGET_SECONDS:.0f} s in every "
            f"process: {'met' if ok else 'MISSED'}); counted from the end of the publication "
            f"(its commit and what follows it): {_fmt(max(after_done) if after_done else None, 3)}"
            " s at worst"
        )
        if failed:
            out.append(
                f"- NOT SEEN everywhere within the check's time limit: {len(failed)} publications: "
                + "; ".join(f"#{p['n']} {p['path']} still old on {p['not_seen']}" for p in failed)
            )
        if back:
            out.append(f"- the old headline came back after the new one showed: {back} times")
        late = sum(p["after_load"] for p in pubs)
        if late:
            out.append(f"- {late} of the checks ended after the load had stopped")
        errors = [e for r in live for e in r["checker_errors"]]
        if errors:
            out.append(f"- checker errors: {errors}")
        out += [
            "",
            "Each publication: when it started (seconds into the load), how long it took, and "
            "when its new headline showed in each process (pid) on the article's page and the "
            "home page:",
            "",
            "| # | at s | article | publish s | article page, per process s | home, per process s "
            "| worst s |",
            "| ---: | ---: | --- | ---: | --- | --- | ---: |",
        ]
        for run in live:
            for p in run["publications"]:
                own = [
                    f"{k.split()[0]}: {v:.2f}"
                    for k, v in p["delays"].items()
                    if k.split()[1] != "/"
                ]
                home = [
                    f"{k.split()[0]}: {v:.2f}"
                    for k, v in p["delays"].items()
                    if k.split()[1] == "/"
                ]
                out.append(
                    f"| {p['n']} | {p['at']:.1f} | {p['path']} | {p['seconds']:.2f} | "
                    f"{', '.join(own) or '-'} | {', '.join(home) or '-'} | {_fmt(p['worst'])} |"
                )
    return out


def report_sweep(sweep: dict[str, Any]) -> list[str]:
    total = sweep["total"]
    out = []
    for run in sweep["runs"]:
        rows = run["pages"]
        miss = [r for r in rows if r["state"] == "miss"]
        stale = [r for r in rows if r["state"] == "stale"]
        kinds_hit = sorted({r["kind"] for r in miss}, key=KINDS.index)
        out += [
            f"#### {run['role']}: {run['path']}",
            "",
            f"Section `{run['section']}`, tags {', '.join(run['tags']) or 'none'}, authors "
            f"{', '.join(run['authors']) or 'none'}. The publication named "
            f"{len(run['changed_keys'])} keys: {' '.join(run['changed_keys'])}. It took "
            f"{run['publish_seconds']:.2f} s; the pass began {run['waited_seconds']:.1f} s later.",
            "",
            f"**{len(miss)} of {total:,} pages re-rendered** ({len(stale)} answered stale), kinds: "
            f"{', '.join(kinds_hit) or 'none'}.",
            "",
            "| kind | pages in the set | link the article | carry a changed key | re-rendered "
            "(miss) | stale | hit |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for kind in KINDS:
            of = [r for r in rows if r["kind"] == kind]
            if not of:
                continue
            out.append(
                f"| {kind} | {len(of)} | {sum(r['shows'] for r in of)} | "
                f"{sum(r['named'] for r in of)} | {sum(r['state'] == 'miss' for r in of)} | "
                f"{sum(r['state'] == 'stale' for r in of)} | "
                f"{sum(r['state'] == 'hit' for r in of)} |"
            )
        beyond = [r for r in miss + stale if not r["named"]]
        # A page that shows the story, answered from the cache with its new headline, was
        # filled in with the story's new card (web/card_pages.py): that is no missed change.
        kept = [
            r
            for r in rows
            if (r["named"] or r["shows"]) and r["state"] == "hit" and not r["new_headline"]
        ]
        filled = [r for r in rows if r["shows"] and r["state"] == "hit" and r["new_headline"]]
        own = [r for r in rows if r["own"]]
        home = [r for r in rows if r["path"] == "/"]
        own_ok = bool(own) and own[0]["new_headline"]
        home_note = ""
        if home and home[0]["shows"]:
            home_note = f"; on the home page: {'yes' if home[0]['new_headline'] else 'NO'}"
        ok = not beyond and not kept and own_ok and len(miss) < total
        out += [
            "",
            f"- re-rendered pages that carry none of the changed keys (beyond the fan-out): "
            f"{len(beyond)}" + (": " + ", ".join(r["path"] for r in beyond[:10]) if beyond else ""),
            f"- pages that show the article, answered from the cache with its new card filled in "
            f"(not rendered again): {len(filled)}",
            f"- pages that link the article or carry a changed key but were answered from the "
            f"cache without the change (a missed invalidation): {len(kept)}"
            + (": " + ", ".join(r["path"] for r in kept[:10]) if kept else ""),
            f"- the new headline on the article's own page: {'yes' if own_ok else 'NO'}{home_note}",
            f"- target (at most the article's own fan-out, never the site): "
            f"{'met' if ok else 'MISSED'}",
            "",
        ]
    return out


def cmd_report(args: argparse.Namespace) -> None:
    pages = _read_json(args.pages)
    total = len(pages["pages"])
    kinds = ", ".join(
        f"{sum(p['kind'] == k for p in pages['pages'])} {k}"
        for k in KINDS
        if any(p["kind"] == k for p in pages["pages"])
    )
    lines = [
        f"Reading set: {total:,} distinct shared pages ({kinds}; list pages 1 and 2), "
        f"{pages['live_articles']:,} live articles in the database.",
        "",
    ]
    if args.sweep:
        lines += ["### Pages re-rendered by one publication", ""]
        lines += report_sweep(_read_json(args.sweep))
    if args.load:
        lines += ["### Readers under a live newsroom", ""]
        lines += report_load([_read_json(f) for f in args.load], total)
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pages = commands.add_parser("pages")
    pages.add_argument("--count", type=int, required=True)
    pages.add_argument("--out", required=True)
    for name in ("sweep", "load"):
        sub = commands.add_parser(name)
        sub.add_argument("--pages", required=True)
        sub.add_argument("--out", required=True)
        sub.add_argument("--host", default="127.0.0.1")
        sub.add_argument("--port", type=int, required=True)
        sub.add_argument("--server-pgid", type=int, required=True)
        sub.add_argument("--workers", type=int, default=2)
    load = commands.choices["load"]
    load.add_argument("--mode", choices=("quiet", "live"), required=True)
    load.add_argument("--seconds", type=int, default=10)
    load.add_argument("--interval", type=float, default=1.0)
    load.add_argument("--threads", type=int, default=2)
    load.add_argument("--connections", type=int, default=32)
    load.add_argument("--check-timeout", type=float, default=10.0)
    report = commands.add_parser("report")
    report.add_argument("--pages", required=True)
    report.add_argument("--sweep")
    report.add_argument("--load", nargs="*", default=[])
    args = parser.parse_args()
    {"pages": cmd_pages, "sweep": cmd_sweep, "load": cmd_load, "report": cmd_report}[args.command](
        args
    )


if __name__ == "__main__":
    main()
