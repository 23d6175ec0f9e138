"""The RSS/Atom parser: samples written for the project, the shared real feeds, bad input."""

import contextlib
import socket
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.conf import settings

from warta.wire.items import ItemFailure, ItemKind, PubStatus, WireFormatError
from warta.wire.parsers import rss
from warta.wire.parsers.rss_dates import parse_feed_date

pytestmark = pytest.mark.database_free  # conftest: run once, on SQLite

SAMPLES = Path(__file__).parent / "samples" / "rss"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "wire-samples" / "rss"
JAKARTA = ZoneInfo("Asia/Jakarta")
WIB = timezone(timedelta(hours=7))


def parse(data: bytes):
    return rss.parse(data, default_zone=JAKARTA)


def sample(name: str):
    return parse((SAMPLES / name).read_bytes())


def feed(items: str, *, head: str = "", channel: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" {head}>'
        f"<channel><title>T</title>{channel}{items}</channel></rss>"
    ).encode()


# --- the project's own samples ---------------------------------------------------------------


def test_rss_item_maps_headline_body_dek_byline_subjects_language_and_picture():
    result = sample("kabar-nusantara-id.rss")
    first = result.items[0]
    assert first.item_id == "kabar-2026-0108-001"
    assert first.version == ""
    assert first.kind is ItemKind.TEXT
    assert first.pub_status is PubStatus.USABLE
    assert first.headline == "Banjir rob di pesisir utara Jakarta surut"
    assert first.dek == "Air laut pasang yang merendam Muara Baru sejak Rabu mulai surut."
    assert first.body_html.startswith("<p>Warga Muara Baru, termasuk Tan Wei (陈伟) dan Zoë Martín")
    assert first.byline == "Redaksi"
    assert [s.code for s in first.subjects] == ["Nasional", "Cuaca"]
    assert first.language == "id"
    assert first.copyright == "© 2026 Kabar Nusantara"
    assert first.editor_notes == ()
    (picture,) = first.pictures
    assert picture.item_id == "https://kabar.example/img/rob-800.jpg"
    assert picture.caption == "Seorang warga menyapu lumpur dari teras rumahnya."
    assert picture.credit == "Tim Biro Semarang/Kabar"
    assert [(r.name, r.href, r.width, r.height) for r in picture.renditions] == [
        ("original", "https://kabar.example/img/rob-800.jpg", 800, 533),
        ("thumbnail", "https://kabar.example/img/rob-160.jpg", 160, 107),
    ]


