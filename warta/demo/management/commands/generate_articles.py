from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from warta.demo.generate import articles_generate


class Command(BaseCommand):
    help = (
        "Add generated published articles until there are TOTAL live ones (for measuring pages "
        "against a large archive). Needs sections, authors and tags: run demo_load first. "
        "Refused in the production profile."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--total", type=int, required=True, help="How many live articles there should be."
        )
        parser.add_argument(
            "--years", type=int, default=5, help="Spread publication dates over this many years."
        )
        parser.add_argument(
            "--batch-size", type=int, default=20_000, help="Articles written per transaction."
        )
        parser.add_argument(
            "--search-index",
            action="store_true",
            help="Also add the new articles to the search index (slow for large counts).",
        )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]

        def progress(done: int, missing: int) -> None:
            if verbosity >= 1 and missing > options["batch_size"]:
                self.stdout.write(f"  {done:,} of {missing:,} articles written")

        try:
            result = articles_generate(
                total=options["total"],
                now=timezone.now(),
                years=options["years"],
                batch_size=options["batch_size"],
                search_index=options["search_index"],
                progress=progress,
            )
        except (RuntimeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if result.created == 0:
            self.stdout.write(
                f"Nothing to do: {result.live:,} live articles already (asked for "
                f"{options['total']:,})."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.created:,} articles in {result.seconds:.1f} s on "
                f"{connection.vendor}: {result.live:,} live articles now."
            )
        )
