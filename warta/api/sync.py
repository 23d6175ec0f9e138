"""The answer of ``/sync``: every change to the set of live articles since a cursor (decision
0021).

The set an app keeps is the set of live articles, as cards (``ArticleCard``): the same for
every reader, as the lists are. An app applies the entries of each page in order:

- ``arrived`` or ``updated``: put ``article`` in place of any card of that id it holds, and drop
  any body it stored of it (the body may have changed; ``/articles/{id}`` gives it again, as the
  reading layer decides). ``access_raised`` says the level went up since the cursor: a reader
  who read it whole may now get the teaser.
- ``left``: drop the article, for the ``reason`` given.

The order is the log's (``newsroom.article_events``). A page names each article once, at its
last event in the page, with the article as it stands now: an event whose article is no longer
live is left out, as a later event in the log says that it left. The cursor moves past every
event read, so an app that syncs each minute and one that syncs once a week end with the same
set.

Without ``since``, the answer is a snapshot: every live article (``arrived``), paged by id,
from the log's position when it began; its last page's cursor goes on from there, so what
changed during the walk comes next. A cursor older than what the log keeps
(``article_events.KEPT``), or beyond its end (another site's, a database restored from an older
backup), is answered ``410 sync_cursor_expired``: the app starts again without ``since``.

"Access raised" is an ``updated`` entry, not a tombstone: the card stays in every reader's set
(the lists show premium stories too), so the answer stays the same for everyone and a shared
cache may keep it; what a reader may read of the body is the article endpoint's to say.
"""

from dataclasses import dataclass
from enum import StrEnum

from warta.newsroom.article_events import LogPosition, article_events_number
from warta.newsroom.content_keys import FEEDS
from warta.newsroom.models import Article, ArticleEvent

from .cursors import CursorInvalid
from .http_caching import Answer
from .problems import INVALID_CURSOR, SYNC_CURSOR_EXPIRED, ProblemRaised
from .resources import ArticleCard, article_card
from .sync_cursors import SyncPosition, sync_cursor_for, sync_position_of
from .sync_selectors import LoggedEvent, events_after, live_articles_after, live_articles_by_id

LIMIT_DEFAULT = 100
LIMIT_MAX = 500  # more is served as this many


class ChangeKind(StrEnum):
    ARRIVED = ArticleEvent.Kind.ARRIVED.value
    UPDATED = ArticleEvent.Kind.UPDATED.value
    LEFT = ArticleEvent.Kind.LEFT.value


class LeftReason(StrEnum):
    UNPUBLISHED = ArticleEvent.Reason.UNPUBLISHED.value
    EXPIRED = ArticleEvent.Reason.EXPIRED.value
    KILLED = ArticleEvent.Reason.KILLED.value
    WITHHELD = ArticleEvent.Reason.WITHHELD.value
    DELETED = ArticleEvent.Reason.DELETED.value


@dataclass(frozen=True)
class SyncEntry:
    """One article's change: its card when it is in the set (``arrived``, ``updated``), its
    id and the reason when it left (``left``)."""

    kind: ChangeKind
    id: int
    article: ArticleCard | None  # arrived, updated
    reason: LeftReason | None  # left
    access_raised: bool  # updated: its level went up since the cursor


@dataclass(frozen=True)
class SyncPage:
    """Entries in order, the cursor to send as ``since`` next, and whether more waits now.
    ``snapshot``: these entries are part of the whole set (``since`` was omitted, or was a
    snapshot's cursor): start the set empty on its first page. Never counted."""

    entries: tuple[SyncEntry, ...]
    next_cursor: str
    more: bool
    snapshot: bool


def sync_answer(*, since: str | None, limit: int = LIMIT_DEFAULT) -> Answer[SyncPage]:
    try:
        position = sync_position_of(since) if since is not None else None
    except CursorInvalid:
        raise ProblemRaised(INVALID_CURSOR) from None
    log = article_events_number()
    limit = min(limit, LIMIT_MAX)
    if position is None:
        page = _snapshot(SyncPosition(seq=log.numbered, snapshot_after=0), log, limit)
    else:
        if not log.forgotten <= position.seq <= log.numbered:
            raise ProblemRaised(SYNC_CURSOR_EXPIRED)
        if position.snapshot_after is not None:
            page = _snapshot(position, log, limit)
        else:
            page = _changes(position.seq, log, limit)
    # The same for every reader; a publication purges it with the feeds (decision 0017). A
    # copy a cache kept a while is only behind: its cursor is older, never ahead.
    return Answer(page, keys=(FEEDS,))


def _snapshot(position: SyncPosition, log: LogPosition, limit: int) -> SyncPage:
    assert position.snapshot_after is not None
    found = live_articles_after(pk=position.snapshot_after, limit=limit + 1)
    shown, walking = found[:limit], len(found) > limit
    entries = tuple(_present(ChangeKind.ARRIVED, article, raised=False) for article in shown)
    if walking:
        after = shown[-1].pk
        return SyncPage(
            entries,
            next_cursor=sync_cursor_for(SyncPosition(seq=position.seq, snapshot_after=after)),
            more=True,
            snapshot=True,
        )
    return SyncPage(
        entries,
        next_cursor=sync_cursor_for(SyncPosition(seq=position.seq)),
        more=log.numbered > position.seq,  # changed during the walk: it comes next
        snapshot=True,
    )


def _changes(seq: int, log: LogPosition, limit: int) -> SyncPage:
    found = events_after(seq=seq, limit=limit + 1)
    read = found[:limit]
    last: dict[int, LoggedEvent] = {}
    raised: set[int] = set()
    for event in read:
        last.pop(event.article_id, None)  # keeps its place at its last event
        last[event.article_id] = event
        if event.access_raised:
            raised.add(event.article_id)
    present = [e.article_id for e in last.values() if e.kind != ChangeKind.LEFT]
    articles = live_articles_by_id(present)
    entries: list[SyncEntry] = []
    for article_id, event in last.items():
        if event.kind == ChangeKind.LEFT:
            entries.append(_left(article_id, event.reason))
        elif article_id in articles:  # else it left since, and a later event says so
            kind = ChangeKind(event.kind)
            entries.append(_present(kind, articles[article_id], raised=article_id in raised))
    return SyncPage(
        tuple(entries),
        next_cursor=sync_cursor_for(SyncPosition(seq=read[-1].seq if read else seq)),
        more=len(found) > limit,
        snapshot=False,
    )


def _present(kind: ChangeKind, article: Article, *, raised: bool) -> SyncEntry:
    return SyncEntry(
        kind=kind, id=article.pk, article=article_card(article), reason=None, access_raised=raised
    )


def _left(article_id: int, reason: str) -> SyncEntry:
    return SyncEntry(
        kind=ChangeKind.LEFT,
        id=article_id,
        article=None,
        reason=LeftReason(reason),
        access_raised=False,
    )
