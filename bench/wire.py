"""The wire desk's ingest, timed (bench/wire.sh runs it; bench/README.md).

``wire.py generate --items N --per-file M --out DIR`` writes N ninjs 2.x text items, as an agency
sends them, into DIR: envelope files of M items (``{"total": ..., "offset": ..., "items": [...]}``,
a page of a ninjs API saved to disk), or one item a file with ``--per-file 1``. The items are
made up for the benchmark, the same for the same ``--seed``: headlines put together from word
lists (a few repeat, as agency headlines do), a summary, a body of 3 to 7 paragraphs (sometimes a
subheading, a quote, bold or a link), a byline, a dateline, 1 to 4 IPTC media topics and a place,
urgency, version 1, and distinct uris.

``wire.py measure --timeout S --stdout FILE --result FILE -- COMMAND...`` runs COMMAND and writes
its wall-clock seconds, exit status and peak memory (the largest RSS of the child, from
``getrusage(RUSAGE_CHILDREN)``: the wrapper runs nothing else) to ``--result``, its standard
output to ``--stdout``. A command still running after S seconds is killed (exit status 124).

``wire.py check --expect new|unchanged --items N [--result FILE] FILE`` reads ``manage.py ingest
--json``'s summary and fails loudly unless all N items are in it as new (or unchanged), nothing
else is (nothing failed), and the command's exit status (in measure's ``--result``) was 0.

``wire.py report --items N LABEL=FIRST,RERUN,INDEX...`` prints the markdown table of the setups
measured (the ``--result`` files of ``measure``: the first run's, the re-run's, and the worker's
that writes a backlog's search entries after the first run; the first run's seconds and the
worker's added are when the stories are in search) and whether each met its targets (for
another number of items than 10,000, the first run's target is scaled to the same rate).
"""

import argparse
import json
import random
import resource
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

# Targets (issue 12): the first ingest of 10,000 items, per database; memory; the re-run.
TARGET_ITEMS = 10_000
FIRST_RUN_TARGET_S = {"SQLite": 60.0, "PostgreSQL": 30.0}
PEAK_TARGET_MB = 300.0
RERUN_TARGET_S = 5.0

