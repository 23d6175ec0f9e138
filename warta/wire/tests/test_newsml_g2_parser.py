"""The NewsML-G2 parser: samples written for the project, the shared real files, bad input."""

import socket
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from warta.wire.items import ItemKind, PubStatus, WireFormatError
from warta.wire.parsers import newsml_g2

pytestmark = pytest.mark.database_free  # conftest: run once, on SQLite

SAMPLES = Path(__file__).parent / "samples" / "newsml_g2"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "wire-samples" / "newsml-g2"
JAKARTA = ZoneInfo("Asia/Jakarta")
WIB = timezone(timedelta(hours=7))
NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
TEXT_CLASS = '<itemClass qcode="ninat:text"/>'


def parse(data: bytes):
    return newsml_g2.parse(data, default_zone=JAKARTA)


def sample(name: str):
    return parse((SAMPLES / name).read_bytes())


def item_xml(
    meta: str = '<itemClass qcode="ninat:text"/>', rest: str = "", attrs: str = ""
) -> bytes:
    guid = ' guid="urn:x:1" version="1"' if "guid" not in attrs else ""
    return (
        f'<newsItem xmlns="{NAR}"{guid}{attrs}><itemMeta>{meta}</itemMeta>{rest}</newsItem>'
    ).encode()


# --- samples written for the project ---------------------------------------------------------


def test_message_holds_a_picture_a_text_that_links_it_and_a_video():
    result = sample("lumen-message-text-and-picture.xml")
    assert result.failures == ()
    picture, text, video = result.items
    assert (picture.kind, text.kind, video.kind) == (
        ItemKind.PICTURE,
        ItemKind.TEXT,
        ItemKind.OTHER,
    )
    assert text.picture_refs == (picture.item_id,)  # the link to a text item is not a picture
    assert text.version == "2"
    assert text.headline == "Visitors return to Bromo as volcano quietens"
    assert text.dek == "The national park reopened the crater rim after three weeks."
    assert text.byline == "By Made Arsana"
    assert text.dateline == "PROBOLINGGO, March 2"
    assert text.language == "en"
    assert text.urgency == 4
    assert [(s.code, s.name, s.kind) for s in text.subjects] == [
        ("medtop:20000564", "tourism", "subject"),
        ("geo:jatim", "East Java", "place"),
    ]
    assert text.first_created == datetime(2026, 3, 2, 7, 30, tzinfo=WIB)
    assert text.version_created == datetime(2026, 3, 2, 8, 10, tzinfo=WIB)
    assert text.body_html == (
        "<p>The crater rim of Mount Bromo reopened on Monday.</p>"
        "<p>Park rangers counted <b>2,400</b> visitors before noon.<br></p>"
    )
    assert text.editor_notes == (
        "Updates with visitor figures in third paragraph.",
        "Desk contact: night editor, ext. 000",
    )


def test_picture_item_renditions_credit_photographer_rights():
    picture = sample("lumen-message-text-and-picture.xml").items[0]
    (pic,) = picture.pictures
    assert pic.item_id == picture.item_id == "urn:newsml:lumen.example:20260302:pic-bromo"
    assert [(r.name, r.href, r.width, r.height, r.content_type) for r in pic.renditions] == [
        ("highRes", "pictures/bromo-full.jpg", 4000, 2667, "image/jpeg"),
        ("web", "https://media.lumen.example/bromo-web.jpg?sig=a1&exp=9", 1200, 800, "image/jpeg"),
        ("thumb", "pictures/bromo-thumb.jpg", None, None, "image/jpeg"),
    ]
    assert pic.caption.startswith("Tourists watch the sunrise")
    assert pic.credit == "Sari Wulandari/Lumen"
    assert pic.photographer == "Sari Wulandari"
    assert pic.copyright == "© 2026 Lumen Wire"
    assert pic.usage_terms == "Editorial use only."


def test_nitf_body_notes_never_in_body_and_text_kept_byte_for_byte():
    (item,) = sample("kabar-nitf-id.xml").items
    assert item.headline == "Banjir rendam tiga kecamatan di Bekasi"
    assert item.language == "id"
    assert item.byline == "Oleh Tim Biro Semarang"
    assert item.dateline == "BEKASI, 15 Januari"
    assert item.dek == "Ribuan warga mengungsi."
    assert "陈美玲 (Tan Bie Ling)" in item.body_html
    assert "<p>Café di Jalan Ahmad Yani ditutup.</p>" in item.body_html
    assert item.editor_notes == (
        "Embargo: jangan terbitkan sebelum 12.00 WIB",
        "Angka korban belum dikonfirmasi polisi.",
    )
    for note in ("Embargo", "dikonfirmasi", "ed-msg", "npa"):
        assert note not in item.body_html
    assert item.embargoed_until == datetime(2026, 1, 15, 12, 0, tzinfo=WIB)


