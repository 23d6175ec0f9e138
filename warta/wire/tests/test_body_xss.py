"""The XSS corpus (``warta/newsroom/tests/xss_payloads.txt``) through the wire's ingest (issue
15, item 2): an agency body is cleaned and cut into blocks, and each paragraph the ingest would
write holds only what a paragraph may, before and after the paragraph block's own cleaning."""

import pytest
from wagtail.rich_text import RichText

from warta.newsroom.blocks import ArticleBodyBlock
from warta.newsroom.tests.html_safety import assert_safe, xss_payloads
from warta.wire.body import BodyRefused, body_blocks
from warta.wire.ingest import _block_value

PAYLOADS = xss_payloads()
PARAGRAPH = ArticleBodyBlock().child_blocks["paragraph"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_wire_keeps_nothing_that_runs(payload):
    try:
        blocks = body_blocks(f"<p>Agency text.</p>{payload}<p>{payload}</p>")
    except BodyRefused:
        return  # refused whole: nothing of it is written
    for block in blocks:
        if block.kind == "paragraph":
            value = _block_value(block.kind, block.value)
            assert isinstance(value, RichText)
            assert_safe(value.source)
            assert_safe(PARAGRAPH.get_prep_value(value))
