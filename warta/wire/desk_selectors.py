"""The desk's list: the latest ingest events with the article each item became."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from .models import DeskEvent, ItemState

DESK_FILTERS = {
    "": "Everything",
    "new": "New",
    "updated": "Updated",
    "withdrawn": "Withdrawn",
    "embargoed": "Embargoed",
    "failed": "Failed",
}


@dataclass(frozen=True)
class DeskRow:
    at: datetime
    source: str
    outcome: str
    item_id: str
    headline: str  # the agency's, as this version sent it ("KILL - ..." included: editors only)
    state: str
    detail: str
    editor_notes: str
    file: str
    article_url: str  # the article's edit view in the back office, "" when none


def desk_rows(*, show: str = "", limit: int = 200) -> list[DeskRow]:
    events = DeskEvent.objects.select_related("source", "record").order_by("-at", "-id")
    if show:
        events = events.filter(outcome=show)
    rows = []
    for event in events[:limit]:
        record = event.record
        article_id = record.article_id if record is not None else None
        rows.append(
            DeskRow(
                at=event.at,
                source=event.source.name,
                outcome=event.outcome,
                item_id=event.item_id,
                headline=event.headline or (record.headline if record is not None else ""),
                state=ItemState(record.state).label if record is not None else "",
                detail=event.detail,
                editor_notes=event.editor_notes,
                file=event.file,
                article_url=(
                    reverse("wagtailsnippets_newsroom_article:edit", args=[article_id])
                    if article_id
                    else ""
                ),
            )
        )
    return rows
