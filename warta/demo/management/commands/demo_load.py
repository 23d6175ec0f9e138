from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from warta.demo.services import demo_content_load, demo_logins_text


class Command(BaseCommand):
    help = "Load the demo newsroom (articles, pictures, demo logins). Safe to run again."

    def handle(self, *args, **options) -> None:
        try:
            count = demo_content_load(now=timezone.now())
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {count} published articles."))
        self.stdout.write(demo_logins_text())