# IPTC media topics (top level): code, name. The first three are mapped to sections by
# bench/wire.sh (--category); the others become tags.
MEDIA_TOPICS = [
    ("04000000", "economy, business and finance"),
    ("15000000", "sport"),
    ("13000000", "science and technology"),
    ("11000000", "politics"),
    ("16000000", "conflict, war and peace"),
    ("06000000", "environment"),
    ("07000000", "health"),
    ("03000000", "disaster, accident and emergency incident"),
    ("14000000", "society"),
    ("02000000", "crime, law and justice"),
    ("10000000", "lifestyle and leisure"),
    ("01000000", "arts, culture, entertainment and media"),
    ("05000000", "education"),
    ("09000000", "labour"),
    ("17000000", "weather"),
    ("08000000", "human interest"),
]
TOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"
PLACES = [
    "Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Denpasar", "Yogyakarta",
    "Palembang", "Balikpapan", "Manado", "Padang", "Pontianak", "Ambon", "Jayapura", "Kupang",
    "Singapore", "Kuala Lumpur", "Manila", "Bangkok", "Hanoi", "Canberra", "Tokyo", "Seoul",
    "New Delhi", "Geneva", "Brussels", "Washington", "Beijing", "Dili", "Nairobi", "Cairo",
]  # fmt: skip
SUBJECTS = [
    "Port workers", "Rice farmers", "The central bank", "Flood victims", "Fishermen", "Teachers",
    "The finance ministry", "Coffee growers", "Nurses", "Bus drivers", "Students", "Lawmakers",
    "Football fans", "Exporters", "Palm oil firms", "Tech start-ups", "Shipyards", "Airlines",
    "The election commission", "Rescue teams", "Miners", "Textile workers", "City officials",
    "Volcano watchers", "Investors", "Small traders", "Hospital staff", "The coast guard",
    "Badminton players", "Street vendors", "Railway engineers", "Forest rangers",
]  # fmt: skip
VERBS = [
    "brace for", "protest against", "welcome", "warn of", "count the cost of", "push back on",
    "prepare for", "call for", "celebrate", "question", "rush to meet", "split over", "shrug off",
    "plan around", "recover from", "race against", "demand answers on", "sign up for",
]  # fmt: skip
OBJECTS = [
    "new fuel prices", "a record harvest", "monsoon floods", "the rupiah's slide", "a port strike",
    "higher rice prices", "a tax overhaul", "the regional elections", "a landslide warning",
    "a new toll road", "the export ban", "a dengue outbreak", "a heatwave", "rising sea levels",
    "the minimum wage rise", "a data breach", "a rail link", "a fishing quota", "school closures",
    "the league final", "a nickel boom", "a haze season", "interest rate cuts", "a power outage",
    "a ferry accident", "the budget deficit", "a court ruling", "an airport expansion",
    "a vaccine drive", "a typhoon", "the trade talks", "a housing shortage", "a drought",
]  # fmt: skip
TAILS = ["", "", "", " in {place}", " as talks stall", " after {n} days", " ahead of {month}"]
MONTHS = ["January", "March", "May", "July", "September", "November", "Lebaran"]
# Bylines are bureaus and desks, quotes are said by roles: the feed names no one.
DESKS = ["bureau", "desk", "economics desk", "regional desk", "correspondent"]
SENTENCES = [
    "{subject} in {place} said on {day} they expected {object} to weigh on the coming weeks.",
    "Officials put the figure at {n} but said it could rise as more reports came in.",
    "\u201cWe have seen this before, and we will get through it,\u201d said {role}.",
    "The ministry said it would publish its own estimate by the end of the month.",
    "Prices at the main market in {place} rose {pct} percent from a week earlier.",
    "Traders said demand had held up better than they feared at the start of the year.",
    "The regional government has set aside Rp {n} billion for the work, a spokesman said.",
    "Analysts at a Jakarta brokerage said the effect on growth would be small but visible.",
    "Police closed two roads into the city centre and asked drivers to avoid the area.",
    "The weather agency said more rain was likely over the weekend in the western provinces.",
    "Parliament is due to debate the measure again after the recess.",
    "{Role}, who has worked in {place} for {years} years, said the mood had changed quickly.",
    "Local media reported long queues outside petrol stations on {day} evening.",
    "Neither side would say when talks would resume.",
    "Exports from the province were worth ${n} million last year, according to official data.",
    "Residents were told to keep drinking water and documents ready in case of evacuation.",
    "The company said in a statement that operations would return to normal within {years} days.",
    "About {n} people attended a rally outside the governor's office.",
]  # fmt: skip
ROLES = [
    "a trader", "a village head", "a union leader", "an economist", "a fisherman", "a teacher",
    "a spokeswoman for the agency", "a shop owner", "a nurse", "a driver", "a student",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SUBHEADINGS = ["What happens next", "Prices", "Reaction", "Background", "The numbers"]


def _fill(template: str, rnd: random.Random) -> str:
    role = rnd.choice(ROLES)
    return template.format(
        subject=rnd.choice(SUBJECTS),
        place=rnd.choice(PLACES),
        object=rnd.choice(OBJECTS),
        day=rnd.choice(DAYS),
        role=role,
        Role=role[0].upper() + role[1:],
        n=f"{rnd.randint(2, 9000):,}",
        pct=f"{rnd.randint(1, 40) / 2:g}",
        years=rnd.randint(2, 30),
        month=rnd.choice(MONTHS),
    )


def _headline(rnd: random.Random) -> str:
    words = f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)}"
    return words + _fill(rnd.choice(TAILS), rnd)


def _body(rnd: random.Random) -> str:
    paragraphs = []
    for n in range(rnd.randint(3, 7)):
        sentences = [_fill(rnd.choice(SENTENCES), rnd) for _ in range(rnd.randint(2, 4))]
        if n == 1 and rnd.random() < 0.3:
            sentences[0] = f"<b>{sentences[0]}</b>"
        text = " ".join(sentences)
        if n == 2 and rnd.random() < 0.2:
            text += ' <a href="https://www.example.com/report.pdf">The full report</a>.'
        paragraphs.append(f"<p>{text}</p>")
        if n == 1 and rnd.random() < 0.25:
            paragraphs.append(f"<h2>{rnd.choice(SUBHEADINGS)}</h2>")
        if n == 2 and rnd.random() < 0.15:
            paragraphs.append(f"<blockquote>{_fill(SENTENCES[2], rnd)}</blockquote>")
    return "\n".join(paragraphs)