def test_media_title_and_description_before_the_title_never_become_headline_or_dek():
    result = parse(
        feed(
            '<item><guid>a</guid><media:content url="https://x/p.jpg" medium="image">'
            "<media:title>Caption title</media:title>"
            "<media:description>Caption text</media:description>"
            "</media:content><title>The headline</title><description>The dek</description>"
            "<content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded></item>",
            head='xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        )
    )
    (item,) = result.items
    assert (item.headline, item.dek, item.body_html) == ("The headline", "The dek", "<p>Body</p>")
    assert item.pictures[0].caption == "Caption text"


def test_bahasa_indonesia_dates_keep_their_offset():
    first, second, _ = sample("kabar-nusantara-id.rss").items
    assert first.first_created == datetime(2026, 1, 8, 15, 9, tzinfo=WIB)
    assert first.first_created.utcoffset() == timedelta(hours=7)
    assert second.first_created == datetime(2026, 8, 3, 7, 30, tzinfo=WIB)
    assert second.first_created.utcoffset() == timedelta(hours=7)


def test_description_without_content_is_the_body_and_the_dek_stays_empty():
    second = sample("kabar-nusantara-id.rss").items[1]
    assert (
        second.body_html
        == "<p>Harga cabai rawit di pasar induk naik menjadi Rp80.000 per kilogram.</p>"
    )
    assert second.dek == ""


def test_item_without_guid_is_keyed_by_its_link_and_an_image_enclosure_is_a_picture():
    second = sample("kabar-nusantara-id.rss").items[1]
    assert second.item_id == "https://kabar.example/2026/08/03/harga-cabai"
    (picture,) = second.pictures
    assert picture.renditions[0].href == "https://kabar.example/img/cabai.jpg"
    assert picture.renditions[0].content_type == "image/jpeg"


def test_date_without_zone_is_read_in_the_default_zone_with_a_warning():
    third = sample("kabar-nusantara-id.rss").items[2]
    assert third.first_created == datetime(2026, 12, 1, 9, 0, tzinfo=JAKARTA)
    assert third.first_created.utcoffset() == timedelta(hours=7)
    # One warning for the one date sent (feedparser's "updated" alias of pubDate is no date).
    (warning,) = third.warnings
    assert "no time zone" in warning and "Asia/Jakarta" in warning


def test_atom_entry_maps_content_summary_authors_category_and_updated_as_version_time():
    first, second = sample("lumen-wire.atom").items
    assert first.item_id == "urn:lumen-wire:story:4411"
    assert first.body_html == "<p>The port authority said the cranes were inspected overnight.</p>"
    assert first.dek == "All six cranes at the north quay are working again."
    assert first.byline == "Mara Olsen, Jonas Berg"
    assert [(s.code, s.name, s.kind) for s in first.subjects] == [("econ", "Economy", "category")]
    assert first.language == "en"
    assert first.copyright == "(c) 2026 Lumen Wire"
    plus_two = timezone(timedelta(hours=2))
    assert first.first_created == datetime(2026, 3, 2, 8, 0, tzinfo=plus_two)
    assert first.version_created == datetime(2026, 3, 2, 10, 15, tzinfo=plus_two)
    assert first.version_created.utcoffset() == timedelta(hours=2)
    assert second.version_created == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_later_edit_of_the_same_entry_has_a_newer_version_time():
    def entry(updated: str) -> bytes:
        return (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>f</id>'
            f"<entry><id>e1</id><title>T</title><updated>{updated}</updated></entry></feed>"
        ).encode()

    first = parse(entry("2026-03-02T10:00:00+02:00")).items[0]
    edit = parse(entry("2026-03-02T10:30:00+02:00")).items[0]
    assert first.item_id == edit.item_id
    assert edit.version_created > first.version_created


def test_plain_text_atom_content_is_escaped_into_paragraphs():
    second = sample("lumen-wire.atom").items[1]
    assert second.body_html == (
        "<p>The winter timetable starts on 1 November.</p>"
        "<p>Tickets &lt;go on sale&gt; on Monday.</p>"
    )


def test_bom_crlf_and_non_breaking_spaces_are_kept_and_colon_offsets_accepted():
    result = sample("bom-crlf.rss")
    (item,) = result.items
    assert item.headline == "Café\u00a0noir"
    assert item.body_html == "Una \u00a0historia"
    assert item.first_created == datetime(2026, 1, 5, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    assert item.warnings == ()


def test_declared_latin1_is_read_with_portuguese_dates():
    (item,) = sample("latin1-declared.rss").items
    assert item.headline == "São Paulo: ação"
    assert item.first_created == datetime(2026, 10, 8, 10, 0, tzinfo=timezone(timedelta(hours=-3)))


def test_undeclared_windows_1252_is_read_as_windows_1252_with_a_warning():
    result = sample("windows1252-undeclared.rss")
    (item,) = result.items
    assert item.headline == "José \u201cquoted\u201d"
    assert any("windows-1252" in warning for warning in result.warnings)


def test_html_entities_xml_does_not_define_are_read_leniently_with_a_warning():
    result = parse(feed("<item><guid>a</guid><title>A&nbsp;B</title></item>"))
    assert result.items[0].headline == "A\u00a0B"
    assert any("read leniently" in warning for warning in result.warnings)


def test_undeclared_namespace_prefix_is_read_leniently():
    data = (
        b'<rss version="2.0"><channel><title>T</title><item><guid>a</guid><title>A</title>'
        b"<dc:creator>Ani</dc:creator></item></channel></rss>"
    )
    result = parse(data)
    assert result.items[0].headline == "A"
    assert result.warnings


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamis, 08 Jan 2026 15:09:00 +0700", datetime(2026, 1, 8, 15, 9, tzinfo=WIB)),
        ("Selasa, 3 Agustus 2026 15:09:00 +0700", datetime(2026, 8, 3, 15, 9, tzinfo=WIB)),
        ("Jumat, 22 Mei 2026 10:00:00 +0700", datetime(2026, 5, 22, 10, 0, tzinfo=WIB)),
        ("Rabu, 16 Ags 2026 10:00:00 +0700", datetime(2026, 8, 16, 10, 0, tzinfo=WIB)),
        ("Minggu, 4 Okt 2026 10:00:00 +0700", datetime(2026, 10, 4, 10, 0, tzinfo=WIB)),
        ("Sabtu, 26 Des 2026 10:00:00 +0700", datetime(2026, 12, 26, 10, 0, tzinfo=WIB)),
        ("Senin, 2 Februari 2026 10:00 WIB", datetime(2026, 2, 2, 10, 0, tzinfo=WIB)),
        (
            "Seg, 24 Set 2018 19:42:40 -0300",
            datetime(2018, 9, 24, 19, 42, 40, tzinfo=timezone(timedelta(hours=-3))),
        ),
        (
            "Thu, 08 Jan 2026 15:09:00 +02:00",
            datetime(2026, 1, 8, 15, 9, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("Thu, 08 Jan 2026 08:09:00 GMT", datetime(2026, 1, 8, 8, 9, tzinfo=UTC)),
        ("Thu, 08 Jan 2026 08:09:00 -0000", datetime(2026, 1, 8, 8, 9, tzinfo=UTC)),
        ("2026-01-08T15:09:00+07:00", datetime(2026, 1, 8, 15, 9, tzinfo=WIB)),
        ("2026-01-08T08:09:00Z", datetime(2026, 1, 8, 8, 9, tzinfo=UTC)),
    ],
)
def test_feed_dates_are_read_with_their_offset(text, expected):
    date = parse_feed_date(text, default_zone=JAKARTA)
    assert date.value == expected
    assert date.value.utcoffset() == expected.utcoffset()
    assert not date.zone_assumed


@pytest.mark.parametrize(
    "text", ["Kamis, 08 Jan 2026 15:09:00", "2026-01-08T15:09:00", "2026-01-08"]
)
def test_feed_dates_without_zone_are_read_in_the_default_zone(text):
    date = parse_feed_date(text, default_zone=JAKARTA)
    assert date.zone_assumed
    assert date.value.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    "text", ["Next Monday", "32 Jan 2026 10:00 +0700", "", "Thu, 08 Jan 2026 10:00 +9900"]
)
def test_text_that_is_no_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_feed_date(text, default_zone=JAKARTA)


def test_an_unreadable_date_is_left_out_with_a_warning():
    (item,) = parse(feed("<item><guid>a</guid><pubDate>Next Monday</pubDate></item>")).items
    assert item.first_created is None
    assert any("Next Monday" in warning for warning in item.warnings)


# --- the shared real feeds -------------------------------------------------------------------

shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="the shared wire samples are not on this machine"
)


