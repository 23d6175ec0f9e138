"""Opaque cursors of the delta sync (decision 0021).

A sync cursor is a position in the log of live articles (``newsroom.article_events``): the
number of the last event an app has applied. While a snapshot is walked (``since`` omitted), it
is also the id of the last article the snapshot handed out, and the position is the log's as
the snapshot began: what changes during the walk is in the log after it.

The text is ``s1.<seq>`` or ``s1.<seq>.<article id>``, in URL-safe base64 without padding.
Apps treat it as opaque; the version lets the format change. Anything that does not decode to a
position exactly is refused (``CursorInvalid``), never read as the start or as the newest.
"""

import re
from dataclasses import dataclass

from .cursors import PK_MAX, CursorInvalid, decoded, encoded

VERSION = "s1"
_NUMBER = "(0|[1-9][0-9]{0,18})"
_TEXT = re.compile(rf"\A{VERSION}\.{_NUMBER}(?:\.([1-9][0-9]{{0,18}}))?\Z")


@dataclass(frozen=True)
class SyncPosition:
    seq: int  # the last event applied (or the log's position when the snapshot began)
    snapshot_after: int | None = None  # walking a snapshot: the last article id handed out


def sync_cursor_for(position: SyncPosition) -> str:
    text = f"{VERSION}.{position.seq}"
    if position.snapshot_after is not None:
        text = f"{text}.{position.snapshot_after}"
    return encoded(text)


def sync_position_of(cursor: str) -> SyncPosition:
    """The position a sync cursor stands for; ``CursorInvalid`` for anything else."""
    match = _TEXT.match(decoded(cursor))
    if match is None:
        raise CursorInvalid(cursor)
    seq = int(match.group(1))
    after = int(match.group(2)) if match.group(2) is not None else None
    if seq > PK_MAX or (after is not None and after > PK_MAX):
        raise CursorInvalid(cursor)
    return SyncPosition(seq=seq, snapshot_after=after)