def _item(n: int, rnd: random.Random, sent: datetime) -> dict:
    place = rnd.choice(PLACES)
    topics = rnd.sample(MEDIA_TOPICS, rnd.randint(1, 4))
    names = [f"{p} {rnd.choice(DESKS)}" for p in rnd.sample(PLACES, rnd.choice([1, 1, 2]))]
    created = sent - timedelta(minutes=rnd.randint(0, 90))
    summary = _fill(rnd.choice(SENTENCES[:2] + SENTENCES[4:8]), rnd)
    return {
        "uri": f"urn:newsml:wire.bench.example:{sent:%Y%m%d}:bw-{n:06d}",
        "type": "text",
        "version": "1",
        "firstcreated": created.isoformat(),
        "versioncreated": sent.isoformat(),
        "pubstatus": "usable",
        "language": "en",
        "urgency": rnd.randint(2, 8),
        "by": "By " + " and ".join(names),
        "located": place.upper(),
        "headlines": [{"role": "main", "value": _headline(rnd)}],
        "descriptions": [{"role": "summary", "value": summary}],
        "bodies": [{"role": "html", "contenttype": "text/html", "value": _body(rnd)}],
        "subjects": [{"name": name, "uri": TOPIC_URI + code} for code, name in topics],
        "places": [{"name": place}],
        "infosources": [{"name": "Bench Wire"}],
    }


def generate(items: int, per_file: int, out: Path, seed: int) -> None:
    rnd = random.Random(seed)  # noqa: S311 - made-up news, not secrets
    out.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 12, 1, 6, 0, tzinfo=timezone(timedelta(hours=7)))  # WIB
    files = written = 0
    for offset in range(0, items, per_file):
        batch = [
            _item(n, rnd, start + timedelta(seconds=9 * n))
            for n in range(offset, min(items, offset + per_file))
        ]
        if per_file == 1:
            data: object = batch[0]
            name = batch[0]["uri"].rsplit(":", 1)[-1] + ".json"
        else:
            data = {"total": items, "offset": offset, "items": batch}
            name = f"page-{offset // per_file + 1:05d}.json"
        payload = json.dumps(data, ensure_ascii=False).encode()
        (out / name).write_bytes(payload)
        files += 1
        written += len(payload)
    print(f"{files:,} files, {written / 1e6:.1f} MB")


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # the child is killed on the way out (below)


def measure(command: list[str], timeout: float, stdout: Path, result: Path) -> None:
    signal.signal(signal.SIGTERM, _stop)  # stopped alone, the wrapper takes its child with it
    started = time.perf_counter()
    with stdout.open("wb") as out:
        child = subprocess.Popen(command, stdout=out)
        try:
            status = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            status = 124
        except BaseException:
            child.kill()
            child.wait()
            raise
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "status": status,
                "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
            }
        )
    )
    if status == 124:
        print(f"wire: killed after {timeout:g} s: {' '.join(command)}", file=sys.stderr)
    sys.exit(124 if status == 124 else 0)


def check(summary_file: Path, expect: str, items: int, result: Path | None) -> None:
    try:
        summary = json.loads(summary_file.read_text())
    except (OSError, ValueError) as error:
        raise SystemExit(
            f"wire: no JSON summary from the ingest in {summary_file}: {error}"
        ) from None
    counts = {key: len(summary.get(key, ())) for key in ("new", "updated", "unchanged")}
    counts |= {key: len(summary.get(key, ())) for key in ("withdrawn", "failed")}
    problems = []
    status = json.loads(result.read_text())["status"] if result else 0
    if status:
        problems.append(f"exit status {status}")
    if counts[expect] != items or len(set(summary[expect])) != items:
        problems.append(f"{counts[expect]} items {expect}, not {items}")
    for key, count in counts.items():
        if key != expect and count:
            problems.append(f"{count} {key}")
    if problems:
        failed = summary.get("failed", [])[:5]
        shown = "".join(f"\n  {f['file']} [{f['item']}]: {f['reason']}" for f in failed)
        raise SystemExit(
            f"wire: the ingest did not do what it should ({', '.join(problems)}; "
            f"{json.dumps(counts)}){shown}"
        )
    warnings = len(summary.get("warnings", ()))
    print(f"{items} {expect}, nothing else" + (f" ({warnings} warnings)" if warnings else ""))


