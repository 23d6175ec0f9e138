"""``manage.py wire_source add NAME ...`` and ``manage.py wire_source list``."""

import argparse

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from warta.newsroom.models import AccessLevel
from warta.wire.models import PublishMode, WireFormat
from warta.wire.selectors import source_rows
from warta.wire.services import SourceSettings, source_add


def _category(value: str) -> tuple[str, str]:
    code, sep, slug = value.rpartition("=")
    if not sep or not code or not slug:
        raise argparse.ArgumentTypeError(f'"{value}" is not CODE=SECTION_SLUG')
    return code, slug


class Command(BaseCommand):
    help = "Set up the wire desk's sources, or list them with their health."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Add a source.")
        add.add_argument("name")
        add.add_argument("--format", required=True, choices=WireFormat.values)
        add.add_argument("--section", required=True, help="The default section's slug.")
        add.add_argument("--publish", required=True, choices=PublishMode.values)
        add.add_argument("--access", required=True, choices=AccessLevel.values)
        add.add_argument("--time-zone", default="UTC", help="e.g. Asia/Jakarta (default UTC).")
        add.add_argument("--credit", default="", help="The source line (default: the name).")
        add.add_argument("--url", default="", help="A feed URL the worker polls.")
        add.add_argument("--poll-every", type=int, default=300, help="Seconds (default 300).")
        add.add_argument(
            "--category",
            action="append",
            type=_category,
            default=[],
            metavar="CODE=SECTION_SLUG",
            help="Send the agency's category CODE to a section (repeatable).",
        )
        actions.add_parser("list", help="List the sources.")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "add":
            self._add(options)
        else:
            self._list()

    def _add(self, options: dict[str, object]) -> None:
        settings = SourceSettings(
            name=str(options["name"]).strip(),
            format=str(options["format"]),
            section_slug=str(options["section"]),
            publish_mode=str(options["publish"]),
            access_level=str(options["access"]),
            time_zone=str(options["time_zone"]),
            credit=str(options["credit"]),
            url=str(options["url"]),
            poll_every=int(options["poll_every"]),  # type: ignore[call-overload]
            categories=dict(options["category"]),  # type: ignore[call-overload]
        )
        try:
            source = source_add(settings=settings)
        except ValidationError as error:
            messages = (
                [f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()]
                if hasattr(error, "error_dict")
                else error.messages
            )
            raise CommandError("; ".join(messages)) from error
        self.stdout.write(
            f'Added "{source.name}" ({source.format}, section {source.section.slug}, '
            f"{source.publish_mode}, {source.access_level}, {source.time_zone}), "
            f'credited "{source.agency.credit}".'
        )

    def _list(self) -> None:
        rows = source_rows()
        if not rows:
            self.stdout.write("No sources yet: manage.py wire_source add NAME --format ...")
            return
        for row in rows:
            mapped = ", ".join(f"{code}={slug}" for code, slug in row.categories) or "none"
            seen = (
                f"last item {timezone.localtime(row.last_item_at):%Y-%m-%d %H:%M}"
                if row.last_item_at
                else "no item yet"
            )
            flag = " QUIET" if row.quiet else ""
            self.stdout.write(
                f"{row.name}: {row.format}, section {row.section}, {row.publish_mode}, "
                f"{row.access_level}, {row.time_zone}, credit {row.credit!r}, categories "
                f"{mapped}; {row.items} items ({row.published} published, {row.withdrawn} "
                f"withdrawn), {row.failed} failed today, {seen}{flag}"
            )
            if row.url:
                self.stdout.write(f"  polls {row.url}")
            if row.last_error:
                self.stdout.write(f"  last error: {row.last_error}")
