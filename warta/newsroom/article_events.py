"""The log of the set of live articles, for the app's delta sync (decision 0021).

The spec:

- **What is logged.** Every change to whether an article is live, or to its live version,
  appends one ``ArticleEvent`` in the same transaction as the change: ``arrived`` (not live
  before, live now: a publication, an embargo released, a scheduled story out), ``updated`` (live
  before and after, on another revision; ``access_raised`` when its level went up), ``left``
  (live before, not now, with a reason: unpublished, expired, killed, withheld, deleted). The
  newsroom's write paths call this module: ``Article.publish`` and ``Article.unpublish`` (every
  publication, unpublication, expiry, kill and withhold goes through them, the back office's
  unpublish view too), the wire's batches (``articles_bulk``) and every delete of an article
  (``Article.delete`` and the articles' queryset ``delete``). Nothing else changes whether an
  article is live. A rollback takes the event with the change.
- **Numbers in the order rows became visible.** ``id`` is drawn at insert, and on PostgreSQL a
  transaction with a lower id may commit after one with a higher id: a reader that handed out
  the higher one would skip the lower one for good. So the order apps read is ``seq``, given by
  ``article_events_number`` to committed rows only, under the row lock of ``ArticleEventLog``
  (SQLite: its write lock), each time after every number given before. A row that commits late
  gets a number later, higher than every number a reader has seen: no event is ever skipped, and
  no time window is assumed. Within one numbering, rows go in ``id`` order; the events of one
  article are written under its row lock, so they keep their order.
- **Forgetting.** Events are kept ``KEPT`` (30 days). Numbering deletes the older ones now and
  then and remembers the newest number it deleted (``forgotten``): a reader whose position is
  older than that has missed events and must start again (the API's 410
  ``sync_cursor_expired``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import ArticleEvent, ArticleEventLog

KEPT = timedelta(days=30)
# At most this many rows are numbered per statement; and every this many numbers, old rows go.
_BATCH = 500
_FORGET_EVERY = 256

# The access levels from the most open to the most closed (``AccessLevel``).
_OPENNESS = ("free", "registered", "premium")

Kind = ArticleEvent.Kind
Reason = ArticleEvent.Reason


@dataclass(frozen=True)
class LiveState:
    """What the log compares before and after a change: the stored row's live flag, live
    revision and access level (``Article._live_state``)."""

    live: bool
    revision_id: int | None
    access_level: str


@dataclass(frozen=True)
class LogPosition:
    numbered: int  # the newest number given
    forgotten: int  # every number up to this one is gone


def article_event_record(
    *,
    article_id: int,
    stood: LiveState,
    stands: LiveState,
    left_because: str = Reason.UNPUBLISHED,
) -> None:
    """Log the change of one article from ``stood`` to ``stands``, if readers see one."""
    if stood.live and stands.live:
        if stood.revision_id == stands.revision_id and stood.access_level == stands.access_level:
            return
        _write([_event(article_id, Kind.UPDATED, raised=_raised(stood, stands))])
    elif stands.live:
        _write([_event(article_id, Kind.ARRIVED)])
    elif stood.live:
        _write([_event(article_id, Kind.LEFT, reason=left_because)])


def article_events_arrived(*, article_ids: Iterable[int]) -> None:
    """New articles published together (a batch of agency copy)."""
    _write([_event(pk, Kind.ARRIVED) for pk in article_ids])


def article_events_left(*, article_ids: Iterable[int], reason: str) -> None:
    """Live articles about to go, together (a delete)."""
    _write([_event(pk, Kind.LEFT, reason=reason) for pk in article_ids])


def _raised(stood: LiveState, stands: LiveState) -> bool:
    if stood.access_level not in _OPENNESS or stands.access_level not in _OPENNESS:
        return False
    return _OPENNESS.index(stands.access_level) > _OPENNESS.index(stood.access_level)


def _event(article_id: int, kind: str, *, reason: str = "", raised: bool = False) -> ArticleEvent:
    return ArticleEvent(
        article_id=article_id, kind=kind, reason=reason, access_raised=raised, at=timezone.now()
    )


def _write(events: list[ArticleEvent]) -> None:
    if events:
        ArticleEvent.objects.bulk_create(events)


def article_events_number(*, now: datetime | None = None) -> LogPosition:
    """Number every committed event still waiting for its number, then say where the log
    stands. Costs one indexed query when nothing waits."""
    waiting = ArticleEvent.objects.filter(seq__isnull=True)
    if not waiting.exists():
        return article_log_position()
    with transaction.atomic():
        log = _log_locked()
        before = log.numbered
        while ids := list(waiting.order_by("id").values_list("id", flat=True)[:_BATCH]):
            numbered = [
                ArticleEvent(id=pk, seq=log.numbered + n) for n, pk in enumerate(ids, start=1)
            ]
            ArticleEvent.objects.bulk_update(numbered, ["seq"])
            log.numbered += len(ids)
        if log.numbered // _FORGET_EVERY != before // _FORGET_EVERY:
            _forget_old(log, before=(now or timezone.now()) - KEPT)
        log.save(update_fields=["numbered", "forgotten"])
        return LogPosition(numbered=log.numbered, forgotten=log.forgotten)


def article_events_forget(*, now: datetime) -> LogPosition:
    """Delete the events older than ``KEPT`` now (numbering also does it now and then)."""
    with transaction.atomic():
        log = _log_locked()
        _forget_old(log, before=now - KEPT)
        log.save(update_fields=["forgotten"])
        return LogPosition(numbered=log.numbered, forgotten=log.forgotten)


def article_log_position() -> LogPosition:
    log = ArticleEventLog.objects.filter(pk=1).first()
    if log is None:
        return LogPosition(numbered=0, forgotten=0)
    return LogPosition(numbered=log.numbered, forgotten=log.forgotten)


def _log_locked() -> ArticleEventLog:
    log = ArticleEventLog.objects.select_for_update().filter(pk=1).first()
    if log is None:
        ArticleEventLog.objects.get_or_create(pk=1)
        log = ArticleEventLog.objects.select_for_update().get(pk=1)
    return log


def _forget_old(log: ArticleEventLog, *, before: datetime) -> None:
    old = ArticleEvent.objects.filter(seq__isnull=False, at__lt=before)
    newest = old.aggregate(newest=Max("seq"))["newest"]
    if newest is not None:
        ArticleEvent.objects.filter(seq__lte=newest).delete()
        log.forgotten = max(log.forgotten, newest)
