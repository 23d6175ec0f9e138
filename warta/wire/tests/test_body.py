"""Agency body HTML into the article's blocks: only what a body may hold, text as sent."""

import pytest

from warta.wire.body import BodyBlock, body_blocks

pytestmark = pytest.mark.database_free  # conftest: run once, on SQLite


def test_paragraphs_subheadings_quotes_and_lists():
    raw = (
        "<h2>Sekolah ditutup</h2><p>Air naik <b>40 cm</b>.</p>"
        "<blockquote>Kami menunggu.</blockquote><ul><li>Semarang</li><li>Demak</li></ul>"
    )
    assert body_blocks(raw) == [
        BodyBlock("subheading", "Sekolah ditutup"),
        BodyBlock("paragraph", "Air naik <b>40 cm</b>."),
        BodyBlock("quote", "Kami menunggu."),
        BodyBlock("paragraph", "• Semarang"),
        BodyBlock("paragraph", "• Demak"),
    ]


def test_scripts_handlers_and_other_schemes_go_and_text_stays_byte_for_byte():
    raw = (
        '<p onclick="x()">Café&nbsp;陈美玲 <a href="javascript:x()">a</a>'
        '<a href="https://kabar.example/a">b</a></p><script>alert(1)</script>'
    )
    [block] = body_blocks(raw)
    assert block.value == 'Café\xa0陈美玲 a<a href="https://kabar.example/a">b</a>'


def test_an_xhtml_document_header_is_never_the_story():
    """dpa's XHTML header repeats the headline and holds the embargo note: neither is text."""
    raw = (
        "<html><head><title>Labuhan dibuka</title></head><body><header>"
        '<ul class="slugline"><li>Ekonomi</li></ul>'
        '<strong class="embargoed">Jangan dipakai sebelum pukul 11.30</strong>'
        '<h1>Labuhan dibuka</h1><p class="byline">Oleh Biro Bogor</p></header>'
        "<section><p>Pelabuhan baru dibuka pagi ini.</p></section></body></html>"
    )
    assert body_blocks(raw) == [BodyBlock("paragraph", "Pelabuhan baru dibuka pagi ini.")]