@shared
@pytest.mark.parametrize(
    "path", sorted(SHARED.glob("*")) if SHARED.is_dir() else [], ids=lambda p: p.name
)
def test_every_shared_feed_parses(path):
    result = parse(path.read_bytes())
    assert result.items
    assert result.failures == ()
    for item in result.items:
        assert item.item_id and item.headline
        assert item.version_created is None or item.version_created.tzinfo is not None


@shared
def test_shared_uol_feed_is_latin1_with_portuguese_dates():
    result = parse((SHARED / "uol-noticias-latin1-undeclared.rss").read_bytes())
    assert len(result.items) == 15
    first = result.items[0]
    assert (
        first.headline
        == "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"
    )
    assert first.item_id.startswith("https://noticias.uol.com.br/politica/eleicoes/2018/")
    assert first.first_created == datetime(
        2018, 9, 24, 19, 42, 40, tzinfo=timezone(timedelta(hours=-3))
    )
    assert any("windows-1252" in warning for warning in result.warnings)


@shared
def test_shared_jornal_de_noticias_feed_declares_latin1():
    result = parse((SHARED / "jornal-de-noticias-iso-8859-1-crlf.rss").read_bytes())
    assert len(result.items) == 40
    assert result.items[0].headline == "Mãe de utente é a nova presidente da Raríssimas"
    assert result.items[0].language == "pt-pt"
    assert result.items[0].first_created == datetime(2018, 1, 3, 13, 47, tzinfo=UTC)


