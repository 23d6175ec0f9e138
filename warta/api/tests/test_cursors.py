"""Cursors: every position survives the trip, and nothing else reads as one."""

import base64
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from warta.api.cursors import CursorInvalid, Position, cursor_for, position_of

pytestmark = pytest.mark.database_free

POSITIONS = [
    Position(datetime(2026, 1, 8, 8, 9, 16, tzinfo=UTC), 1),
    Position(datetime(2026, 1, 8, 8, 9, 16, 123456, tzinfo=UTC), 42),
    Position(datetime(1970, 1, 1, tzinfo=UTC), 7),
    Position(datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), 3),
    Position(datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), 2**63 - 1),
    Position(datetime(2026, 1, 8, 15, 9, 16, tzinfo=ZoneInfo("Asia/Jakarta")), 9),
]


@pytest.mark.parametrize("position", POSITIONS)
def test_a_cursor_gives_back_its_position(position):
    cursor = cursor_for(position)

    assert position_of(cursor) == position
    assert cursor.isascii() and "=" not in cursor and len(cursor) <= 64


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


GARBAGE = [
    "",
    "zz",
    "!!!!",
    "é" * 8,
    "a" * 65,
    _b64("2.1767859756000000.1"),  # another version
    _b64("1.1767859756000000"),  # no pk
    _b64("1.1767859756000000.0"),  # no article has pk 0
    _b64("1.01767859756000000.1"),  # a second spelling of the same time
    _b64("1.-0.1"),
    _b64("1.1767859756000000.1 "),
    _b64("1.999999999999999999.1"),  # past the year 9999
    _b64("1.1767859756000000.9223372036854775808"),  # past the database's integers
    _b64("1.1767859756000000.10000000000000000000"),
    _b64("1.1767859756000000.1") + "=",  # padded
    _b64("1.1767859756000000.1") + "A",  # stray bits
]


@pytest.mark.parametrize("cursor", GARBAGE)
def test_anything_else_is_refused(cursor):
    with pytest.raises(CursorInvalid):
        position_of(cursor)


def test_a_naive_time_is_no_position():
    with pytest.raises(ValueError, match="aware"):
        Position(datetime(2026, 1, 8), 1)
