"""The feedback rules as a table: plain strings in, counts and problems out, no database."""

import pytest

from warta.feedback.tests.cases import COUNTS, THIRTY
from warta.feedback.text_rules import (
    BIDI_CONTROL,
    CONTROL_CHARACTER,
    MAX_LENGTH,
    TOO_LONG,
    TOO_SHORT,
    feedback_clean,
    feedback_length,
    feedback_page_path,
    feedback_problems,
)


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_the_character_count(text, expected):
    assert feedback_length(text) == expected


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (THIRTY, []),
        (THIRTY[:29], [TOO_SHORT]),
        (THIRTY[:29] + "\u200b\u200c\u200d\u2060\ufeff" * 3, [TOO_SHORT]),
        ("  " + THIRTY[:29] + " \n ", [TOO_SHORT]),
        ("", [TOO_SHORT]),
        ("x" * MAX_LENGTH, []),
        ("x" * (MAX_LENGTH + 1), [TOO_LONG]),
        ("x" * MAX_LENGTH + "\u200b" * 500, []),  # invisible padding does not count either way
        ("Line one of my feedback.\n\tLine two, indented.\r\n", []),
        (THIRTY + "\x00", [CONTROL_CHARACTER]),
        ("\x00" * 40, [CONTROL_CHARACTER]),
        (THIRTY + "\x1b[31m", [CONTROL_CHARACTER]),  # a terminal escape
        (THIRTY + "\x7f", [CONTROL_CHARACTER]),
        (THIRTY + "\x85", [CONTROL_CHARACTER]),  # a C1 control
        (THIRTY + "\x0b", [CONTROL_CHARACTER]),  # a vertical tab
        ("\u202e" + THIRTY, [BIDI_CONTROL]),  # right-to-left override
        (THIRTY + "\u2066x\u2069", [BIDI_CONTROL]),  # an isolate
        ("\u202e" + THIRTY[:10] + "\x00", [TOO_SHORT, CONTROL_CHARACTER, BIDI_CONTROL]),
        ("\u05e9\u05dc\u05d5\u05dd\u200f " + THIRTY, []),  # a right-to-left mark is allowed
        ("Great app 👍🏽 but the dark mode is too dim 🌙", []),
        ("👍" * 29, [TOO_SHORT]),
        ("👍" * 30, []),
        ("👍🏽" * 15, []),  # 30 code points
        ("👨\u200d👩\u200d👧" * 9 + "🙂🙂", [TOO_SHORT]),  # 29 code points once joiners are out
    ],
)
def test_the_feedback_rules(text, problems):
    assert feedback_problems(text) == problems


def test_exactly_thirty_characters_are_enough_and_twenty_nine_are_not():
    assert feedback_problems("a" * 30) == []
    assert feedback_problems("a" * 29) == [TOO_SHORT]


def test_the_stored_text_is_nfc_trimmed_and_keeps_inner_joiners():
    family = "👨\u200d👩\u200d👧"

    cleaned = feedback_clean(f"\u200b  cafe\u0301 {family}\n\ufeff")

    assert cleaned == f"caf\u00e9 {family}"
    assert feedback_length(cleaned) == feedback_length(f"\u200b  cafe\u0301 {family}\n\ufeff")


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("/world/2026/01/08/china-pakistan.html", "/world/2026/01/08/china-pakistan.html"),
        ("/world/story.html?gift=secret#top", "/world/story.html"),
        ("/", "/"),
        ("", ""),
        ("https://evil.example/page", ""),
        ("//evil.example/page", ""),
        ("/\\evil.example", ""),
        ("\\\\evil.example", ""),
        ("javascript:alert(1)", ""),
        ("world/story.html", ""),
        ("/story\n.html", ""),
        ("/story\x00.html", ""),
        ("/story\u202e.html", ""),
        ("/" + "a" * 600, ""),
    ],
)
def test_only_a_same_site_path_is_kept_as_the_page(value, path):
    assert feedback_page_path(value) == path
