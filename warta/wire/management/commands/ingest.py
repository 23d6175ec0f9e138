"""``manage.py ingest --source NAME PATH_OR_URL [...] [--dry-run] [--json]``.

Files, folders (their files of the source's format, in name order) and URLs, in the order
given. Exit status 1 when any item (or file) failed, 0 otherwise.
"""

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from warta.wire.ingest import ingest_files
from warta.wire.models import Source
from warta.wire.summary import IngestSummary, Problem
from warta.wire.transports import SUFFIXES, TransportError, WireFile, fetch_url, is_url, read_path


class Command(BaseCommand):
    help = "Take agency items in from files, folders or URLs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", required=True, help="The source's name (wire_source list).")
        parser.add_argument("locations", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args: object, **options: object) -> None:
        name = str(options["source"])
        source = Source.objects.select_related("section", "agency").filter(name=name).first()
        if source is None:
            known = ", ".join(Source.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f'No source "{name}" (sources: {known}).')
        dry_run = bool(options["dry_run"])
        progress = _Progress(enabled=sys.stderr.isatty() and not options["json"])
        unreadable: list[Problem] = []

        def every_file() -> Iterator[WireFile]:
            for location in options["locations"]:  # type: ignore[attr-defined]
                try:
                    files = list(_files(str(location), source.format))
                except TransportError as error:
                    unreadable.append(Problem(str(location), "", str(error)))
                    continue
                for wire_file in files:
                    yield wire_file
                    progress.file_done()

        # All files in one ingest: new stories are written in batches across them.
        summary = ingest_files(
            source=source, files=every_file(), dry_run=dry_run, on_item=progress.tick
        )
        summary = IngestSummary(failed=tuple(unreadable)) + summary
        progress.end()
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
        else:
            self._report(summary, dry_run=dry_run)
        if summary.failed:
            sys.exit(1)

    def _report(self, summary: IngestSummary, *, dry_run: bool) -> None:
        head = "Dry run, nothing changed: would be" if dry_run else "Ingested:"
        self.stdout.write(
            f"{head} {len(summary.new)} new ({len(summary.embargoed)} embargoed), "
            f"{len(summary.updated)} updated, {len(summary.unchanged)} unchanged, "
            f"{len(summary.withdrawn)} withdrawn, {len(summary.failed)} failed."
        )
        for title, ids in (
            ("New", summary.new),
            ("Updated", summary.updated),
            ("Withdrawn", summary.withdrawn),
        ):
            for item_id in ids[:LISTED]:
                self.stdout.write(f"  {title}: {item_id}")
            if len(ids) > LISTED:
                self.stdout.write(f"  {title}: and {len(ids) - LISTED} more (--json lists all)")
        if summary.failed:
            self.stdout.write(self.style.ERROR("Failed:"))
            for problem in summary.failed:
                self.stdout.write(f"  {_line(problem)}")
        if summary.warnings:
            self.stdout.write(self.style.WARNING("Warnings:"))
            for problem in summary.warnings:
                self.stdout.write(f"  {_line(problem)}")


# Item ids listed for each of new, updated and withdrawn (failures and warnings: all of them).
LISTED = 50


def _files(location: str, format: str) -> Iterator[WireFile]:
    if is_url(location):
        fetched = fetch_url(location)
        if fetched.file is not None:
            yield fetched.file
        return
    yield from read_path(Path(location), suffixes=SUFFIXES[format])


def _line(problem: Problem) -> str:
    where = f"{problem.file}" + (f" [{problem.item}]" if problem.item else "")
    return f"{where}: {problem.reason}"


class _Progress:
    """A one-line count on a terminal's stderr (nothing when piped or with --json)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled, self.items, self.files = enabled, 0, 0

    def tick(self, _item_id: str) -> None:
        self.items += 1
        self._draw()

    def file_done(self) -> None:
        self.files += 1
        self._draw()

    def _draw(self) -> None:
        if self.enabled:
            sys.stderr.write(f"\r{self.files} files, {self.items} items")
            sys.stderr.flush()

    def end(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
