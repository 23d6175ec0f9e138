"""What the search index holds of an article's body (docs/decisions/0014: search finds only
what the reader may read).

An article has two entries in Wagtail's index. Its own (``Article``) holds what anyone may read:
headline, summary, tags, and of the body the teaser, or the whole body of a free article. The
other (``ArticleText``) holds the whole body; search looks there only for the articles a reader
may read whole. Both take the body from ``visible_body``, the one chokepoint (decision 0002), so
the index cannot hold more of an article for everyone than its page shows everyone.
"""

from collections.abc import Iterable

from .models import AccessLevel, Article
from .visible_body import visible_body


def _blocks_text(blocks: Iterable) -> str:
    parts: list[str] = []
    for block in blocks:
        parts.extend(str(part) for part in block.block.get_searchable_content(block.value))
    return " ".join(part for part in parts if part)


def text_for_everyone(article: Article) -> str:
    """The body as a reader without access sees it: the teaser, or all of a free article."""
    full = article.access_level == AccessLevel.FREE
    return _blocks_text(visible_body(article, full=full).blocks)


def whole_text(article: Article) -> str:
    return _blocks_text(visible_body(article, full=True).blocks)
