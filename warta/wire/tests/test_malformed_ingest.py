"""Malformed agency files through the whole ingest: file → parser → ingest → database.

Every case is fed as a file to the real ingest (``wire_helpers.ingest``) of a ninjs, NewsML-G2
or RSS source, and must end in the summary with a clear reason (a failure, or a warning where
the format rightly takes the file), leave no row half-made (only the good items a case may
hold land), take less than 5 seconds of this process's CPU (and 30 of the clock) and less than
300 MB of Python allocations. CPU time, not the clock, is what a blow-up spends: the clock also
counts what other processes on a loaded machine take, and made the limit fail by itself there.

Each case runs from the same database state timed, then (unless it was small and quick, see
TRACE_AFTER) again under ``tracemalloc``, which slows Python down several times, so the two are
measured apart. Both runs are rolled back; what the case asserts is what the timed run did.
"""

import contextlib
import json
import re
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from warta.newsroom.models import Article
from warta.wire.models import WireItemRecord
from warta.wire.summary import IngestSummary, Problem

from .wire_helpers import ingest, ninjs, row_counts, source

pytestmark = pytest.mark.django_db

MAX_SECONDS = 5.0  # of this process's CPU
MAX_WALL_SECONDS = 30.0  # of the clock: a case that waits (on a socket, say) fails too
MAX_PEAK_BYTES = 300 * 1024 * 1024
# A case that took under 20 ms on a file under 64 KB cannot have come near 300 MB (Python does
# not allocate that much that fast): only the others are run again under tracemalloc, which
# keeps the file's time on CI down. Every entity bomb is among them or refused before expanding.
TRACE_AFTER = 0.02
TRACE_FROM = 64 * 1024
NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
FILE_NAMES = {"ninjs": "item.json", "newsml-g2": "item.xml", "rss": "feed.rss"}
PASSWD_LINE = re.compile(r"root:.*:0:0:")
# What a reason for the desk must never read like: a Python exception, a traceback, an API.
NOT_FOR_THE_DESK = re.compile(
    r"Traceback|internal error|see the log|\b\w*(Error|Exception)\b|codec can't|"
    r"\bsys\.\w+|xmlCtxt\w*|object at 0x|<class '"
)
# The rows whose number says exactly which items landed.
IDENTITY_ROWS = ("articles", "records", "images", "pictures", "tags")


# --- Files written on the spot ---------------------------------------------------------------


def ninjs_doc(uri: str = "urn:test:ninjs:1", version: int | str = 1, **extra: Any) -> dict:
    return json.loads(ninjs(uri, version, **extra))


def as_json(obj: Any) -> bytes:
    return json.dumps(obj).encode()


def _with_picture_at(href: str) -> bytes:
    """A text item whose picture's only rendition is at ``href``."""
    picture = {
        "name": "featureimage",
        "uri": "urn:test:ninjs:pic:photo",
        "type": "picture",
        "renditions": [{"name": "original", "href": href}],
    }
    return as_json(ninjs_doc("urn:test:ninjs:pic", 1, associations=[picture]))


def g2_item(
    guid: str = "urn:test:g2:1",
    version: str = "1",
    headline: str = "Floodwater reaches the coast road",
    *,
    item_class: str = '<itemClass qcode="ninat:text"/>',
    meta: str = "",
    body: str = "<p>Water rose to 40 cm along the coast road.</p><p>Schools closed early.</p>",
    version_created: str = "2026-11-30T09:00:00+07:00",
    guid_attr: str | None = None,
) -> str:
    ident = guid_attr if guid_attr is not None else f' guid="{guid}" version="{version}"'
    return (
        f"<newsItem{ident}><itemMeta>{item_class}"
        f"<versionCreated>{version_created}</versionCreated>{meta}</itemMeta>"
        f"<contentMeta><headline>{headline}</headline></contentMeta>"
        f'<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="{XHTML}">'
        f"<body>{body}</body></html></inlineXML></contentSet></newsItem>"
    )


def g2_one(prolog: str = "", **item: Any) -> bytes:
    """A newsItem as the file's root (the namespace on it)."""
    text = g2_item(**item).replace("<newsItem", f'<newsItem xmlns="{NAR}"', 1)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}{text}'.encode()


def g2_message(*items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<newsMessage xmlns="{NAR}">'
        f"<header><sent>2026-11-30T09:00:00+07:00</sent></header>"
        f"<itemSet>{''.join(items)}</itemSet></newsMessage>"
    ).encode()


def rss_item(
    guid: str = "https://kbu.example/news/1",
    title: str = "Floodwater reaches the coast road",
    description: str = "<![CDATA[<p>Water rose to 40 cm.</p><p>Schools closed early.</p>]]>",
    pub_date: str = "Mon, 30 Nov 2026 09:00:00 +0700",
) -> str:
    guid_el = f"<guid isPermaLink='false'>{guid}</guid>" if guid else ""
    date_el = f"<pubDate>{pub_date}</pubDate>" if pub_date else ""
    return (
        f"<item>{guid_el}<title>{title}</title>"
        f"<description>{description}</description>{date_el}</item>"
    )


def rss_feed(*items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<rss version="2.0"><channel>'
        "<title>Kantor Berita Uji</title><link>https://kbu.example/</link>"
        f"<description>Berita</description>{''.join(items)}</channel></rss>"
    ).encode()


def billion_laughs(root: str) -> str:
    entities = "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    return f'<!DOCTYPE {root} [<!ENTITY lol "lol">{entities}]>'