@shared
def test_shared_wenn_and_heise_atom_feeds():
    wenn = parse((SHARED / "wenn-agency-atom-custom-ns.xml").read_bytes())
    assert [item.item_id for item in wenn.items] == [
        "urn:feed-wenn-com:newsfeedarticle:2:2222:1",
        "urn:feed-wenn-com:newsfeedarticle:2:2222:3",
    ]
    assert wenn.items[0].headline == "Suge Knight involved in fatal hit and run incident"
    assert wenn.items[0].dek == ""
    heise = parse((SHARED / "heise-developer.atom").read_bytes())
    assert len(heise.items) == 15
    assert heise.items[0].item_id == "http://heise.de/-3088438"
    assert heise.items[0].version_created == datetime(
        2016, 2, 1, 17, 54, 50, tzinfo=timezone(timedelta(hours=1))
    )


# --- bad input -------------------------------------------------------------------------------

XXE_SECRET = "warta-xxe-secret-5f1c"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(XXE_SECRET)
    return path


def xxe_feed(secret_file: Path, *, one_line: bool = False) -> bytes:
    separator = "" if one_line else "\n"
    return (
        f'<?xml version="1.0"?>{separator}<!DOCTYPE rss [{separator}'
        f'<!ENTITY xxe SYSTEM "file://{secret_file}">{separator}]>{separator}'
        '<rss version="2.0"><channel><title>T</title>'
        "<item><guid>a</guid><title>&xxe;</title><description>&xxe;</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("one_line", [False, True])
def test_feedparser_itself_does_not_read_external_entities(secret_file, one_line):
    result = feedparser.parse(xxe_feed(secret_file, one_line=one_line), sanitize_html=False)
    assert XXE_SECRET not in repr(result)


@pytest.mark.parametrize("one_line", [False, True])
def test_external_entities_are_refused(secret_file, one_line):
    with pytest.raises(WireFormatError) as refused:
        parse(xxe_feed(secret_file, one_line=one_line))
    assert str(refused.value) == rss.ENTITIES_REFUSED
    assert XXE_SECRET not in str(refused.value)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>T</title>'
    + "<item><guid>a</guid><title>&lol9;</title></item></channel></rss>"
).encode()

