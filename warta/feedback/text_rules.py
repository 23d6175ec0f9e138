"""What a reader may send as feedback, as pure functions: no Django, no database.

How a message is counted (``feedback_length``), in this order:

1. Unicode NFC normalisation: "e" followed by a combining acute accent is one character, as it
   looks and as a reader typing "é" on another keyboard would have it.
2. The zero-width characters U+200B, U+200C, U+200D, U+2060 and U+FEFF are dropped: they are
   invisible, so they must not help a message reach the minimum.
3. Whitespace is trimmed at both ends. "Whitespace" is the explicit set ``EDGE_WHITESPACE``, not
   ``str.strip()``'s or JavaScript's ``trim()``'s, which differ from each other.
4. What is left is counted in Unicode code points.

``web/feedback.js`` (``wartaFeedbackLength``) does exactly the same with
``normalize("NFC")``, the same two character sets and ``Array.from(text).length``, so the live
"n / 30" counter and the server always agree; a browser test checks them on one table of strings.

Code points, not graphemes: one emoji such as "👍" counts 1, but an emoji built of several code
points counts each of them: "👍🏽" (with a skin tone) 2, the flag "🇮🇩" 2, "❤️" (with its
variation selector) 2, and a family "👨‍👩‍👧" 3 (its joiners are zero-width, so not counted).
Counting graphemes identically on both sides would need a grapheme library in Python to match
the browser's ``Intl.Segmenter`` release for release; code points are the same everywhere.

What is refused (``feedback_problems``): fewer than ``MIN_LENGTH`` or more than ``MAX_LENGTH``
characters; control characters other than tab, line feed and carriage return (NUL included):
they have no place in a message and break databases, CSV files and terminals; and the
explicit bidirectional controls (embeddings, overrides such as U+202E, isolates): they can make
the text staff read differ from the text stored. They are refused, not stripped, so the reader
learns why and nothing they wrote changes silently. The light marks U+200E, U+200F and U+061C,
which writers of Arabic, Hebrew and Persian do type, are allowed.
"""

import unicodedata

MIN_LENGTH = 30
MAX_LENGTH = 3000

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# JavaScript's WhiteSpace and LineTerminator (minus U+FEFF, zero-width above) plus U+0085.
EDGE_WHITESPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
ALLOWED_CONTROLS = frozenset("\t\n\r")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

TOO_SHORT = f"Your message is too short: please write at least {MIN_LENGTH} characters."
TOO_LONG = f"Your message is too long: please keep it to {MAX_LENGTH:,} characters or fewer."
CONTROL_CHARACTER = (
    "Your message contains invisible control characters. "
    "Please remove them (retyping the text helps) and send it again."
)
BIDI_CONTROL = (
    "Your message contains invisible characters that change the direction of the text. "
    "Please remove them and send it again."
)

_DROP_ZERO_WIDTH = str.maketrans(dict.fromkeys(ZERO_WIDTH))
_EDGES = EDGE_WHITESPACE + ZERO_WIDTH


def feedback_length(text: str) -> int:
    """The number of characters the reader is shown in the "n / 30" counter."""
    normalised = unicodedata.normalize("NFC", text)
    return len(normalised.translate(_DROP_ZERO_WIDTH).strip(EDGE_WHITESPACE))


def feedback_clean(text: str) -> str:
    """The message as stored: NFC, without whitespace or zero-width characters at its ends.

    Zero-width characters inside the text stay: joiners hold emoji sequences together and
    shape Persian and Indic scripts. They are only left out of the count.
    """
    return unicodedata.normalize("NFC", text).strip(_EDGES)


def _is_refused_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS


def feedback_problems(text: str) -> list[str]:
    """Everything wrong with a message, as reader-facing messages; empty when it may be sent."""
    problems = []
    length = feedback_length(text)
    if length < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if length > MAX_LENGTH:
        problems.append(TOO_LONG)
    if any(_is_refused_control(char) for char in text):
        problems.append(CONTROL_CHARACTER)
    if any(char in BIDI_CONTROLS for char in text):
        problems.append(BIDI_CONTROL)
    return problems


PAGE_PATH_MAX = 500


def feedback_page_path(value: str) -> str:
    """The same-site path a message was sent from, or "" when ``value`` is not one.

    Only a path is kept: no scheme or host (another site's address is dropped, not followed),
    no query string or fragment (they may carry a gift token or other personal bits).
    """
    path = value.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//") or len(path) > PAGE_PATH_MAX:
        return ""
    # A backslash or an invisible character could make a browser read it as another host.
    if "\\" in path or any(char.isspace() or unicodedata.category(char)[0] == "C" for char in path):
        return ""
    return path
