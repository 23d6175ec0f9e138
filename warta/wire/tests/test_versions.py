"""Which of two versions of one item is newer: numbers, then times, then what the item says."""

from datetime import UTC, datetime

import pytest

from warta.wire.versions import Order, Stamp, compare

pytestmark = pytest.mark.database_free  # conftest: run once, on SQLite

T1 = datetime(2026, 12, 1, 9, tzinfo=UTC)
T2 = datetime(2026, 12, 1, 10, tzinfo=UTC)


def test_numbers_decide_when_both_have_one():
    assert compare(Stamp("3", T1, "a"), Stamp("2", T2, "b")) == Order.NEWER
    assert compare(Stamp("2", T2, "a"), Stamp("10", T1, "b")) == Order.OLDER
    assert compare(Stamp("2", T2, "a"), Stamp("2", T1, "b")) == Order.SAME
    assert compare(Stamp("02", T1, "a"), Stamp("2", T1, "a")) == Order.SAME


def test_numbers_of_any_length_compare_without_being_read_as_integers():
    long_one = "9" * 5000
    assert compare(Stamp(long_one + "1", None, "a"), Stamp(long_one, None, "b")) == Order.NEWER
    assert compare(Stamp(long_one, None, "a"), Stamp(long_one + "0", None, "b")) == Order.OLDER


def test_digits_that_are_not_ascii_are_no_number():
    """ "²".isdigit() is true and int("²") fails: such a version is compared by time."""
    assert compare(Stamp("²", T2, "a"), Stamp("1", T1, "b")) == Order.NEWER
    assert compare(Stamp("٣", T1, "a"), Stamp("1", T2, "b")) == Order.OLDER


def test_without_numbers_times_then_the_digest_decide():
    assert compare(Stamp("", T2, "a"), Stamp("", T1, "b")) == Order.NEWER
    assert compare(Stamp("", T1, "a"), Stamp("", T2, "b")) == Order.OLDER
    assert compare(Stamp("", None, "a"), Stamp("", None, "a")) == Order.SAME
    assert compare(Stamp("", None, "a"), Stamp("", None, "b")) == Order.NEWER
