"""The one place that reads an article's body for output.

Every output that can carry body text (the page, previews, and later the API, feeds and search)
asks ``visible_body`` for the blocks it may show. Given ``full=False`` it returns the teaser only:
everything up to the editor's teaser break, or the first ``WARTA_TEASER_PARAGRAPHS`` paragraphs
when there is none. The withheld blocks are never returned, so they cannot be rendered by mistake.
"""

from dataclasses import dataclass

from django.conf import settings
from wagtail.blocks import StreamValue

from .models import Article
from .rich_text import ShownRichText


@dataclass(frozen=True)
class VisibleBody:
    blocks: tuple  # wagtail StreamValue children, in order
    complete: bool  # False when blocks are a teaser and more was withheld


def _teaser_end(blocks: list) -> int:
    """Index of the first block that a teaser leaves out."""
    for index, block in enumerate(blocks):
        if block.block_type == "teaser_break":
            return index
    paragraphs = 0
    for index, block in enumerate(blocks):
        if block.block_type == "paragraph":
            paragraphs += 1
            if paragraphs == settings.WARTA_TEASER_PARAGRAPHS:
                return index + 1
    return len(blocks)


def _shown(block):
    """A paragraph cleaned once more on its way out (issue 15, item 2): whatever wrote the body
    (an old row, a value set in code and never saved), no other output reads it."""
    if block.block_type != "paragraph":
        return block
    return StreamValue.StreamChild(block.block, ShownRichText(block.value.source), id=block.id)


def visible_body(article: Article, *, full: bool) -> VisibleBody:
    blocks = [_shown(block) for block in article.body]
    end = len(blocks) if full else _teaser_end(blocks)
    withheld = [b for b in blocks[end:] if b.block_type != "teaser_break"]
    shown = tuple(b for b in blocks[:end] if b.block_type != "teaser_break")
    return VisibleBody(blocks=shown, complete=not withheld)
