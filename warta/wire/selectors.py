"""Reads of the wire desk: sources with their health, and the desk's recent items."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import DeskEvent, ItemState, Source


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str
    format: str
    section: str
    publish_mode: str
    access_level: str
    time_zone: str
    credit: str
    url: str
    categories: tuple[tuple[str, str], ...]
    items: int
    published: int
    withdrawn: int
    failed: int  # failures logged in the last day
    last_success_at: datetime | None
    last_item_at: datetime | None
    last_error: str
    last_error_at: datetime | None
    quiet: bool  # nothing new for longer than the source's quiet_after


def source_rows(*, now: datetime | None = None) -> list[SourceRow]:
    now = now or timezone.now()
    day_ago = now - timedelta(days=1)
    sources = (
        Source.objects.select_related("section", "agency")
        .prefetch_related("categories__section")
        .annotate(
            n_items=Count("items", distinct=True),
            n_published=Count("items", filter=Q(items__state=ItemState.PUBLISHED), distinct=True),
            n_withdrawn=Count(
                "items",
                filter=Q(items__state__in=[ItemState.KILLED, ItemState.WITHHELD]),
                distinct=True,
            ),
        )
    )
    failed = dict(
        DeskEvent.objects.filter(outcome="failed", at__gte=day_ago)
        .values_list("source")
        .annotate(n=Count("id"))
        .values_list("source", "n")
    )
    rows = []
    for source in sources:
        since = source.last_item_at or source.created_at
        rows.append(
            SourceRow(
                id=source.pk,
                name=source.name,
                format=source.format,
                section=source.section.slug,
                publish_mode=source.publish_mode,
                access_level=source.access_level,
                time_zone=source.time_zone,
                credit=source.agency.credit,
                url=source.url,
                categories=tuple((m.code, m.section.slug) for m in source.categories.all()),
                items=source.n_items,
                published=source.n_published,
                withdrawn=source.n_withdrawn,
                failed=failed.get(source.pk, 0),
                last_success_at=source.last_success_at,
                last_item_at=source.last_item_at,
                last_error=source.last_error,
                last_error_at=source.last_error_at,
                quiet=source.active and now - since > timedelta(seconds=source.quiet_after),
            )
        )
    return rows