def external_entity(root: str, target: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>'


G2_LAUGHS = g2_one(billion_laughs("newsItem"), headline="&lol9;")
G2_LAUGHS_TEXT = G2_LAUGHS.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
RSS_LAUGHS = rss_feed(rss_item(title="&lol9;"), prolog=billion_laughs("rss"))
RSS_LAUGHS_TEXT = RSS_LAUGHS.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')

# A 1x1 PNG, as a picture desk would drop one into the wrong folder.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
GARBAGE = bytes((n * 37 + 11) % 256 for n in range(4096))
HTML_PAGE = (
    b"<!DOCTYPE html>\n<html lang='id'><head><meta charset='utf-8'><title>Beranda</title>"
    b"<link rel='stylesheet' href='/s.css'></head><body><h1>Kantor Berita Uji</h1>"
    b"<p>Selamat datang<br>di situs kami.</p><img src='/logo.png'></body></html>"
)
BOM_AND_WHITESPACE = b"\xef\xbb\xbf \r\n\t  \n"
THIRTY_MB = 30_000_000  # over every parser's 20 MB, under the transport's 30 MiB
SCRIPT_BODY = (
    '<p onclick="steal()">Water rose <img src="x.jpg" onerror="alert(1)"> to 40 cm, '
    '<a href="javascript:alert(2)">see the map</a>.</p><script>alert(3)</script>'
    '<p><a href="JaVaScRiPt:alert(4)" onmouseover="alert(5)">Schools</a> closed early.</p>'
    '<iframe src="javascript:alert(6)"></iframe><svg onload="alert(7)"><script>x()</script></svg>'
)
SCRIPT_MARKERS = ("<script", "script>", "onerror", "onclick", "onmouseover", "onload", "javascript")


def _thirty_mb_ninjs() -> bytes:
    return ninjs("urn:test:ninjs:big", 1, body="<p>" + "x" * THIRTY_MB + "</p>")


def _thirty_mb_g2() -> bytes:
    return g2_one(body="<p>" + "x" * THIRTY_MB + "</p>")


def _thirty_mb_rss() -> bytes:
    return rss_feed(rss_item(description="<![CDATA[<p>" + "x" * THIRTY_MB + "</p>]]>"))


def _deep_json() -> bytes:
    return b'{"uri": "urn:test:ninjs:deep", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _empty_objects() -> bytes:
    return as_json({"items": [{} for _ in range(10_000)]})


def _deep_html_ninjs() -> bytes:
    return ninjs("urn:test:ninjs:deep-html", 1, body="<div>" * 100_000 + "x" + "</div>" * 100_000)


def _deep_html_rss() -> bytes:
    escaped = "&lt;div&gt;" * 100_000 + "Water rose." + "&lt;/div&gt;" * 100_000
    return rss_feed(rss_item(description=escaped))


# --- The cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    format: str
    data: bytes | Callable[[], bytes] = field(repr=False)
    # "failed": a failure names the fragment; "warned": a warning does and nothing fails;
    # "failed-or-lands": either a clean failure naming the fragment, or the item lands.
    outcome: str
    fragment: str
    lands: tuple[str, ...] = ()  # the good items the file legitimately holds
    failures: int | None = None  # how many failures exactly, when that is the point
    extra_rows: dict[str, int] = field(default_factory=dict)  # pictures stored without a file

    def content(self) -> bytes:
        return self.data() if callable(self.data) else self.data


N = "ninjs"
G = "newsml-g2"
R = "rss"

CASES = [
    # --- ninjs ---------------------------------------------------------------------------------
    Case("ninjs-empty-file", N, b"", "failed", "not JSON"),
    Case("ninjs-only-bom-and-whitespace", N, BOM_AND_WHITESPACE, "failed", "not JSON"),
    Case("ninjs-truncated", N, ninjs("urn:test:ninjs:1", 1)[:150], "failed", "not JSON"),
    Case(
        "ninjs-invalid-utf8",
        N,
        ninjs("urn:test:ninjs:1", 1, "HEADLINE").replace(b"HEADLINE", b"Caf\xe9 \xff\xfe"),
        "failed",
        "not UTF-8",
    ),
    Case(
        "ninjs-utf16", N, ninjs("urn:test:ninjs:1", 1).decode().encode("utf-16"), "failed", "UTF-8"
    ),
    Case("ninjs-30mb-body", N, _thirty_mb_ninjs, "failed", "bytes a ninjs file may have"),
    Case("ninjs-100000-deep-nesting", N, _deep_json, "failed", "nested too deeply"),
    Case(
        "ninjs-10000-empty-objects",
        N,
        _empty_objects,
        "failed",
        "missing 'uri'",
        failures=10_000,
    ),
    Case(
        "ninjs-10001-items",
        N,
        as_json({"items": [{"uri": f"u{n}"} for n in range(10_001)]}),
        "failed",
        "more than 10000",
    ),
    Case(
        "ninjs-millions-of-values",
        N,
        b'{"uri": "urn:test:ninjs:1", "x": [' + b"0," * 2_100_000 + b"0]}",
        "failed",
        "too many to be a ninjs file",
    ),
    Case(
        "ninjs-missing-uri",
        N,
        as_json({k: v for k, v in ninjs_doc().items() if k != "uri"}),
        "failed",
        "missing 'uri'",
    ),
    Case("ninjs-blank-uri", N, ninjs("   ", 1), "failed", "'uri' is empty"),
    Case("ninjs-uri-a-number", N, as_json(ninjs_doc(uri=42)), "failed", "'uri' must be a string"),
    Case(
        "ninjs-uri-longer-than-500",
        N,
        ninjs("urn:test:ninjs:" + "x" * 600, 1),
        "failed",
        "longer than 500 characters",
    ),
    Case(
        "ninjs-duplicate-uri-in-envelope",
        N,
        as_json(
            {"items": [ninjs_doc("urn:test:ninjs:dup", 1), ninjs_doc("urn:test:ninjs:dup", 1)]}
        ),
        "failed",
        "appear twice",
        lands=("urn:test:ninjs:dup",),
    ),
    Case(
        "ninjs-duplicate-key",
        N,
        b'{"uri": "urn:test:ninjs:a", "uri": "urn:test:ninjs:b", "headline": "H"}',
        "failed",
        "appears twice",
    ),
    Case(
        "ninjs-v1-headline-a-number",
        N,
        as_json({"uri": "urn:test:ninjs:1", "headline": 5, "body_html": "<p>x</p>"}),
        "failed",
        "'headline' must be a string",
    ),
    Case(
        "ninjs-v2-headline-value-a-number",
        N,
        as_json(ninjs_doc(headlines=[{"role": "main", "value": 5}])),
        "failed",
        "'headlines[0].value' must be a string",
    ),
    Case(
        "ninjs-bodies-a-string",
        N,
        as_json(ninjs_doc(bodies="<p>Water rose.</p>")),
        "failed",
        "'bodies' must be an array",
    ),
    Case(
        "ninjs-version-a-list",
        N,
        as_json({**ninjs_doc(), "version": [1, 2]}),
        "failed",
        "'version' must be a string",
    ),
    Case(
        "ninjs-subjects-an-object",
        N,
        as_json(ninjs_doc(subjects={"name": "Floods"})),
        "failed",
        "'subjects' must be an array",
    ),
    Case(
        "ninjs-v3-urgency-a-string",
        N,
        as_json(
            {"uri": "urn:test:ninjs:1", "versionCreated": "2026-11-30T09:00:00Z", "urgency": "1"}
        ),
        "failed",
        "'urgency' must be an integer",
    ),
    Case(
        "ninjs-unknown-pubstatus",
        N,
        ninjs("urn:test:ninjs:1", 1, pubstatus="deleted"),
        "failed",
        "'pubstatus' is 'deleted'",
    ),
    Case(
        "ninjs-unknown-type",
        N,
        as_json({**ninjs_doc(), "type": "hologram"}),
        "failed",
        "'type' is 'hologram'",
    ),
    Case(
        "ninjs-video-type",
        N,
        as_json({**ninjs_doc(), "type": "video"}),
        "failed",
        "not a text or picture item",
    ),
    Case(
        "ninjs-top-level-array-of-strings",
        N,
        b'["urn:test:ninjs:1", "urn:test:ninjs:2"]',
        "failed",
        "is not a JSON object",
        failures=2,
    ),
    Case("ninjs-top-level-string", N, b'"urn:test:ninjs:1"', "failed", "not a ninjs object"),
    Case("ninjs-nan", N, b'{"uri": "urn:test:ninjs:1", "urgency": NaN}', "failed", "not JSON"),
    Case(
        "ninjs-5000-digit-integer",
        N,
        b'{"uri": "urn:test:ninjs:1", "urgency": ' + b"9" * 5000 + b"}",
        "failed",
        "more than 100 digits",
    ),
    Case("ninjs-xml-sent-as-ninjs", N, g2_one(), "failed", "not JSON"),
    Case("ninjs-png-bytes", N, PNG, "failed", "not UTF-8"),
    Case("ninjs-binary-garbage", N, GARBAGE, "failed", "not UTF-8"),
    Case(
        "ninjs-raw-nul-byte-in-headline",
        N,
        ninjs("urn:test:ninjs:1", 1, "HEADLINE").replace(b"HEADLINE", b"Flood\x00water"),
        "failed",
        "not JSON",
    ),
    Case("ninjs-only-nul-bytes", N, b"\x00" * 1024, "failed", "not JSON"),
    Case(
        "ninjs-escaped-nul-in-headline-and-body",
        N,
        ninjs("urn:test:ninjs:nul", 1, "Flood\x00water", body="<p>Water\x00 rose.</p>"),
        "failed-or-lands",
        "character",
        lands=("urn:test:ninjs:nul",),
    ),
    Case(
        "ninjs-lone-surrogate-in-headline",
        N,
        ninjs("urn:test:ninjs:surrogate", 1, "Flood\ud800water"),
        "failed-or-lands",
        "character",
        lands=("urn:test:ninjs:surrogate",),
    ),
    Case(
        "ninjs-embargo-not-a-date",
        N,
        as_json({**ninjs_doc(), "embargoed": "next Monday"}),
        "failed",
        "not a date",
    ),
    Case(
        "ninjs-embargo-in-year-9999",
        N,
        as_json({**ninjs_doc(), "embargoed": "9999-12-31T23:59:59+00:00"}),
        "failed",
        "embargo",
    ),
    Case(
        "ninjs-versioncreated-in-year-1-without-zone",
        N,
        ninjs("urn:test:ninjs:1", 1, versioncreated="0001-01-01T00:00:00"),
        "failed-or-lands",
        "date",
        lands=("urn:test:ninjs:1",),
    ),
    Case("ninjs-blank-headline", N, ninjs("urn:test:ninjs:1", 1, "  "), "failed", "no headline"),
    Case(
        "ninjs-headline-only-a-script",
        N,
        ninjs("urn:test:ninjs:1", 1, "<script>alert(1)</script>"),
        "failed",
        "no headline",
    ),
    Case(
        "ninjs-no-body-no-summary",
        N,
        as_json({**ninjs_doc(body=""), "descriptions": []}),
        "failed",
        "no body and no summary",
    ),
    Case(
        "ninjs-picture-href-file-etc-passwd",
        N,
        _with_picture_at("file:///etc/passwd"),
        "warned",
        "only relative paths and http(s) URLs",
        lands=("urn:test:ninjs:pic",),
        extra_rows={"pictures": 1},
    ),
    Case(
        "ninjs-picture-href-outside-the-folder",
        N,
        _with_picture_at("../../../../etc/passwd"),
        "warned",
        "outside the file's folder",
        lands=("urn:test:ninjs:pic",),
        extra_rows={"pictures": 1},
    ),
    Case(
        "ninjs-one-good-one-bad-in-envelope",
        N,
        as_json({"items": [ninjs_doc("urn:test:ninjs:good", 1), {"uri": "urn:test:ninjs:bad"}]}),
        "failed",
        "no headline",
        lands=("urn:test:ninjs:good",),
    ),
    Case(
        "ninjs-100000-deep-html-body",
        N,
        _deep_html_ninjs,
        "failed-or-lands",
        "nested",
        lands=("urn:test:ninjs:deep-html",),
    ),
    # --- NewsML-G2 -----------------------------------------------------------------------------
    Case("g2-empty-file", G, b"", "failed", "empty file"),
    Case("g2-only-bom-and-whitespace", G, BOM_AND_WHITESPACE, "failed", "not well-formed XML"),
    Case("g2-truncated", G, g2_one()[:400], "failed", "not well-formed XML"),
    Case(
        "g2-truncated-message",
        G,
        g2_message(g2_item("urn:test:g2:1"), g2_item("urn:test:g2:2"))[:-200],
        "failed",
        "not well-formed XML",
    ),
    Case(
        "g2-invalid-utf8",
        G,
        g2_one(headline="HEADLINE").replace(b"HEADLINE", b"Caf\xe9 \xff\xfe"),
        "failed",
        "encoding",
    ),
    Case("g2-30mb-body", G, _thirty_mb_g2, "failed", "file too large"),
    Case("g2-billion-laughs", G, G2_LAUGHS, "failed", "declares entities"),
    Case(
        "g2-billion-laughs-utf16",
        G,
        G2_LAUGHS_TEXT.encode("utf-16"),
        "failed",
        "declares entities",
    ),
    Case(
        "g2-billion-laughs-utf16le-without-bom",
        G,
        G2_LAUGHS_TEXT.encode("utf-16-le"),
        "failed",
        "declares entities",
    ),
    Case(
        "g2-billion-laughs-after-70kb-of-comment",
        G,
        G2_LAUGHS.replace(b"?><!DOCTYPE", b"?><!--" + b" " * 70_000 + b"--><!DOCTYPE", 1),
        "failed",
        "declares entities",
    ),
    Case(
        "g2-external-entity-etc-passwd",
        G,
        g2_one(external_entity("newsItem", "file:///etc/passwd"), headline="Leak &xxe;"),
        "failed",
        "declares entities",
    ),
    Case(
        "g2-message-without-items",
        G,
        g2_message(),
        "warned",
        "holds no items",
    ),
    Case(
        "g2-message-without-item-set",
        G,
        f'<newsMessage xmlns="{NAR}"><header/></newsMessage>'.encode(),
        "warned",
        "holds no items",
    ),
    Case(
        "g2-root-is-a-catalog",
        G,
        f'<catalog xmlns="{NAR}"><scheme alias="x"/></catalog>'.encode(),
        "failed",
        "not NewsML-G2",
    ),
    Case("g2-rss-feed-sent-as-g2", G, rss_feed(rss_item()), "failed", "not in the namespace"),
    Case("g2-html-page", G, HTML_PAGE, "failed", "not well-formed XML"),
    Case("g2-json-sent-as-g2", G, ninjs("urn:test:ninjs:1", 1), "failed", "not well-formed XML"),
    Case("g2-png-bytes", G, PNG, "failed", "not well-formed XML"),
    Case("g2-binary-garbage", G, GARBAGE, "failed", "not well-formed XML"),
    Case(
        "g2-nul-byte-in-headline",
        G,
        g2_one(headline="HEADLINE").replace(b"HEADLINE", b"Flood\x00water"),
        "failed",
        "not well-formed XML",
    ),
    Case(
        "g2-100000-deep-nesting",
        G,
        g2_one(body="<div>" * 100_000 + "x" + "</div>" * 100_000),
        "failed",
        "depth",
    ),
    Case("g2-missing-guid", G, g2_one(guid_attr=' version="1"'), "failed", "no guid"),
    Case("g2-blank-guid", G, g2_one(guid_attr=' guid="  " version="1"'), "failed", "no guid"),
    Case(
        "g2-duplicate-guid-in-message",
        G,
        g2_message(
            g2_item("urn:test:g2:dup", "1", "Floodwater reaches the coast road"),
            g2_item("urn:test:g2:dup", "1", "Floodwater closes the coast road"),
        ),
        "failed",
        "twice",
        lands=("urn:test:g2:dup",),
    ),
    Case(
        "g2-unknown-item-class",
        G,
        g2_one(item_class='<itemClass qcode="ninat:hologram"/>'),
        "failed",
        "unknown item class",
    ),
    Case(
        "g2-unknown-item-class-scheme",
        G,
        g2_one(item_class='<itemClass qcode="foo:text"/>'),
        "failed",
        "unknown item class",
    ),
    Case("g2-no-item-class", G, g2_one(item_class=""), "failed", "no itemClass"),
    Case(
        "g2-video-item",
        G,
        g2_one(item_class='<itemClass qcode="ninat:video"/>'),
        "failed",
        "not a text or picture item",
    ),
    Case(
        "g2-unknown-pubstatus",
        G,
        g2_one(meta='<pubStatus qcode="stat:deleted"/>'),
        "failed",
        "unknown pubStatus",
    ),
    Case(
        "g2-embargo-not-a-date",
        G,
        g2_one(meta="<embargoed>next Monday</embargoed>"),
        "failed",
        "embargo cannot be read",
    ),
    Case(
        "g2-versioncreated-in-year-9999",
        G,
        g2_one(version_created="9999-12-31T23:59:59-12:00"),
        "failed-or-lands",
        "date",
        lands=("urn:test:g2:1",),
    ),
    Case("g2-blank-headline", G, g2_one(headline="  "), "failed", "no headline"),
    Case(
        "g2-one-good-one-unknown-class",
        G,
        g2_message(
            g2_item("urn:test:g2:good"),
            g2_item("urn:test:g2:bad", item_class='<itemClass qcode="ninat:hologram"/>'),
        ),
        "failed",
        "unknown item class",
        lands=("urn:test:g2:good",),
    ),
    # --- RSS and Atom --------------------------------------------------------------------------
    Case("rss-empty-file", R, b"", "failed", "the feed is empty"),
    Case("rss-only-bom-and-whitespace", R, BOM_AND_WHITESPACE, "failed", "not an RSS or Atom feed"),
    Case(
        "rss-truncated",
        R,
        rss_feed(rss_item("https://kbu.example/news/1"), rss_item("https://kbu.example/news/2"))[
            :-150
        ],
        "failed",
        "not well-formed",
    ),
    Case(
        "rss-invalid-utf8",
        R,
        rss_feed(rss_item(title="HEADLINE")).replace(b"HEADLINE", b"Caf\xe9 \x80 floods"),
        "warned",
        "windows-1252",
        lands=("https://kbu.example/news/1",),
    ),
    Case("rss-30mb-body", R, _thirty_mb_rss, "failed", "larger than 20 MB"),
    Case("rss-billion-laughs", R, RSS_LAUGHS, "failed", "declares XML entities"),
    Case("rss-billion-laughs-utf16", R, RSS_LAUGHS_TEXT.encode("utf-16"), "failed", "entities"),
    Case(
        "rss-billion-laughs-utf32",
        R,
        RSS_LAUGHS.decode().replace('encoding="UTF-8"', 'encoding="UTF-32"').encode("utf-32"),
        "failed",
        "entities",
    ),
    Case(
        "rss-external-entity-etc-passwd",
        R,
        rss_feed(
            rss_item(title="Leak &xxe;", description="&xxe;"),
            prolog=external_entity("rss", "file:///etc/passwd"),
        ),
        "failed",
        "declares XML entities",
    ),
    Case("rss-channel-without-items", R, rss_feed(), "warned", "no items"),
    Case(
        "rss-atom-feed-without-entries",
        R,
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>KBU</title>'
        b"<id>urn:kbu</id><updated>2026-11-30T09:00:00+07:00</updated></feed>",
        "warned",
        "no items",
    ),
    Case("rss-html-page", R, HTML_PAGE, "failed", "not an RSS or Atom feed"),
    Case("rss-json-sent-as-rss", R, ninjs("urn:test:ninjs:1", 1), "failed", "not an RSS or Atom"),
    Case("rss-g2-sent-as-rss", R, g2_one(), "failed", "not an RSS or Atom feed"),
    Case("rss-png-bytes", R, PNG, "failed", "not an RSS or Atom feed"),
    Case("rss-binary-garbage", R, GARBAGE, "failed", "not an RSS or Atom feed"),
    Case(
        "rss-nul-byte-in-title",
        R,
        rss_feed(rss_item(title="HEADLINE")).replace(b"HEADLINE", b"Flood\x00water"),
        "failed",
        "not well-formed",
    ),
    Case(
        "rss-unescaped-ampersand",
        R,
        rss_feed(rss_item(title="Floods & landslides")),
        "failed",
        "not well-formed",
    ),
    Case(
        "rss-entry-without-guid-or-link",
        R,
        rss_feed(rss_item(guid="")),
        "failed",
        "no guid, id or link",
    ),
    Case(
        "rss-10000-empty-items",
        R,
        rss_feed(*["<item></item>"] * 10_000),
        "failed",
        "no guid, id or link",
        failures=10_000,
    ),
    Case(
        "rss-duplicate-guid",
        R,
        rss_feed(
            rss_item("https://kbu.example/news/dup", "Floodwater reaches the coast road"),
            rss_item("https://kbu.example/news/dup", "Floodwater closes the coast road"),
        ),
        "failed",
        "twice",
        lands=("https://kbu.example/news/dup",),
    ),
    Case(
        "rss-guid-longer-than-500",
        R,
        rss_feed(rss_item("https://kbu.example/" + "x" * 600)),
        "failed",
        "longer than 500 characters",
    ),
    Case("rss-entry-without-title", R, rss_feed(rss_item(title="")), "failed", "no headline"),
    Case(
        "rss-entry-with-only-a-title",
        R,
        rss_feed(rss_item(description="")),
        "failed",
        "no body and no summary",
    ),
    Case(
        "rss-100000-deep-xml-in-title",
        R,
        rss_feed(rss_item(title="<b>" * 100_000 + "</b>" * 100_000)),
        "failed",
        "nested too deeply",
    ),
    Case(
        "rss-100000-deep-escaped-html-description",
        R,
        _deep_html_rss,
        "failed-or-lands",
        "nested",
        lands=("https://kbu.example/news/1",),
    ),
    Case(
        "rss-pubdate-in-year-9999-at-minus-12-hours",
        R,
        rss_feed(rss_item(pub_date="Fri, 31 Dec 9999 23:59:59 -1200")),
        "failed-or-lands",
        "date",
        lands=("https://kbu.example/news/1",),
    ),
    Case(
        "rss-one-good-one-without-id",
        R,
        rss_feed(rss_item("https://kbu.example/news/good"), rss_item(guid="")),
        "failed",
        "no guid, id or link",
        lands=("https://kbu.example/news/good",),
    ),
]


# --- Running one case, measured --------------------------------------------------------------


class _Rollback(Exception):
    pass


@dataclass
class Run:
    summary: IngestSummary
    before: dict[str, int]
    after: dict[str, int]
    seconds: float  # CPU
    peak: int | None  # None: not measured (the timed run was already over the limit)
    seen: Any = None  # what ``look`` found in the database before the rollback
    wall: float = 0.0


def measured_ingest(
    src, tmp_path: Path, data: bytes, *, look: Callable[[], Any] | None = None
) -> Run:
    """Ingest ``data`` as a file, timed; then again from the same state under tracemalloc."""
    name = FILE_NAMES[src.format]
    run: Run | None = None
    with contextlib.suppress(_Rollback), transaction.atomic():
        before = row_counts()
        started, cpu_started = time.monotonic(), time.process_time()
        summary = ingest(src, tmp_path, data, name=name)
        seconds = time.process_time() - cpu_started
        wall = time.monotonic() - started
        run = Run(summary, before, row_counts(), seconds, None, look() if look else None, wall)
        raise _Rollback
    assert run is not None
    if run.seconds < MAX_SECONDS and (run.seconds >= TRACE_AFTER or len(data) >= TRACE_FROM):
        tracemalloc.start()
        try:
            with contextlib.suppress(_Rollback), transaction.atomic():
                ingest(src, tmp_path, data, name=name)
                raise _Rollback
            run.peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return run


def unfit_reason(problem: Problem) -> str:
    """Why this reason is not fit for the desk ("" when it is)."""
    reason = problem.reason
    if not reason.strip():
        return "empty reason"
    if NOT_FOR_THE_DESK.search(reason):
        return f"reads like a program's error, not a sentence for the desk: {reason!r}"
    if PASSWD_LINE.search(reason):
        return f"leaks a local file: {reason[:200]!r}"
    return ""


def limits_kept(run: Run) -> list[str]:
    problems = []
    if run.seconds >= MAX_SECONDS:
        problems.append(f"took {run.seconds:.1f} s of CPU (limit {MAX_SECONDS:g} s)")
    if run.wall >= MAX_WALL_SECONDS:
        problems.append(f"took {run.wall:.1f} s (limit {MAX_WALL_SECONDS:g} s)")
    if run.peak is None:
        if run.seconds >= TRACE_AFTER:  # small and quick cases are not traced: TRACE_AFTER
            problems.append("memory not measured: the timed run was over the time limit")
    elif run.peak >= MAX_PEAK_BYTES:
        problems.append(f"allocated {run.peak / 2**20:.0f} MB at peak (limit 300 MB)")
    return problems


def rows_kept(run: Run, lands: tuple[str, ...], extra: dict[str, int] | None = None) -> list[str]:
    """Nothing half-made: no rows, or exactly the rows of the items that landed."""
    delta = {k: run.after[k] - run.before[k] for k in run.after}
    if not lands:
        changed = {k: v for k, v in delta.items() if v}
        return [f"rows changed though nothing landed: {changed}"] if changed else []
    expected = {k: 0 for k in IDENTITY_ROWS}
    expected.update(articles=len(lands), records=len(lands), **(extra or {}))
    got = {k: delta[k] for k in IDENTITY_ROWS}
    problems = [f"rows {got}, expected {expected}"] if got != expected else []
    if any(v < 0 for v in delta.values()):
        problems.append(f"rows went away: {delta}")
    return problems


def reasons(problems: tuple[Problem, ...]) -> list[str]:
    return [f"{p.item or '(file)'}: {p.reason[:300]}" for p in problems[:5]]


def check_outcome(case: Case, run: Run) -> list[str]:
    summary = run.summary
    problems: list[str] = []
    fragment = case.fragment.casefold()
    hits_failed = [p for p in summary.failed if fragment in p.reason.casefold()]
    hits_warned = [p for p in summary.warnings if fragment in p.reason.casefold()]
    landed = set(summary.new) | set(summary.updated)
    if case.outcome == "failed":
        if not hits_failed:
            problems.append(
                f"no failure says {case.fragment!r}; failed={reasons(summary.failed)} "
                f"warnings={reasons(summary.warnings)}"
            )
    elif case.outcome == "warned":
        if summary.failed:
            problems.append(f"failed, expected only a warning: {reasons(summary.failed)}")
        if not hits_warned:
            problems.append(
                f"no warning says {case.fragment!r}; warnings={reasons(summary.warnings)}"
            )
    elif case.outcome == "failed-or-lands" and summary.failed and not hits_failed:
        problems.append(f"failed without saying {case.fragment!r}: {reasons(summary.failed)}")
    if case.failures is not None:
        if len(summary.failed) != case.failures:
            problems.append(f"{len(summary.failed)} failures, expected {case.failures}")
        elif len(hits_failed) != case.failures:
            problems.append(f"only {len(hits_failed)} failures say {case.fragment!r}")
    for problem in (*summary.failed, *summary.warnings):
        if unfit := unfit_reason(problem):
            problems.append(unfit)
            break
    if summary.withdrawn:
        problems.append(f"withdrew {summary.withdrawn}")
    expected_lands = set(case.lands)
    if case.outcome == "failed-or-lands" and summary.failed:
        expected_lands = set()
    if landed != expected_lands:
        problems.append(f"landed {sorted(landed)}, expected {sorted(expected_lands)}")
    lands = tuple(sorted(landed)) if landed == expected_lands else case.lands
    problems.extend(rows_kept(run, lands, case.extra_rows if lands else None))
    return problems


def stored_text(item_ids: tuple[str, ...] = ()) -> str:
    """Everything stored for readers (and the desk's record) of these items, as one string."""
    from wagtail.search.models import IndexEntry

    records = WireItemRecord.objects.filter(item_id__in=item_ids).select_related("article")
    parts: list[str] = []
    for record in records:
        parts += [record.headline, record.byline, record.editor_notes]
        article = record.article
        if article is None:
            continue
        article = Article.objects.get(pk=article.pk)
        parts += [article.headline, article.slug, article.dek, article.dateline]
        parts.append(json.dumps(article.body.get_prep_value(), ensure_ascii=False))
        if article.latest_revision is not None:
            parts.append(json.dumps(article.latest_revision.content, ensure_ascii=False))
    for title, body in IndexEntry.objects.values_list("title", "body"):
        parts += [title or "", body or ""]
    return "\n".join(parts)


def _no_control_characters(text: str) -> list[str]:
    bad = sorted({f"U+{ord(c):04X}" for c in text if c == "\x00" or "\ud800" <= c <= "\udfff"})
    return [f"stored text holds {', '.join(bad)}"] if bad else []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_malformed_file_is_reported_leaves_nothing_half_made_and_stays_in_bounds(case, tmp_path):
    assert len({c.id for c in CASES}) == len(CASES) >= 40
    src = source(format=case.format)
    data = case.content()

    run = measured_ingest(src, tmp_path, data, look=lambda: stored_text(case.lands))

    problems = check_outcome(case, run)
    problems += _no_control_characters(run.seen)
    if PASSWD_LINE.search(run.seen):
        problems.append("/etc/passwd landed in the database")
    problems += limits_kept(run)
    assert not problems, f"{case.id}:\n  " + "\n  ".join(problems)


# --- Scripts and event handlers: the item lands, clean ---------------------------------------

SCRIPT_CASES = {
    "ninjs-script-and-event-handlers": (
        N,
        ninjs(
            "urn:test:ninjs:script",
            1,
            'Floodwater <script>alert("h")</script>reaches the coast <b onclick="x()">road</b>',
            body=SCRIPT_BODY,
            descriptions=[{"role": "summary", "value": '<img src=x onerror="alert(8)">Three'}],
        ),
        "urn:test:ninjs:script",
    ),
    "g2-script-and-event-handlers": (
        G,
        g2_one(
            guid="urn:test:g2:script",
            headline="Floodwater reaches the coast road",
            body=SCRIPT_BODY.replace('"alert(1)">', '"alert(1)"/>').replace(
                '<svg onload="alert(7)">', '<svg xmlns="http://www.w3.org/2000/svg" onload="a()">'
            ),
        ),
        "urn:test:g2:script",
    ),
    "rss-script-and-event-handlers": (
        R,
        rss_feed(
            rss_item(
                "https://kbu.example/news/script",
                "Floodwater &lt;script&gt;alert(1)&lt;/script&gt; reaches the coast road",
                description=f"<![CDATA[{SCRIPT_BODY}]]>",
            )
        ),
        "https://kbu.example/news/script",
    ),
}


@pytest.mark.parametrize("case", SCRIPT_CASES, ids=str)
def test_script_and_event_handler_html_lands_without_any_of_it(case, tmp_path):
    fmt, data, item_id = SCRIPT_CASES[case]
    src = source(format=fmt)

    run = measured_ingest(src, tmp_path, data, look=lambda: stored_text((item_id,)))

    problems = []
    if run.summary.new != (item_id,) or run.summary.failed:
        problems.append(f"new={run.summary.new} failed={reasons(run.summary.failed)}")
    problems += rows_kept(run, (item_id,))
    text = run.seen.casefold()
    if "coast" not in text or "schools" not in text:
        problems.append("the story's words did not land")
    problems += [f"stored text holds {m!r}" for m in SCRIPT_MARKERS if m in text]
    problems += [f"stored text holds alert({n})" for n in range(1, 9) if f"alert({n})" in text]
    problems += limits_kept(run)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


# --- An older version after a newer one: reported, the article unchanged ----------------------

NEWER, OLDER = "Floodwater closes the coast road", "Floodwater nears the coast road"

BACKWARDS = {
    "ninjs-version-3-then-2": (
        N,
        ninjs("urn:test:ninjs:v", 3, NEWER),
        ninjs("urn:test:ninjs:v", 2, OLDER),
        "urn:test:ninjs:v",
    ),
    "g2-version-3-then-2": (
        G,
        g2_one(guid="urn:test:g2:v", version="3", headline=NEWER),
        g2_one(guid="urn:test:g2:v", version="2", headline=OLDER),
        "urn:test:g2:v",
    ),
    "rss-updated-10h-then-9h": (
        R,
        rss_feed(
            rss_item(
                "https://kbu.example/news/v", NEWER, pub_date="Mon, 30 Nov 2026 10:00:00 +0700"
            )
        ),
        rss_feed(
            rss_item(
                "https://kbu.example/news/v", OLDER, pub_date="Mon, 30 Nov 2026 09:00:00 +0700"
            )
        ),
        "https://kbu.example/news/v",
    ),
}


@pytest.mark.parametrize("case", BACKWARDS, ids=str)
def test_an_older_version_is_reported_and_leaves_the_article_unchanged(case, tmp_path):
    fmt, newer, older, item_id = BACKWARDS[case]
    src = source(format=fmt)
    first = ingest(src, tmp_path, newer, name=FILE_NAMES[fmt])
    assert first.new == (item_id,), first
    record = WireItemRecord.objects.get(item_id=item_id)
    revision = record.article.latest_revision_id

    def look():
        article = Article.objects.get(pk=record.article_id)
        return article.headline, article.latest_revision_id

    run = measured_ingest(src, tmp_path, older, look=look)

    problems = []
    if run.summary.unchanged != (item_id,) or run.summary.updated or run.summary.failed:
        problems.append(f"unchanged={run.summary.unchanged} updated={run.summary.updated}")
    if not any("older than the version held" in w.reason for w in run.summary.warnings):
        problems.append(f"not reported: warnings={reasons(run.summary.warnings)}")
    problems += [unfit for w in run.summary.warnings if (unfit := unfit_reason(w))]
    problems += rows_kept(run, ())
    if run.seen != (NEWER, revision):
        problems.append(f"the article changed: {run.seen}")
    problems += limits_kept(run)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


# --- A date without a zone: lands with a warning, read in the source's zone ------------------

MAKASSAR = ZoneInfo("Asia/Makassar")  # +08:00: not the helper's default zone, not UTC
NAIVE = datetime(2026, 11, 30, 9, 0)  # the point: the file sends no zone

ZONELESS = {
    "ninjs-versioncreated-without-zone": (
        N,
        ninjs("urn:test:ninjs:z", 1, versioncreated="2026-11-30T09:00:00"),
        "urn:test:ninjs:z",
        "has no time zone; read in Asia/Makassar",
    ),
    "g2-versioncreated-without-zone": (
        G,
        g2_one(guid="urn:test:g2:z", version_created="2026-11-30T09:00:00"),
        "urn:test:g2:z",
        "has no time zone; read in Asia/Makassar",
    ),
    "rss-pubdate-without-zone": (
        R,
        rss_feed(rss_item("https://kbu.example/news/z", pub_date="Mon, 30 Nov 2026 09:00:00")),
        "https://kbu.example/news/z",
        "has no time zone; read in Asia/Makassar",
    ),
}


@pytest.mark.parametrize("case", ZONELESS, ids=str)
def test_a_date_without_zone_lands_with_a_warning_in_the_source_zone(case, tmp_path):
    fmt, data, item_id, warning = ZONELESS[case]
    src = source(format=fmt, time_zone="Asia/Makassar")

    def look():
        return WireItemRecord.objects.get(item_id=item_id).version_created

    run = measured_ingest(src, tmp_path, data, look=look)

    problems = []
    if run.summary.new != (item_id,) or run.summary.failed:
        problems.append(f"new={run.summary.new} failed={reasons(run.summary.failed)}")
    if not any(warning in w.reason and w.item == item_id for w in run.summary.warnings):
        problems.append(f"no warning {warning!r}: {reasons(run.summary.warnings)}")
    problems += [unfit for w in run.summary.warnings if (unfit := unfit_reason(w))]
    problems += rows_kept(run, (item_id,))
    expected = NAIVE.replace(tzinfo=MAKASSAR)
    if run.seen != expected:
        problems.append(f"version time {run.seen}, expected {expected.isoformat()}")
    problems += limits_kept(run)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


# --- Remote DTDs and entities: nothing is ever fetched ---------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[object]]]:
    """A TCP listener on this machine that keeps every connection made to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, peer = server.accept()
            except OSError:
                continue
            connections.append(peer)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}", connections
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()


REMOTE = {
    # id: (format, file with {url}, outcome, fragment, item that lands)
    "g2-parameter-entity-to-remote-dtd": (
        G,
        g2_one('<!DOCTYPE newsItem [<!ENTITY % remote SYSTEM "{url}/evil.dtd"> %remote;]>'),
        "failed",
        "declares entities",
        "",
    ),
    "g2-external-entity-over-http": (
        G,
        g2_one('<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "{url}/secret">]>', headline="A &xxe;"),
        "failed",
        "declares entities",
        "",
    ),
    "g2-remote-dtd-as-system-id": (
        G,
        g2_one('<!DOCTYPE newsItem SYSTEM "{url}/newsml.dtd">', guid="urn:test:g2:dtd"),
        "lands",
        "",
        "urn:test:g2:dtd",
    ),
    "rss-parameter-entity-to-remote-dtd": (
        R,
        rss_feed(
            rss_item(),
            prolog='<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{url}/evil.dtd"> %remote;]>',
        ),
        "failed",
        "declares XML entities",
        "",
    ),
    "rss-external-entity-over-http": (
        R,
        rss_feed(
            rss_item(title="A &xxe;"), prolog='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{url}/x">]>'
        ),
        "failed",
        "declares XML entities",
        "",
    ),
    "rss-remote-dtd-as-public-id": (
        R,
        rss_feed(
            rss_item("https://kbu.example/news/dtd"),
            prolog='<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            '"{url}/rss-0.91.dtd">',
        ),
        "lands",
        "",
        "https://kbu.example/news/dtd",
    ),
    "rss-remote-xml-stylesheet": (
        R,
        rss_feed(
            rss_item("https://kbu.example/news/xsl"),
            prolog='<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>',
        ),
        "lands",
        "",
        "https://kbu.example/news/xsl",
    ),
}


@pytest.mark.parametrize("case", REMOTE, ids=str)
def test_a_remote_dtd_or_entity_is_never_fetched(case, tmp_path, listener):
    url, connections = listener
    fmt, template, outcome, fragment, item_id = REMOTE[case]
    data = template.replace(b"{url}", url.encode())
    src = source(format=fmt)

    run = measured_ingest(src, tmp_path, data)
    time.sleep(0.3)  # a connection made during the ingest has been accepted by now

    problems = [f"the listener saw {len(connections)} connection(s)"] if connections else []
    if outcome == "failed":
        if not any(fragment in p.reason for p in run.summary.failed):
            problems.append(f"no failure says {fragment!r}: {reasons(run.summary.failed)}")
        if run.summary.new:
            problems.append(f"landed {run.summary.new}")
        problems += rows_kept(run, ())
    else:
        if run.summary.new != (item_id,) or run.summary.failed:
            problems.append(f"new={run.summary.new} failed={reasons(run.summary.failed)}")
        problems += rows_kept(run, (item_id,))
    problems += [u for p in (*run.summary.failed, *run.summary.warnings) if (u := unfit_reason(p))]
    problems += limits_kept(run)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


def test_the_listener_sees_a_connection_when_one_is_made(listener):
    """The probe above can fail: a real connection to the same address is seen."""
    url, connections = listener
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=2):
        pass
    time.sleep(0.3)
    assert len(connections) == 1
