"""An app as the sync's tests drive it: it keeps the set of live articles by syncing, as
docs/api.md tells apps to (a snapshot first, then the changes, each page in order)."""

import json
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from warta.newsroom.models import Article

SYNC_URLS = "warta.api.tests.sync_urls"


def sync_get(client: Client, *, since: str | None = None, limit: int | None = None) -> Any:
    params = {"since": since, "limit": limit}
    return client.get("/api/v1/sync", {k: v for k, v in params.items() if v is not None})


@dataclass
class App:
    """What an app holds: id -> (headline, access level), and where it stands."""

    limit: int = 3
    cursor: str | None = None
    held: dict[int, tuple[str, str]] = field(default_factory=dict)
    pages: int = 0

    def sync(self, client: Client) -> None:
        """Sync until nothing more waits."""
        while True:
            response = sync_get(client, since=self.cursor, limit=self.limit)
            assert response.status_code == 200, response.content
            page = json.loads(response.content)
            self.pages += 1
            if page["snapshot"] and self.cursor is None:
                self.held = {}
            for entry in page["entries"]:
                if entry["kind"] == "left":
                    assert entry["article"] is None and entry["reason"]
                    self.held.pop(entry["id"], None)
                else:
                    card = entry["article"]
                    assert card["id"] == entry["id"]
                    self.held[entry["id"]] = (card["headline"], card["access_level"])
            self.cursor = page["next_cursor"]
            if not page["more"]:
                return


def live_set() -> dict[int, tuple[str, str]]:
    """The set every app must end with: the live articles, from the database."""
    rows = Article.objects.filter(live=True).values_list("pk", "headline", "access_level")
    return {pk: (headline, access) for pk, headline, access in rows}