TRUNCATED = feed("<item><guid>a</guid><title>A</title></item><item><guid>b</guid><title>B</title>")[
    :-30
]
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hello</p></body></html>"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", rss.EMPTY),
        (b"   \r\n\t ", rss.EMPTY),
        (HTML_PAGE, rss.NOT_A_FEED),
        (b'{"items": [{"title": "x"}]}', rss.NOT_A_FEED),
        (b"[" * 100_000 + b"]" * 100_000, rss.NOT_A_FEED),
        (b"just some text", rss.NOT_A_FEED),
        (b"<?xml version='1.0'?><note><to>x</to></note>", rss.NOT_A_FEED),
        (b"\x00\xff\xfe garbage \x00\x01", rss.NOT_A_FEED),
        (BILLION_LAUGHS, rss.ENTITIES_REFUSED),
        (
            '<!DOCTYPE rss [<!ENTITY x "y">]><rss version="2.0"><channel/></rss>'.encode("utf-16"),
            rss.ENTITIES_REFUSED,
        ),
        (
            b'<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd"><!ENTITY % p SYSTEM "x"><rss/>',
            rss.ENTITIES_REFUSED,
        ),
        (TRUNCATED, "not well-formed"),
        (feed("<item><guid>a</guid><title>A</title></itm>"), "not well-formed"),
        (feed("<item><guid>a</guid><title>A & B</title></item>"), "not well-formed"),
        (
            feed("<item><guid>a</guid><title>caf\xe9</title></item>").replace(
                b"utf-8", b"us-ascii"
            )[:-3],
            "not well-formed",
        ),
        (feed("<item><guid>a</guid><title>A&nbsp;B</title></item>")[:-20], "not well-formed"),
        (
            b"<rss version='2.0'><channel><title>T</title><item><title>A</title>" * 3,
            "not well-formed",
        ),
    ],
)
def test_bad_documents_give_a_clear_reason_fast(data, reason):
    started = time.monotonic()
    with pytest.raises(WireFormatError) as refused:
        parse(data)
    assert reason in str(refused.value)
    assert time.monotonic() - started < 5


def test_a_feed_over_20_mb_is_refused_before_parsing():
    body = "<p>" + "x" * (30 * 1024 * 1024) + "</p>"
    data = feed(f"<item><guid>a</guid><description><![CDATA[{body}]]></description></item>")
    started = time.monotonic()
    with pytest.raises(WireFormatError, match="20 MB"):
        parse(data)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "not_bytes",
    ["https://example.com/feed.xml", "/etc/passwd", bytearray(b"<rss/>"), None],
)
def test_only_bytes_are_parsed_never_a_url_or_path(not_bytes):
    with pytest.raises(TypeError):
        rss.parse(not_bytes, default_zone=JAKARTA)


def test_entry_without_id_or_link_is_an_item_failure_and_the_others_land():
    result = parse(
        feed(
            "<item><title>No id</title><description>x</description></item>"
            "<item><guid>ok</guid><title>Ok</title></item>"
        )
    )
    assert result.failures == (ItemFailure(item_id="", reason=rss.NO_ID),)
    assert [item.item_id for item in result.items] == ["ok"]


def test_ten_thousand_empty_items_fail_one_by_one_fast():
    started = time.monotonic()
    result = parse(feed("<item></item>" * 10_000))
    assert len(result.failures) == 10_000
    assert result.items == ()
    assert time.monotonic() - started < 5


def test_script_and_event_handlers_stay_in_the_body_for_the_ingest_to_sanitise():
    result = parse(
        feed(
            "<item><guid>a</guid><title>T</title>"
            '<description><![CDATA[<p onclick="alert(1)">Hi</p><script>alert(2)</script>]]>'
            "</description></item>"
        )
    )
    # The parser keeps the body as sent (nh3 cleans it at ingest); it never lands in the headline.
    assert result.items[0].body_html == '<p onclick="alert(1)">Hi</p><script>alert(2)</script>'
    assert result.items[0].headline == "T"


def test_whitespace_around_values_is_stripped_inside_kept():
    result = parse(
        feed("<item><guid>  g-1 \n</guid><title>\n  Dua  spasi\u00a0di sini \t</title></item>")
    )
    assert result.items[0].item_id == "g-1"
    assert result.items[0].headline == "Dua  spasi\u00a0di sini"


def test_a_duplicate_guid_is_refused_and_the_first_is_taken():
    result = parse(
        feed(
            "<item><guid>d</guid><title>One</title></item><item><guid>d</guid><title>Two</title></item>"
        )
    )
    assert [item.headline for item in result.items] == ["One"]
    assert [(f.item_id, f.reason) for f in result.failures] == [
        ("d", "the same guid appears twice in the feed")
    ]


def test_a_feed_without_items_says_so():
    assert parse(feed("")).warnings == ("the feed holds no items",)


