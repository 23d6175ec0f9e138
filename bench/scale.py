"""Page time against the size of the archive, in-process (bench/scale.sh runs it; bench/README.md).

``scale.py measure --out FILE`` renders the article page, the home page, a section page, a tag
page and an author page with Django's test client (no HTTP server, page cache off) and writes,
per page: the median and 95th percentile of the page time over ``--requests`` requests after a
warm-up, and each SQL query with its median time over a few more requests. The pages are the
same at every size: the oldest free demo article with tags, its section, its first tag, and the
first author with live articles.

``scale.py report FILE...`` compares those files (the first is the baseline), prints a markdown
table with each size's ratio to the baseline, and runs ``EXPLAIN (ANALYZE, BUFFERS)`` on the
database as it is now for every query that grew.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 5
QUERY_SAMPLES = 5
# A query "grows" when its median time at the largest size is this many times the baseline's and
# at least this many milliseconds.
GROWTH_FACTOR = 2.0
GROWTH_MIN_MS = 1.0
# Issue 6: the page time with a million articles within 20 % of the time with a thousand.
FLAT_LIMIT = 1.20


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["WARTA_PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _pages() -> dict[str, str]:
    from warta.newsroom.models import Article, Author

    article = (
        Article.objects.filter(live=True, access_level="free", tags__isnull=False)
        .order_by("pk")
        .first()
    )
    if article is None:
        raise SystemExit("scale: no live free article with tags (load the demo first)")
    tag = article.tags.order_by("pk").first()
    assert tag is not None
    author = Author.objects.filter(articles__live=True).order_by("pk").first()
    if author is None:
        raise SystemExit("scale: no author with live articles (load the demo first)")
    return {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _queries_of(client, path: str) -> list[tuple[str, float]]:
    """The SQL of one request, as sent (parameters in), each with its time in milliseconds."""
    from django.db import connection

    queries: list[tuple[str, float]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            sent = connection.ops.last_executed_query(context["cursor"], sql, params)
            queries.append((sent, elapsed))

    with connection.execute_wrapper(timed):
        client.get(path)
    return queries


def measure(requests: int, out: Path) -> None:
    _setup_django()
    from django.test import Client

    from warta.newsroom.models import Article

    client = Client()
    result: dict = {"articles": Article.objects.filter(live=True).count(), "pages": {}}
    for name, path in _pages().items():
        for _ in range(WARM_UP):
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"scale: {path} answered {response.status_code}")
        times, cpu = [], []
        for _ in range(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        samples = [_queries_of(client, path) for _ in range(QUERY_SAMPLES)]
        queries = [
            {"sql": sample[0][0], "ms": statistics.median(ms for _sql, ms in sample)}
            for sample in zip(*samples, strict=False)
        ]
        result["pages"][name] = {
            "path": path,
            "median_ms": statistics.median(times),
            "p95_ms": _percentile(times, 0.95),
            "cpu_ms": statistics.median(cpu),
            "queries": queries,
            "query_count": len(samples[-1]),
            "sql_ms": sum(q["ms"] for q in queries),
        }
        print(
            f"  {name:8} {path:70} median {statistics.median(times):7.1f} ms, "
            f"{len(samples[-1])} queries",
            file=sys.stderr,
        )
    out.write_text(json.dumps(result, indent=1))


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base else "-"


def report(files: list[Path], explain: bool) -> None:
    runs = [json.loads(f.read_text()) for f in files]
    base, last = runs[0], runs[-1]
    lines = [
        "| page | live articles | median ms | p95 ms | Python CPU ms (median) | queries | "
        "SQL ms (median per query, summed) | median / baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for name in base["pages"]:
        for run in runs:
            page = run["pages"][name]
            lines.append(
                f"| {name} | {run['articles']:,} | {page['median_ms']:.1f} | "
                f"{page['p95_ms']:.1f} | {page.get('cpu_ms', float('nan')):.1f} | "
                f"{page['query_count']} | "
                f"{page['sql_ms']:.1f} | "
                f"{_ratio(page['median_ms'], base['pages'][name]['median_ms'])} |"
            )
        ratio = last["pages"][name]["median_ms"] / base["pages"][name]["median_ms"]
        verdicts.append(
            f"- {name}: {last['articles']:,} articles take {ratio:.2f}x the time of "
            f"{base['articles']:,}: {'met' if ratio <= FLAT_LIMIT else 'MISSED'} "
            f"(target: within {FLAT_LIMIT - 1:.0%})"
        )
    print("\n".join(lines))
    print()
    print("Target, page time flat as the archive grows:")
    print()
    print("\n".join(verdicts))
    grown = _grown_queries(base, last)
    print()
    if not grown:
        print(
            f"No query grew (by {GROWTH_FACTOR}x and {GROWTH_MIN_MS} ms or more) from "
            f"{base['articles']:,} to {last['articles']:,} articles."
        )
        return
    print(
        f"Queries that grew from {base['articles']:,} to {last['articles']:,} articles "
        f"(median ms per query):"
    )
    print()
    print("| page | query # | baseline ms | largest ms | SQL |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, index, before, after, sql in grown:
        short = sql if len(sql) <= 300 else sql[:300] + "…"
        short = short.replace("|", "\\|")
        print(f"| {name} | {index + 1} | {before:.2f} | {after:.2f} | `{short}` |")
    if explain:
        _explain(grown)


def _grown_queries(base: dict, last: dict) -> list[tuple[str, int, float, float, str]]:
    grown = []
    for name, page in last["pages"].items():
        before = base["pages"][name]["queries"]
        for index, query in enumerate(page["queries"]):
            then = before[index]["ms"] if index < len(before) else 0.0
            if query["ms"] >= GROWTH_MIN_MS and query["ms"] >= GROWTH_FACTOR * max(then, 0.01):
                grown.append((name, index, then, query["ms"], query["sql"]))
    return grown


def _explain(grown: list[tuple[str, int, float, float, str]]) -> None:
    _setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    print()
    print("Their plans now (EXPLAIN (ANALYZE, BUFFERS), on the largest database):")
    with connection.cursor() as cursor:
        for name, index, _before, _after, sql in grown:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print()
            print(f"{name}, query {index + 1}:")
            print()
            print("```")
            print(sql)
            print()
            print(plan)
            print("```")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    measuring = commands.add_parser("measure")
    measuring.add_argument("--requests", type=int, default=30)
    measuring.add_argument("--out", type=Path, required=True)
    reporting = commands.add_parser("report")
    reporting.add_argument("files", type=Path, nargs="+")
    reporting.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if args.command == "measure":
        measure(args.requests, args.out)
    else:
        report(args.files, args.explain)


if __name__ == "__main__":
    main()