def test_kill_and_withhold_of_the_same_story():
    (kill,) = sample("lumen-kill.xml").items
    assert kill.pub_status is PubStatus.CANCELED
    assert kill.kind is ItemKind.TEXT  # Reuters' icls: scheme
    assert kill.version == "3"
    assert kill.editor_notes == ("KILL: the visitor figure was wrong. Do not use.",)
    (held,) = sample("lumen-withhold.xml").items
    assert held.pub_status is PubStatus.WITHHELD
    assert held.kind is ItemKind.TEXT  # itemClass by uri
    assert held.embargoed_until is None  # an empty <embargoed> is no embargo
    assert held.editor_notes == ("Withheld while the park confirms the figures.",)  # <ednote>
    assert held.version_created == datetime(2026, 3, 2, 12, 0, tzinfo=JAKARTA)
    assert any("no time zone" in w and "Asia/Jakarta" in w for w in held.warnings)


def test_bom_crlf_ns0_prefix_and_xhtml_in_the_newsml_namespace():
    data = (SAMPLES / "bom-crlf-ns0.xml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    (item,) = parse(data).items
    assert item.headline == "Café\u00a0du\u00a0port"
    assert item.body_html == "<p>Un\u00a0texte</p>"


def test_absent_pubstatus_is_usable_and_absent_version_is_one():
    (item,) = parse(item_xml()).items
    assert item.pub_status is PubStatus.USABLE
    assert item.version == "1"
    (item,) = parse(item_xml(attrs=' guid="g"')).items
    assert item.version == "1"


def test_language_from_xml_lang_on_content_meta_before_the_item():
    data = item_xml(rest='<contentMeta xml:lang="fi"/>', attrs=' guid="g" xml:lang="en"')
    assert parse(data).items[0].language == "fi"
    assert parse(item_xml(attrs=' guid="g" xml:lang="en"')).items[0].language == "en"


def test_aware_dates_keep_their_offset():
    data = item_xml(
        '<itemClass qcode="ninat:text"/><versionCreated>2026-01-01T10:00:00-05:00</versionCreated>'
    )
    (item,) = parse(data).items
    assert item.version_created == datetime(2026, 1, 1, 15, 0, tzinfo=UTC)
    assert item.version_created.utcoffset() == timedelta(hours=-5)
    assert item.warnings == ()


# --- the shared real samples -----------------------------------------------------------------

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared wire samples not present")


@needs_shared
@pytest.mark.parametrize(
    "path", sorted(SHARED.glob("*.xml")) if SHARED.is_dir() else [], ids=lambda p: p.name
)
def test_every_shared_sample_parses(path):
    result = parse(path.read_bytes())
    assert result.items


@needs_shared
def test_shared_samples_known_values():
    def one(name):
        return parse((SHARED / name).read_bytes())

    ap = one("ap-newsmessage-3-text-items.xml")
    assert len(ap.items) == 3 and all(i.kind is ItemKind.TEXT for i in ap.items)
    assert ap.items[0].headline == "Nutrisystem beats 4Q earnings and revenue expectations"
    assert ap.items[0].editor_notes == ("Eds: Adds full-year results.",)

    (kill,) = one("reuters-text-canceled-ns0-prefixed.xml").items
    assert kill.item_id == "tag:reuters.com,0000:newsml_L1N14N0FF"
    assert kill.pub_status is PubStatus.CANCELED

    reuters = one("reuters-newsmessage-package-text-picture-video.xml").items
    assert [i.kind for i in reuters] == [
        ItemKind.OTHER,
        ItemKind.TEXT,
        ItemKind.OTHER,
        ItemKind.OTHER,
        ItemKind.PICTURE,
    ]

    (listing1,) = one("iptc-listing1-newsitem-embargoed-empty-body.xml").items
    assert listing1.headline == 'Fed to halt QE to avert "bubble"'  # leading space stripped
    assert listing1.embargoed_until == datetime(2018, 10, 23, 12, 0, tzinfo=UTC)
    assert "STRICTLY EMBARGOED" in listing1.editor_notes[0]
    assert listing1.body_html == ""

    (photo,) = one("iptc-listing3-picture-renditions-credit.xml").items
    assert photo.pub_status is PubStatus.USABLE
    assert [r.name for r in photo.pictures[0].renditions] == ["highRes", "web", "thumb"]
    assert photo.pictures[0].photographer == "Spencer Platt"

    bd = one("businessdesk-newsmessage-bom-malformed.xml")
    (text,) = bd.items
    assert text.embargoed_until is None
    assert text.version_created == datetime(2016, 1, 12, 12, 35, 40, tzinfo=JAKARTA)
    assert any("no time zone" in w for w in text.warnings)
    assert bd.failures == ()  # its attribute-less packageItem is not a story
    assert bd.warnings == ("a packageItem without a guid was skipped",)

    (dpa,) = one("dpa-text-embargoed-with-pictures-de.xml").items
    assert dpa.embargoed_until == datetime(
        2024, 10, 22, 11, 30, tzinfo=timezone(timedelta(hours=2))
    )
    nonpublic = "Ansprechpartner 1, +49 1234 5678912, ap.1@example.com"
    assert nonpublic in dpa.editor_notes
    assert nonpublic not in dpa.body_html
    assert len(dpa.picture_refs) == 2

    (ansa,) = one("ansa-newsmessage-text-xhtml-it.xml").items
    assert ansa.language == "it" and "TEST FROM XAWES" in ansa.body_html


# --- malformed and hostile input -------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><newsItem xmlns="'
    + NAR.encode()
    + b'" guid="g"><itemMeta><itemClass qcode="ninat:text"/>'
    b"</itemMeta><contentMeta><headline>&lol9;</headline></contentMeta></newsItem>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE n [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<newsItem xmlns="' + NAR.encode() + b'" guid="g"><itemMeta><itemClass qcode="ninat:text"/>'
    b"</itemMeta><contentMeta><headline>&xxe;</headline></contentMeta></newsItem>"
)
GOOD = item_xml(rest="<contentMeta><headline>Fine</headline></contentMeta>")


