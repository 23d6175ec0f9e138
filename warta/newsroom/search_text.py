"""What the search index holds of an article's body (docs/decisions/0014: search finds only
what the reader may read).

An article has two entries in Wagtail's index. Its own (``Article``) holds what anyone may read:
headline, summary, tags, and of the body the teaser, or the whole body of a free article. The
other (``ArticleText``) holds the whole body; search looks there only for the articles a reader
may read whole. Both take the body from ``visible_body``, the one chokepoint (decision 0002), so
the index cannot hold more of an article for everyone than its page shows everyone.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .models import AccessLevel, Article
from .visible_body import visible_body

# Texts already extracted, by article object and kind, while ``texts_remembered()`` is open.
_remembered: ContextVar[dict[tuple[int, bool], tuple[Article, str]] | None] = ContextVar(
    "warta_search_texts", default=None
)


@contextmanager
def texts_remembered() -> Iterator[None]:
    """Extract each article's texts once in the block: Wagtail's database backends ask for
    each indexed field's value several times (title, body and autocomplete columns), and a
    batch of new articles, indexed at once, does not change meanwhile."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def _text(article: Article, *, full: bool) -> str:
    remembered = _remembered.get()
    key = (id(article), full)
    if remembered is not None and key in remembered:
        return remembered[key][1]
    text = _blocks_text(visible_body(article, full=full).blocks)
    if remembered is not None:
        remembered[key] = (article, text)  # the object held: its id is no other's meanwhile
    return text


def _blocks_text(blocks: Iterable) -> str:
    parts: list[str] = []
    for block in blocks:
        parts.extend(str(part) for part in block.block.get_searchable_content(block.value))
    return " ".join(part for part in parts if part)


def text_for_everyone(article: Article) -> str:
    """The body as a reader without access sees it: the teaser, or all of a free article."""
    return _text(article, full=article.access_level == AccessLevel.FREE)


def whole_text(article: Article) -> str:
    return _text(article, full=True)