def report(setups: list[str], items: int) -> None:
    # The first-run targets are for 10,000 items; another number of items gets the same rate.
    scale = items / TARGET_ITEMS
    lines = [
        "| setup | items | first run s | items/s | peak MB | CPU s | in search after s "
        "| re-run s | re-run peak MB | target met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    verdicts = []
    for setup in setups:
        label, _, files = setup.partition("=")
        first_file, rerun_file, index_file = files.split(",")
        first = json.loads(Path(first_file).read_text())
        rerun = json.loads(Path(rerun_file).read_text())
        index = json.loads(Path(index_file).read_text())  # the worker's search entries
        target = FIRST_RUN_TARGET_S[label] * scale
        peak = max(first["peak_mb"], rerun["peak_mb"], index["peak_mb"])
        missed = []
        if first["seconds"] >= target:
            missed.append(f"first run {first['seconds']:.1f} s, not < {target:g} s")
        if peak >= PEAK_TARGET_MB:
            missed.append(f"peak {peak:.0f} MB, not < {PEAK_TARGET_MB:g} MB")
        if rerun["seconds"] >= RERUN_TARGET_S:
            missed.append(f"re-run {rerun['seconds']:.1f} s, not < {RERUN_TARGET_S:g} s")
        lines.append(
            f"| {label} | {items:,} | {first['seconds']:.1f} | {items / first['seconds']:.0f} | "
            f"{first['peak_mb']:.0f} | {first['cpu_seconds']:.1f} | "
            f"{first['seconds'] + index['seconds']:.1f} | {rerun['seconds']:.1f} | "
            f"{rerun['peak_mb']:.0f} | {'no' if missed else 'yes'} |"
        )
        verdicts.append(f"- {label}: " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    print("\n".join(lines))
    print()
    sqlite, postgresql = (FIRST_RUN_TARGET_S[k] * scale for k in ("SQLite", "PostgreSQL"))
    print(
        f"Targets: the first run of {items:,} items under {sqlite:g} s on SQLite and "
        f"{postgresql:g} s on PostgreSQL ({TARGET_ITEMS / FIRST_RUN_TARGET_S['SQLite']:.0f} and "
        f"{TARGET_ITEMS / FIRST_RUN_TARGET_S['PostgreSQL']:.0f} items/s), peak memory under "
        f"{PEAK_TARGET_MB:g} MB, the unchanged re-run under {RERUN_TARGET_S:g} s"
        + ("" if items == TARGET_ITEMS else f" (the targets are for {TARGET_ITEMS:,} items)")
        + ":"
    )
    print()
    print("\n".join(verdicts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("generate")
    making.add_argument("--items", type=int, required=True)
    making.add_argument("--per-file", type=int, default=100)
    making.add_argument("--seed", type=int, default=12)
    making.add_argument("--out", type=Path, required=True)
    timing = commands.add_parser("measure")
    timing.add_argument("--timeout", type=float, required=True)
    timing.add_argument("--stdout", type=Path, required=True)
    timing.add_argument("--result", type=Path, required=True)
    timing.add_argument("run", nargs=argparse.REMAINDER)
    checking = commands.add_parser("check")
    checking.add_argument("--expect", choices=("new", "unchanged"), required=True)
    checking.add_argument("--items", type=int, required=True)
    checking.add_argument("--result", type=Path, help="measure's --result: exit status 0")
    checking.add_argument("summary", type=Path)
    reporting = commands.add_parser("report")
    reporting.add_argument("--items", type=int, required=True)
    reporting.add_argument("setups", nargs="+", metavar="LABEL=FIRST,RERUN,INDEX")
    args = parser.parse_args()
    if args.command == "generate":
        if args.items < 1 or args.per_file < 1:
            parser.error("--items and --per-file must be 1 or more")
        generate(args.items, args.per_file, args.out, args.seed)
    elif args.command == "measure":
        run = args.run[1:] if args.run[:1] == ["--"] else args.run
        if not run:
            parser.error("measure needs a command after --")
        measure(run, args.timeout, args.stdout, args.result)
    elif args.command == "check":
        check(args.summary, args.expect, args.items, args.result)
    else:
        report(args.setups, args.items)


if __name__ == "__main__":
    main()