def utf16(data: bytes) -> bytes:
    """The same document in UTF-16: a byte search for "<!ENTITY" does not see it."""
    declared = data.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
    return declared.decode().encode("utf-16")


FILE_FAILURES = {
    "billion laughs": (BILLION_LAUGHS, "entities"),
    "external entity": (XXE, "entities"),
    "billion laughs in utf-16": (utf16(BILLION_LAUGHS), "entities"),
    "external entity in utf-16": (utf16(XXE), "entities"),
    "parameter entity": (
        b'<!DOCTYPE n [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p">%p;]><n/>',
        "entities",
    ),
    "truncated": (GOOD[: len(GOOD) // 2], "not well-formed"),
    "truncated in a tag": (GOOD[:-3], "not well-formed"),
    "invalid utf-8": (GOOD.replace(b"Fine", b"F\xff\xfeine"), "not well-formed"),
    "utf-8 cut in a character": (
        GOOD.replace(b"Fine", "Caf\u00e9".encode()[:-1]),
        "not well-formed",
    ),
    "empty": (b"", "empty"),
    "whitespace": (b"  \n ", "empty"),
    "json": (b'{"uri": "x"}', "not well-formed"),
    "html page": (b"<html><body><p>hi</p></body></html>", "not NewsML-G2"),
    "wrong namespace": (GOOD.replace(NAR.encode(), b"urn:other"), "not NewsML-G2"),
    "no namespace": (b'<newsItem guid="g"/>', "not NewsML-G2"),
    "root is not an item": (f'<catalog xmlns="{NAR}"/>'.encode(), "not NewsML-G2"),
    "two roots": (GOOD + GOOD, "not well-formed"),
    "undefined entity": (GOOD.replace(b"Fine", b"&nope;"), "not well-formed"),
    "mismatched tags": (GOOD.replace(b"</headline>", b"</title>"), "not well-formed"),
    "text given as str": ("<newsItem/>", "bytes"),
}


@pytest.mark.parametrize("case", FILE_FAILURES, ids=str)
def test_a_bad_file_fails_whole_with_a_reason(case):
    data, reason = FILE_FAILURES[case]
    started = time.monotonic()
    with pytest.raises(WireFormatError, match=reason):
        parse(data)
    assert time.monotonic() - started < 5


def test_a_thirty_megabyte_file_is_refused_quickly():
    body = b"<p>" + b"x" * (30 * 1024 * 1024) + b"</p>"
    data = item_xml(rest="<contentSet><inlineXML><body>BODY</body></inlineXML></contentSet>")
    data = data.replace(b"BODY", body)
    assert len(data) > 30 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(WireFormatError, match="too large"):
        parse(data)
    assert time.monotonic() - started < 5


def test_a_remote_dtd_is_never_fetched():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    connections = []

    def accept():
        try:
            conn, _ = listener.accept()
            connections.append(conn)
        except TimeoutError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    data = (
        f'<?xml version="1.0"?><!DOCTYPE newsItem SYSTEM "http://127.0.0.1:{port}/x.dtd">'
        f'<newsItem xmlns="{NAR}" guid="g"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>'
        "<contentMeta><headline>Safe</headline></contentMeta></newsItem>"
    ).encode()
    try:
        result = parse(data)
    finally:
        thread.join()
        listener.close()
    assert connections == []
    assert result.items[0].headline == "Safe"


def test_an_external_dtd_is_never_loaded(tmp_path):
    """libxml2 2.14 has no HTTP client, so the listener above sees nothing either way; a DTD on
    disk shows that DTD loading itself is off (its entity would otherwise fill the headline)."""
    dtd = tmp_path / "x.dtd"
    dtd.write_text('<!ENTITY secret "LEAKED">')
    data = (
        f'<!DOCTYPE newsItem SYSTEM "{dtd.as_uri()}">'
        f'<newsItem xmlns="{NAR}" guid="g"><itemMeta>{TEXT_CLASS}</itemMeta>'
        "<contentMeta><headline>A &secret; B</headline></contentMeta></newsItem>"
    ).encode()
    (item,) = parse(data).items
    assert "LEAKED" not in item.headline


def test_the_listener_would_see_a_connection():
    """The probe above can fail: a real fetch of the same URL is seen by the listener."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(2)
    with socket.create_connection(listener.getsockname(), timeout=2):
        conn, _ = listener.accept()
        conn.close()
    listener.close()


ITEM_FAILURES = {
    "missing guid": (
        f'<newsItem xmlns="{NAR}"><itemMeta>{TEXT_CLASS}</itemMeta></newsItem>'.encode(),
        "no guid",
    ),
    "empty guid": (
        f'<newsItem xmlns="{NAR}" guid="  "><itemMeta>{TEXT_CLASS}</itemMeta></newsItem>'.encode(),
        "no guid",
    ),
    "unknown item class": (item_xml('<itemClass qcode="ninat:hologram"/>'), "unknown item class"),
    "unknown class scheme": (item_xml('<itemClass qcode="foo:text"/>'), "unknown item class"),
    "no item class": (item_xml(""), "no itemClass"),
    "unknown pubstatus": (
        item_xml('<itemClass qcode="ninat:text"/><pubStatus qcode="stat:maybe"/>'),
        "unknown pubStatus",
    ),
    "unreadable embargo": (
        item_xml('<itemClass qcode="ninat:text"/><embargoed>next Monday</embargoed>'),
        "embargo cannot be read",
    ),
}


@pytest.mark.parametrize("case", ITEM_FAILURES, ids=str)
def test_a_bad_item_is_an_item_failure(case):
    data, reason = ITEM_FAILURES[case]
    result = parse(data)
    assert result.items == ()
    (failure,) = result.failures
    assert reason in failure.reason


def test_a_bad_item_in_a_message_does_not_stop_the_others():
    data = (
        f'<newsMessage xmlns="{NAR}"><itemSet>'
        '<newsItem guid="a"><itemMeta><itemClass qcode="ninat:hologram"/></itemMeta></newsItem>'
        '<newsItem><itemMeta><itemClass qcode="ninat:text"/></itemMeta></newsItem>'
        '<newsItem guid="c"><itemMeta><itemClass qcode="ninat:text"/></itemMeta></newsItem>'
        "</itemSet></newsMessage>"
    ).encode()
    result = parse(data)
    assert [i.item_id for i in result.items] == ["c"]
    assert [(f.item_id, f.reason.split(" ")[0]) for f in result.failures] == [
        ("a", "unknown"),
        ("", "newsItem"),
    ]


def test_an_empty_message_warns():
    result = parse(f'<newsMessage xmlns="{NAR}"><itemSet/></newsMessage>'.encode())
    assert result.items == () and result.warnings == ("the file holds no items",)


def test_bad_dates_and_urgency_are_warnings_not_failures():
    data = item_xml(
        '<itemClass qcode="ninat:text"/><versionCreated>yesterday</versionCreated>',
        "<contentMeta><urgency>high</urgency></contentMeta>",
    )
    (item,) = parse(data).items
    assert item.version_created is None and item.urgency is None
    assert len(item.warnings) == 2


def test_script_in_a_body_stays_as_sent_for_the_ingest_to_sanitise():
    data = item_xml(
        rest=f'<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="{XHTML}">'
        '<body><p onclick="x()">Hi</p><script>alert(1)</script></body></html>'
        "</inlineXML></contentSet>"
    )
    (item,) = parse(data).items
    assert item.body_html == '<p onclick="x()">Hi</p><script>alert(1)</script>'


def test_packages_are_other_items_and_one_without_guid_is_only_a_warning():
    data = (
        f'<newsMessage xmlns="{NAR}"><itemSet>'
        '<packageItem><itemRef residref="x"/></packageItem>'
        '<packageItem guid="pkg" version="2"><itemMeta><itemClass qcode="ninat:composite"/>'
        "</itemMeta></packageItem>"
        "</itemSet></newsMessage>"
    ).encode()
    result = parse(data)
    assert [(i.item_id, i.kind, i.version) for i in result.items] == [("pkg", ItemKind.OTHER, "2")]
    assert result.failures == ()
    assert result.warnings == ("a packageItem without a guid was skipped",)
