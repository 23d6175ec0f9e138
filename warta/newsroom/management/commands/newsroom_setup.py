from django.core.management.base import BaseCommand

from warta.newsroom.roles import EDITORS, REPORTERS, WORKFLOW_NAME, newsroom_roles_ensure


class Command(BaseCommand):
    help = "Create the newsroom's groups (Reporters, Editors) and its review workflow. Idempotent."

    def handle(self, *args, **options) -> None:
        newsroom_roles_ensure()
        self.stdout.write(
            f"Groups {REPORTERS!r} and {EDITORS!r} and the workflow {WORKFLOW_NAME!r} are ready."
        )
