"""Strings the Python and JavaScript counters must agree on, with their counts."""

from warta.feedback.text_rules import EDGE_WHITESPACE, ZERO_WIDTH

THIRTY = "Please add a larger font size."  # 30 characters
assert len(THIRTY) == 30

COUNTS = [
    ("", 0),
    ("   ", 0),
    ("\n\t\r hello \r\n\t", 5),
    (THIRTY, 30),
    (THIRTY[:29], 29),
    (THIRTY[:29] + "\u200b" * 5, 29),
    ("\u200b\u200c\u200d\u2060\ufeff" + THIRTY[:29] + "\ufeff", 29),
    (THIRTY[:14] + "\u200b" + THIRTY[14:29], 29),
    ("cafe\u0301", 4),  # "e" + combining acute: one character after NFC
    ("caf\u00e9", 4),
    ("e\u200b\u0301", 2),  # a zero-width space between keeps the accent apart
    ("\u212b", 1),  # the Angstrom sign becomes "Å"
    ("👍", 1),
    ("👍🏽", 2),  # with a skin tone: two code points
    ("❤️", 2),  # with its variation selector
    ("🇮🇩", 2),  # a flag: two regional indicators
    ("👨\u200d👩\u200d👧", 3),  # a family: the joiners are zero-width and not counted
    ("\u202eabc", 4),  # counted; refused by the rules
    ("a\x00b", 3),  # counted; refused by the rules
    ("\u00a0\u3000word\u2003", 4),
    ("\u0085word\u0085", 4),
    ("line one\nline two", 17),
    # "Hello" in Fraktur, outside the BMP: one code point each, not two UTF-16 units.
    ("\U0001d573\U0001d58a\U0001d591\U0001d591\U0001d594", 5),
    ("\x1cword\x1f", 6),  # str.strip() would take these; the shared set does not
    ("Maaf, artikelnya bagus sekali tetapi terlalu pendek", 51),
    ("这篇文章写得很好\uff0c但是图片加载太慢了\uff0c请改进。", 23),
]

# Every edge character and every zero-width one, alone and around a word.
COUNTS += [(f"{char}word{char}", 4) for char in EDGE_WHITESPACE + ZERO_WIDTH]
COUNTS += [(f"wo{char}rd", 4) for char in ZERO_WIDTH]
