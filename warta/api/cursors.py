"""Opaque cursors over a list of articles, newest first.

A list is ordered by (``first_published_at``, ``pk``), both descending, as the site's lists are,
and read from the index that serves them (``article_live_newest``). A cursor is the position of
the last article a page showed: the next page holds the articles strictly older than it. A story
published meanwhile is newer than every position already handed out, so a reader walking a list
sees every article that was in it once, with no duplicate and no gap, and the new story at the
top the next time they start from the beginning. Nothing is counted.

The cursor's text is ``1.<microseconds since the epoch>.<pk>``, in URL-safe base64 without
padding. Apps must treat it as opaque; the leading version lets the format change. Anything that
does not decode to a position exactly is refused (``CursorInvalid``), never read as the start.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

VERSION = "1"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TEXT = re.compile(rf"\A{VERSION}\.(0|-?[1-9][0-9]{{0,18}})\.([1-9][0-9]{{0,18}})\Z")
PK_MAX = 2**63 - 1  # the database's integers
CURSOR_MAX_LENGTH = 64


class CursorInvalid(ValueError):
    pass


@dataclass(frozen=True)
class Position:
    """Where a page of a list ended: its last article's first publication and pk."""

    published_at: datetime
    pk: int

    def __post_init__(self) -> None:
        if self.published_at.tzinfo is None:
            raise ValueError("A position's time must be aware.")


def encoded(text: str) -> str:
    """A cursor's text as the cursor (the sync's cursors share the spelling)."""
    # One spelling per position: the decoder accepts other paddings and stray trailing bits.
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")


def decoded(cursor: str) -> str:
    """A cursor's text, only if ``cursor`` is its one spelling; ``CursorInvalid`` otherwise."""
    if not cursor or len(cursor) > CURSOR_MAX_LENGTH or not cursor.isascii():
        raise CursorInvalid(cursor)
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise CursorInvalid(cursor) from exc
    if encoded(text) != cursor:
        raise CursorInvalid(cursor)
    return text


def cursor_for(position: Position) -> str:
    delta = position.published_at - _EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return encoded(f"{VERSION}.{micros}.{position.pk}")


def position_of(cursor: str) -> Position:
    """The position a cursor stands for; ``CursorInvalid`` for anything else."""
    match = _TEXT.match(decoded(cursor))
    if match is None:
        raise CursorInvalid(cursor)
    try:
        published_at = _EPOCH + timedelta(microseconds=int(match.group(1)))
    except OverflowError as exc:
        raise CursorInvalid(cursor) from exc
    pk = int(match.group(2))
    if pk > PK_MAX:
        raise CursorInvalid(cursor)
    return Position(published_at=published_at, pk=pk)
