"""Polling a source's URL: conditional GET, ingest, and the source's health for the desk.

A source that hangs is cut at the transport's deadline and one that answers garbage fails its
file: either way the error is kept on the source (the desk shows it) and the next source is
polled as usual, each in its own job.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .ingest import ingest_files
from .models import Source
from .summary import IngestSummary
from .transports import TransportError, Validators, fetch_url

# The longest one poll may take to answer, and the most it may bring.
POLL_TIMEOUT_SECONDS = 20.0
POLL_MAX_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class PollResult:
    source: str
    fetched: bool  # False when the server said nothing changed (304)
    summary: IngestSummary
    error: str = ""


def sources_due(*, now: datetime) -> list[int]:
    """The active sources with a URL whose interval has passed since their last poll."""
    due = []
    for source in Source.objects.filter(active=True).exclude(url=""):
        last = source.last_polled_at
        if last is None or (now - last).total_seconds() >= source.poll_every:
            due.append(source.pk)
    return due


def source_poll(*, source_id: int, now: datetime | None = None) -> PollResult:
    now = now or timezone.now()
    source = Source.objects.select_related("section", "agency").get(pk=source_id)
    Source.objects.filter(pk=source.pk).update(last_polled_at=now)
    try:
        fetched = fetch_url(
            source.url,
            validators=Validators(etag=source.etag, last_modified=source.last_modified),
            timeout=POLL_TIMEOUT_SECONDS,
            max_bytes=POLL_MAX_BYTES,
        )
    except TransportError as error:
        Source.objects.filter(pk=source.pk).update(last_error=str(error), last_error_at=now)
        return PollResult(source.name, False, IngestSummary(), str(error))
    summary = IngestSummary()
    if fetched.file is not None:
        summary = ingest_files(source=source, files=[fetched.file])
    whole_file_failed = [p for p in summary.failed if not p.item]
    if whole_file_failed:
        reason = whole_file_failed[0].reason
        Source.objects.filter(pk=source.pk).update(last_error=reason, last_error_at=now)
        return PollResult(source.name, True, summary, reason)
    Source.objects.filter(pk=source.pk).update(
        last_success_at=now,
        etag=fetched.validators.etag[:255],
        last_modified=fetched.validators.last_modified[:64],
    )
    return PollResult(source.name, fetched.file is not None, summary)
