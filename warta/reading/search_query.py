"""What a reader types into search, made into words the search backend cannot misread.

Wagtail's database backend passes each word to the database's full-text syntax (SQLite FTS5
quotes it in double quotes, PostgreSQL in single quotes), so a double quote ended the quoted
word early and a NUL byte ended the statement: both answered 500. Words are what search matches
on anyway, so the query keeps letters, digits and the marks and punctuation inside words, and
everything else that is not printable, and the double quote, becomes a space. Operators
(``AND``, ``-``, ``*``, parentheses) stay plain words: every word must match, nothing more.
A query is at most ``SEARCH_QUERY_MAX`` characters; a longer one is cut, and the page says so.
"""

import unicodedata
from dataclasses import dataclass

SEARCH_QUERY_MAX = 200
# Unicode categories that are not text: controls (NUL...), formats (zero-width...), surrogates,
# private use and unassigned code points.
_NOT_TEXT = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SEPARATORS = frozenset({'"'})
QUERY_CUT = "Your search was cut to its first {max} characters."


@dataclass(frozen=True)
class SearchQuery:
    words: str  # what is searched for and shown back, "" for nothing
    cut: bool  # the reader's query was longer than SEARCH_QUERY_MAX and was cut


def _char(char: str) -> str:
    if char in _SEPARATORS or unicodedata.category(char) in _NOT_TEXT:
        return " "
    return char


def search_query_clean(raw: str) -> SearchQuery:
    # Look at no more than needed: a query may be a megabyte of anything.
    head = raw[: SEARCH_QUERY_MAX * 4]
    words = " ".join("".join(_char(c) for c in unicodedata.normalize("NFC", head)).split())
    cut = len(words) > SEARCH_QUERY_MAX or (len(raw) > len(head) and bool(raw[len(head) :].strip()))
    if len(words) > SEARCH_QUERY_MAX:
        words = words[:SEARCH_QUERY_MAX].rstrip()
    return SearchQuery(words=words, cut=cut)