def test_media_thumbnail_alone_is_the_picture_and_non_image_media_is_not():
    result = parse(
        feed(
            '<item><guid>a</guid><media:thumbnail url="https://x/t.jpg" width="wide"/>'
            '<media:content url="https://x/v.mp4" type="video/mp4"/>'
            '<enclosure url="https://x/a.mp3" type="audio/mpeg" length="1"/></item>'
        )
    )
    (picture,) = result.items[0].pictures
    assert picture.item_id == "https://x/t.jpg"
    assert picture.renditions[0].width is None


@pytest.fixture
def listener():
    """A TCP listener on this machine that counts every connection made to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections: list[object] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            connections.append(connection)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", connections
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE rss SYSTEM "{url}/evil.dtd">',
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "{url}/rss-0.91.dtd">',
        '<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>',
    ],
)
def test_remote_dtds_and_stylesheets_are_never_fetched(listener, prolog):
    url, connections = listener
    data = (
        '<?xml version="1.0"?>'
        + prolog.format(url=url)
        + '<rss version="0.91"><channel><title>T</title>'
        "<item><guid>a</guid><title>A &remote; B</title></item></channel></rss>"
    ).encode()
    started = time.monotonic()
    with contextlib.suppress(WireFormatError):
        parse(data)
    time.sleep(0.3)  # the listener would have seen a connection by now
    assert connections == []
    assert time.monotonic() - started < 5


def test_invalid_utf8_in_a_utf8_feed_is_read_as_windows_1252_with_a_warning():
    result = parse(
        feed("<item><guid>a</guid><title>X</title></item>").replace(
            b"<title>X", b"<title>Caf\xe9 \x80"
        )
    )
    assert result.items[0].headline == "Café €"
    assert any("windows-1252" in warning for warning in result.warnings)


def test_empty_guid_and_link_are_no_id():
    result = parse(feed("<item><guid> </guid><link>\n</link><title>T</title></item>"))
    assert result.failures == (ItemFailure(item_id="", reason=rss.NO_ID),)


def test_a_channel_without_items_is_an_empty_result():
    result = parse(feed(""))
    assert (result.items, result.failures) == ((), ())


def test_rss_1_0_rdf_feeds_are_read():
    data = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b'<channel rdf:about="https://x/"><title>T</title><link>https://x/</link></channel>'
        b'<item rdf:about="https://x/1"><title>One</title><link>https://x/1</link>'
        b"<dc:date>2026-01-08T15:09:00+07:00</dc:date><dc:language>id</dc:language></item></rdf:RDF>"
    )
    (item,) = parse(data).items
    assert item.item_id == "https://x/1"
    assert item.language == "id"
    assert item.first_created == datetime(2026, 1, 8, 15, 9, tzinfo=WIB)


@pytest.mark.parametrize(
    "title",
    ["nul\x00byte", "control\x01char", "<b>unclosed", "]]>"],
)
def test_characters_xml_forbids_make_the_feed_not_well_formed(title):
    data = feed("<item><guid>a</guid><title>TITLE</title></item>").replace(b"TITLE", title.encode())
    with pytest.raises(WireFormatError, match="not well-formed"):
        parse(data)


def test_deeply_nested_markup_is_refused_or_read_fast():
    deep = "<div>" * 100_000 + "</div>" * 100_000
    data = feed(f"<item><guid>a</guid><title>T</title><description>{deep}</description></item>")
    started = time.monotonic()
    try:
        result = parse(data)
    except WireFormatError:
        pass
    else:
        assert result.items[0].item_id == "a"
    assert time.monotonic() - started < 5


def test_the_listener_sees_a_connection_when_one_is_made(listener):
    url, connections = listener
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=2):
        pass
    time.sleep(0.3)
    assert len(connections) == 1


def test_content_without_description_leaves_the_dek_empty_not_a_copy_of_the_body():
    data = feed(
        "<item><guid>a</guid><content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item>",
        head='xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    )
    (item,) = parse(data).items
    assert (item.dek, item.body_html) == ("", "<p>Body</p>")
