"""The ninjs parser: samples written for the project, the shared real files, IPTC's schemas,
and bad input."""

import json
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from django.conf import settings
from referencing import Registry, Resource

from warta.wire.items import ItemKind, PubStatus, WireFormatError
from warta.wire.parsers import ninjs

pytestmark = pytest.mark.database_free  # conftest: run once, on SQLite

SAMPLES = Path(__file__).parent / "samples" / "ninjs"
SHARED_ROOT = Path(settings.BASE_DIR).parent / "shared"
SHARED = SHARED_ROOT / "wire-samples" / "ninjs"
SCHEMAS = SHARED_ROOT / "ninjs-schemas"
JAKARTA = ZoneInfo("Asia/Jakarta")
WIB = timezone(timedelta(hours=7))
NBSP = "\u00a0"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared wire samples not present")
needs_schemas = pytest.mark.skipif(not SCHEMAS.is_dir(), reason="ninjs schemas not present")


def parse(data: bytes):
    return ninjs.parse(data, default_zone=JAKARTA)


def parse_obj(obj: Any):
    return parse(json.dumps(obj, ensure_ascii=False).encode())


def sample(name: str):
    return parse((SAMPLES / name).read_bytes())


def only_item(result):
    assert result.failures == ()
    assert len(result.items) == 1
    return result.items[0]


# --- samples written for the project ---------------------------------------------------------


def test_v1_text_reads_headline_body_dek_and_byline_without_by():
    item = only_item(sample("v1-text-with-picture-id.json"))

    assert item.item_id == "urn:warta-test:ninjs:banjir-semarang"
    assert item.version == "1"
    assert item.kind is ItemKind.TEXT
    assert item.pub_status is PubStatus.USABLE
    assert item.headline == "Banjir rob genangi pesisir Semarang"
    assert item.dek == f"Air pasang setinggi 40{NBSP}cm merendam tiga kelurahan."
    assert "Yayasan 陈氏" in item.body_html
    assert item.byline == "Tim Biro Semarang"
    assert item.dateline == "SEMARANG"
    assert item.language == "id"
    assert item.urgency == 3
    assert item.first_created == datetime(2026, 11, 30, 6, 10, tzinfo=WIB)
    assert item.first_created.utcoffset() == timedelta(hours=7)
    assert item.copyright == "(c) 2026 Kantor Berita Uji"
    assert item.usage_terms == "Editorial use only"
    assert ("medtop:20000148", "Bencana", "subject") in [
        (s.code, s.name, s.kind) for s in item.subjects
    ]
    assert item.warnings == ()


def test_editor_notes_go_to_editor_notes_never_to_public_text():
    item = only_item(sample("v1-text-with-picture-id.json"))

    assert item.editor_notes[0].startswith("Angka korban belum dikonfirmasi")
    assert any("diburamkan" in note for note in item.editor_notes)  # the picture's own note
    public = item.headline + item.dek + item.body_html + "".join(p.caption for p in item.pictures)
    assert "dikonfirmasi" not in public
    assert "diburamkan" not in public


def test_v1_picture_association_keeps_uri_renditions_caption_credit_and_copyright():
    item = only_item(sample("v1-text-with-picture-id.json"))

    (picture,) = item.pictures
    assert picture.item_id == "urn:warta-test:ninjs:foto-rob-1"
    assert [(r.name, r.width, r.height, r.content_type) for r in picture.renditions] == [
        ("original", 3000, 2000, "image/jpeg"),
        ("thumb", 300, 200, "image/jpeg"),
    ]
    assert picture.caption.startswith("Warga menuntun sepeda motor")
    assert picture.photographer == "Biro Foto Semarang"
    assert picture.credit == "Kantor Berita Uji"
    assert picture.copyright == "(c) 2026 Kantor Berita Uji"
    assert picture.usage_terms == "No archive"


def test_v2_update_reads_main_headline_html_body_and_named_association():
    item = only_item(sample("v2-text-update.json"))

    assert item.version == "2"
    assert item.headline == "Banjir rob: 1.200 warga Semarang mengungsi"
    assert item.body_html == "<p>BPBD mencatat 1.200 pengungsi.</p><p>Dapur umum dibuka.</p>"
    assert item.dek == "BPBD mencatat 1.200 pengungsi di tujuh titik."
    assert item.editor_notes == ("UPDATE: menambahkan jumlah pengungsi dari BPBD.",)
    assert item.credit == "Kantor Berita Uji"
    (picture,) = item.pictures
    assert picture.item_id == "urn:warta-test:ninjs:foto-rob-1"  # the same image as in v1
    assert picture.caption == "Warga menuntun sepeda motor melewati genangan."
    assert picture.credit == "Biro Foto Semarang/KBU"


def test_v3_picture_item_is_a_picture_with_its_own_renditions():
    item = only_item(sample("v3-picture.json"))

    assert item.kind is ItemKind.PICTURE
    (picture,) = item.pictures
    assert picture.item_id == item.item_id == "urn:warta-test:ninjs:foto-rob-1"
    assert [r.href for r in picture.renditions] == [
        "https://media.example.com/rob-1.jpg",
        "https://media.example.com/rob-1-t.jpg",
    ]
    assert picture.credit == "Biro Foto Semarang/KBU"
    assert picture.caption == "Warga menuntun sepeda motor melewati genangan."
    assert item.editor_notes == ("Wajah anak di latar belakang harus diburamkan.",)
    assert item.usage_terms == "No archive"


def test_v3_embargo_is_aware_and_keeps_its_offset():
    item = only_item(sample("v3-embargoed.json"))

    assert item.embargoed_until == datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
    assert item.embargoed_until.utcoffset() == timedelta(hours=7)
    assert item.body_html == f"<p>Suku bunga acuan tetap 5,75{NBSP}persen.</p>"
    assert item.editor_notes == ("EMBARGO sampai pukul 14.00 WIB.",)


def test_kill_and_withhold_carry_their_status_and_the_agency_reason_for_editors():
    kill = only_item(sample("v3-kill.json"))
    withheld = only_item(sample("v2-withheld.json"))

    assert kill.pub_status is PubStatus.CANCELED
    assert kill.version == "3"
    assert kill.editor_notes[0].startswith("KILL: the figures came from an unverified source")
    assert withheld.pub_status is PubStatus.WITHHELD
    assert withheld.editor_notes[0].startswith("WITHHOLD")


def test_envelope_gives_every_item_with_dates_without_zone_warned():
    result = sample("envelope-three-items.json")

    assert result.failures == ()
    assert [i.item_id for i in result.items] == [
        "urn:warta-test:ninjs:env-1",
        "urn:warta-test:ninjs:env-2",
        "urn:warta-test:ninjs:env-3",
    ]
    first, second, video = result.items
    assert first.headline == "Café São Paulo reabre após reforma"
    assert first.body_html == "<p>A reabertura foi às 9h.</p><p>Houve fila.</p>"
    assert first.version_created == datetime(2026, 11, 28, 9, 0, tzinfo=JAKARTA)
    assert any("no time zone" in w and "Asia/Jakarta" in w for w in first.warnings)
    assert second.body_html == f"<p>Der Radweg ist 3{NBSP}km lang.</p>"
    assert second.version_created.utcoffset() == timedelta(hours=1)
    assert second.warnings == ()
    assert video.kind is ItemKind.OTHER


def test_items_envelope_key_item_is_read_too():
    result = parse_obj({"item": [{"uri": "a", "headline": "A"}, {"uri": "b", "headline": "B"}]})

    assert [i.headline for i in result.items] == ["A", "B"]


def test_plain_text_body_is_escaped_not_taken_as_html():
    item = only_item(parse_obj({"uri": "x", "body_text": "1 < 2 & <script>x</script>"}))

    assert item.body_html == "<p>1 &lt; 2 &amp; &lt;script&gt;x&lt;/script&gt;</p>"


def test_html_body_is_kept_as_sent_for_the_ingest_to_sanitise():
    html = '<p onclick="steal()">Hi<script>alert(1)</script></p>'

    item = only_item(parse_obj({"uri": "x", "body_html": html}))

    assert item.body_html == html


def test_same_picture_in_two_associations_is_listed_once():
    picture = {"uri": "pic-1", "type": "picture", "renditions": {"o": {"href": "https://e/1"}}}
    item = only_item(parse_obj({"uri": "x", "associations": {"a": picture, "b": picture}}))

    assert [p.item_id for p in item.pictures] == ["pic-1"]


# --- the shared real samples -----------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("path", sorted(SHARED.glob("*.json")), ids=lambda p: p.name)
def test_every_shared_sample_parses(path):
    result = parse(path.read_bytes())

    assert result.items or result.failures
    if path.name == "ninjs1.0-embargoed-free-text.json":
        # "Next Monday" is no date: the item is held back rather than published early.
        assert "not a date" in result.failures[0].reason
    else:
        assert result.failures == ()


@needs_shared
def test_shared_samples_known_values():
    tt2 = only_item(parse((SHARED / "ninjs2.1-tt-text-with-picture-sv.json").read_bytes()))
    tt3 = only_item(parse((SHARED / "ninjs3.0-tt-text-with-picture-sv.json").read_bytes()))
    ap = only_item(parse((SHARED / "ninjs3.0-ap-picture.json").read_bytes()))
    kill = only_item(parse((SHARED / "ninjs1.0-pubstatus-canceled.json").read_bytes()))
    superdesk = only_item(
        parse((SHARED / "superdesk-ninjs1-embargoed-featuremedia.json").read_bytes())
    )
    bbc = only_item(parse((SHARED / "bbc-ninjs-api-envelope.json").read_bytes()))
    zh = only_item(parse((SHARED / "ninjs1.4-businesswire-text-zh.json").read_bytes()))

    # The same TT story in 2.1 and 3.0 reads the same.
    assert tt2.item_id == tt3.item_id == "http://tt.se/media/text/210526-militarovning-a0f2d045"
    assert tt2.headline == tt3.headline == "Militärövning i jätteformat hålls 2023"
    assert tt2.version_created == tt3.version_created
    assert tt2.pictures == tt3.pictures
    assert tt2.pictures[0].item_id == "http://tt.se/media/image/sdlk2sirkPaauM"
    assert len(tt2.pictures[0].renditions) == 4
    assert ap.kind is ItemKind.PICTURE
    assert ap.version == "0"
    assert ap.editor_notes == ("TURKEY OUT  NOV. 11, 2019 FILE PHOTO",)
    assert ap.pictures[0].credit == "ASSOCIATED PRESS"
    assert kill.pub_status is PubStatus.CANCELED
    assert superdesk.item_id == "fd8e441b-a698-4411-9246-7d5de21cced9"
    assert superdesk.embargoed_until == datetime(2022, 6, 29, 2, 30, tzinfo=UTC)
    assert superdesk.pictures[0].item_id == "ae041266-2700-4c52-94fe-a46ebca0d3a9"
    assert bbc.item_id == "https://example.com/56789"
    assert bbc.pictures[0].renditions[0].width == 172
    assert any("no time zone" in w for w in bbc.warnings)
    assert zh.language == "zh"
    assert zh.headline == "Cambrios被Gartner評選為「最酷供應商」"


# --- the parser's checks agree with IPTC's schemas -------------------------------------------


def _no_network(uri: str) -> Resource:
    # The schemas refer to GeoJSON's schema online; tests never fetch: any place geometry goes.
    assert uri.startswith("https://geojson.org/"), uri
    return Resource.from_contents({"$schema": "https://json-schema.org/draft/2020-12/schema"})


def _schema_accepts(document: dict[str, Any], generation: int) -> bool:
    version = {1: "1.6", 2: "2.2", 3: "3.1"}[generation]
    schema = json.loads((SCHEMAS / f"ninjs-schema_{version}.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, registry=Registry(retrieve=_no_network))
    return validator.is_valid(document)


def _parser_accepts(document: dict[str, Any]) -> bool:
    result = parse_obj(document)
    return len(result.items) == 1 and result.failures == ()


PIC1 = {"uri": "p", "type": "picture", "renditions": {"o": {"href": "https://e/p.jpg"}}}
PIC2 = {"name": "main", "uri": "p", "type": "picture"}
CASES: list[tuple[int, str, dict[str, Any]]] = [
    # 1.x
    (1, "minimal", {"uri": "a"}),
    (1, "full text", {"uri": "a", "type": "text", "headline": "H", "body_html": "<p>b</p>"}),
    (1, "picture association", {"uri": "a", "associations": {"mainpic": PIC1}}),
    (1, "missing uri", {"headline": "H"}),
    (1, "uri a number", {"uri": 5}),
    (1, "bad pubstatus", {"uri": "a", "pubstatus": "killed"}),
    (1, "bad type", {"uri": "a", "type": "movie"}),
    (1, "version a number", {"uri": "a", "version": 2}),
    (1, "urgency a string", {"uri": "a", "urgency": "3"}),
    (1, "urgency true", {"uri": "a", "urgency": True}),
    (1, "headline an array", {"uri": "a", "headline": ["H"]}),
    (1, "body_html a number", {"uri": "a", "body_html": 5}),
    (1, "ednote an object", {"uri": "a", "ednote": {"x": 1}}),
    (1, "subject an object", {"uri": "a", "subject": {"name": "x"}}),
    (1, "association without uri", {"uri": "a", "associations": {"m": {"type": "picture"}}}),
    (
        1,
        "association bad status",
        {"uri": "a", "associations": {"m": {"uri": "p", "pubstatus": 1}}},
    ),
    (1, "rendition href a number", {"uri": "a", "renditions": {"o": {"href": 5}}}),
    (1, "rendition a string", {"uri": "a", "renditions": {"o": "https://e/p.jpg"}}),
    (1, "bad representationtype", {"uri": "a", "representationtype": "full"}),
    # 2.x
    (2, "minimal", {"uri": "a", "headlines": [{"value": "H"}]}),
    (
        2,
        "full",
        {
            "uri": "a",
            "type": "text",
            "headlines": [{"role": "main", "value": "H"}],
            "bodies": [{"contenttype": "text/html", "value": "<p>b</p>"}],
            "associations": [PIC2],
            "pubstatus": "withheld",
            "by": "Z",
        },
    ),
    (2, "headline without value", {"uri": "a", "headlines": [{"role": "main"}]}),
    (2, "headline value a number", {"uri": "a", "headlines": [{"value": 5}]}),
    (2, "headlines a string", {"uri": "a", "headlines": "H", "by": "Z"}),
    (2, "bodies an object", {"uri": "a", "bodies": {"value": "b"}, "by": "Z"}),
    (2, "missing uri", {"headlines": [{"value": "H"}]}),
    (2, "bad pubstatus", {"uri": "a", "by": "Z", "pubstatus": "deleted"}),
    (2, "association without name", {"uri": "a", "associations": [{"uri": "p"}], "by": "Z"}),
    (2, "association without uri", {"uri": "a", "associations": [{"name": "m"}], "by": "Z"}),
    (2, "rendition without name", {"uri": "a", "by": "Z", "renditions": [{"href": "h"}]}),
    (
        2,
        "rendition width a string",
        {"uri": "a", "by": "Z", "renditions": [{"name": "o", "width": "9"}]},
    ),
    (2, "by a number", {"uri": "a", "by": 5, "headlines": [{"value": "H"}]}),
    (2, "bad representationtype", {"uri": "a", "by": "Z", "representationtype": "complete"}),
    # 3.x
    (3, "minimal", {"uri": "a", "pubStatus": "usable"}),
    (
        3,
        "full",
        {
            "uri": "a",
            "type": "picture",
            "versionCreated": "2026-01-01T00:00:00Z",
            "edNote": "n",
            "altIds": [{"role": "r", "value": "v"}],
            "renditions": [
                {"name": "o", "href": "h", "contentType": "image/jpeg", "width": 10, "height": 20}
            ],
        },
    ),
    (3, "event type", {"uri": "a", "type": "event", "pubStatus": "usable"}),
    (3, "bad pubStatus", {"uri": "a", "pubStatus": "Usable"}),
    (3, "urgency not whole", {"uri": "a", "pubStatus": "usable", "urgency": 2.5}),
    (3, "urgency a string", {"uri": "a", "pubStatus": "usable", "urgency": "2"}),
    (3, "edNote an array", {"uri": "a", "edNote": ["n"]}),
    (3, "missing uri", {"pubStatus": "usable", "headlines": [{"value": "H"}]}),
    (3, "uri null", {"uri": None, "pubStatus": "usable"}),
    (3, "embargoedUntil a number", {"uri": "a", "embargoedUntil": 20260101}),
    (
        3,
        "rendition width not whole",
        {"uri": "a", "pubStatus": "usable", "renditions": [{"name": "o", "width": 1.5}]},
    ),
    (
        3,
        "association without name",
        {"uri": "a", "pubStatus": "usable", "associations": [{"uri": "p"}]},
    ),
    (3, "altIds an object", {"uri": "a", "altIds": {"x": "y"}}),
]


@needs_schemas
@pytest.mark.parametrize(
    ("generation", "document"),
    [(g, d) for g, _, d in CASES],
    ids=[f"{g}.x {name}" for g, name, _ in CASES],
)
def test_parser_accepts_exactly_what_the_schema_of_its_generation_accepts(generation, document):
    assert _parser_accepts(document) is _schema_accepts(document, generation)


@needs_schemas
def test_schema_cases_cover_both_outcomes_in_every_generation():
    for generation in (1, 2, 3):
        outcomes = {_schema_accepts(d, g) for g, _, d in CASES if g == generation}
        assert outcomes == {True, False}


@needs_schemas
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_project_samples_are_valid_ninjs_of_their_generation(path):
    loaded = json.loads(path.read_text(encoding="utf-8"))
    documents = loaded.get("items", [loaded])
    generation = int(path.name[1]) if path.name.startswith("v") else 1

    for document in documents:
        assert _schema_accepts(document, generation), document.get("uri")
        assert _parser_accepts(document)


def test_refused_item_names_the_rule_and_others_in_the_envelope_still_parse():
    result = parse_obj({"items": [{"uri": "good"}, {"uri": "bad", "pubstatus": "killed"}]})

    assert [i.item_id for i in result.items] == ["good"]
    (failure,) = result.failures
    assert failure.item_id == "bad"
    assert "'pubstatus' is 'killed'" in failure.reason


def test_dialects_the_schemas_refuse_are_taken_with_a_warning():
    # Superdesk's guid for uri; "story" for text; width sent as text (the BBC fixture).
    item = only_item(
        parse_obj(
            {
                "guid": "sd-1",
                "type": "story",
                "body_html": "<p>b</p>",
                "associations": [
                    {"type": "picture", "renditions": {"o": {"href": "h", "width": "172"}}}
                ],
            }
        )
    )

    assert item.item_id == "sd-1"
    assert item.kind is ItemKind.TEXT
    assert item.pictures[0].item_id == "h"
    assert item.pictures[0].renditions[0].width == 172
    assert len(item.warnings) >= 4


# --- bad input: each gives a clear reason, quickly -------------------------------------------


def _deep(depth: int) -> bytes:
    return b'{"uri": "a", "x": ' + b"[" * depth + b"]" * depth + b"}"


FILE_ERRORS: list[tuple[str, bytes, str]] = [
    ("empty file", b"", "not JSON"),
    ("whitespace only", b"   \n", "not JSON"),
    ("truncated", b'{"uri": "a", "headline": "Ban', "not JSON"),
    ("trailing garbage", b'{"uri": "a"} {"uri": "b"}', "not JSON"),
    ("invalid utf-8", b'{"uri": "a", "headline": "\xff\xfe"}', "not UTF-8"),
    ("latin-1 bytes", '{"uri": "a", "headline": "Café"}'.encode("latin-1"), "not UTF-8"),
    ("utf-16", '{"uri": "a"}'.encode("utf-16"), "not UTF-8"),
    ("100,000-deep nesting", _deep(100_000), "nested too deeply"),
    ("NaN", b'{"uri": "a", "urgency": NaN}', "not JSON"),
    ("Infinity", b'{"uri": "a", "urgency": Infinity}', "not JSON"),
    ("huge integer", b'{"uri": "a", "urgency": ' + b"9" * 5000 + b"}", "more than 100 digits"),
    ("duplicate uri key", b'{"uri": "a", "uri": "b"}', "appears twice"),
    ("a string", b'"hello"', "not a ninjs object"),
    ("a number", b"42", "not a ninjs object"),
    ("null", b"null", "not a ninjs object"),
    ("envelope not a list", b'{"items": {"uri": "a"}}', "not a ninjs object"),
    ("XML sent as ninjs", b'<?xml version="1.0"?><newsItem/>', "not JSON"),
    ("too many items", json.dumps({"items": [{}] * 10_001}).encode(), "more than 10000"),
    ("30 MB body", b'{"uri": "a", "body_html": "' + b"x" * (30 * 1024 * 1024) + b'"}', "bytes"),
]


@pytest.mark.parametrize(
    ("data", "expected"),
    [(d, e) for _, d, e in FILE_ERRORS],
    ids=[name for name, _, _ in FILE_ERRORS],
)
def test_unreadable_file_fails_whole_with_a_clear_reason_quickly(data, expected):
    started = time.monotonic()

    with pytest.raises(WireFormatError, match=expected):
        parse(data)

    assert time.monotonic() - started < 5


ITEM_ERRORS: list[tuple[str, Any, str]] = [
    ("missing uri", {"headline": "H"}, "missing 'uri'"),
    ("empty uri", {"uri": "  "}, "'uri' is empty"),
    ("uri a number", {"uri": 123}, "'uri' must be a string"),
    ("uri an object", {"uri": {"id": 1}}, "'uri' must be a string"),
    ("headline a number", {"uri": "a", "headline": 5}, "'headline' must be a string"),
    ("version a number", {"uri": "a", "version": 2}, "'version' must be a string"),
    ("pubstatus unknown", {"uri": "a", "pubstatus": "deleted"}, "'pubstatus' is 'deleted'"),
    ("pubStatus null", {"uri": "a", "pubStatus": None}, "'pubStatus' must be a string"),
    ("urgency a string", {"uri": "a", "urgency": "high"}, "'urgency' must be a number"),
    ("embargo not a date", {"uri": "a", "embargoed": "Next Monday"}, "not a date"),
    ("embargoedUntil not a date", {"uri": "a", "embargoedUntil": "soon"}, "not a date"),
    ("headlines without value", {"uri": "a", "headlines": [{}]}, "has no 'value'"),
    ("bodies of strings", {"uri": "a", "bodies": ["b"]}, "must be an object"),
    ("association a string", {"uri": "a", "associations": {"m": "pic"}}, "must be an object"),
    ("item not an object", ["not an object"], "not a JSON object"),
]


@pytest.mark.parametrize(
    ("document", "expected"),
    [(d, e) for _, d, e in ITEM_ERRORS],
    ids=[name for name, _, _ in ITEM_ERRORS],
)
def test_bad_item_is_refused_with_its_reason(document, expected):
    result = parse_obj({"items": document if isinstance(document, list) else [document]})

    assert result.items == ()
    (failure,) = result.failures
    assert expected in failure.reason


def test_the_same_uri_and_version_twice_in_one_envelope_refuses_the_second():
    result = parse_obj({"items": [{"uri": "a", "version": "1"}, {"uri": "a", "version": "1"}]})

    assert [i.version for i in result.items] == ["1"]
    assert "twice" in result.failures[0].reason


def test_a_story_and_its_next_version_in_one_envelope_are_both_read():
    result = parse_obj({"items": [{"uri": "a", "version": "1"}, {"uri": "a", "version": "2"}]})

    assert [i.version for i in result.items] == ["1", "2"] and not result.failures


def test_ten_thousand_empty_objects_fail_one_by_one_quickly():
    started = time.monotonic()

    result = parse(json.dumps({"items": [{}] * 10_000}).encode())

    assert result.items == ()
    assert len(result.failures) == 10_000
    assert all("missing 'uri'" in f.reason for f in result.failures)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "data",
    [
        b'{"uri": "a", "x": [' + b"{}," * 3_000_000 + b"{}]}",
        b'{"uri": "a", "x": [' + b'"",' * 3_000_000 + b'""]}',
    ],
    ids=["three million empty objects", "three million empty strings"],
)
def test_file_of_millions_of_tiny_values_is_refused_before_reading(data):
    started = time.monotonic()

    with pytest.raises(WireFormatError, match="too many to be a ninjs file"):
        parse(data)

    assert time.monotonic() - started < 5


def test_unreadable_other_dates_are_dropped_with_a_warning():
    item = only_item(parse_obj({"uri": "a", "versioncreated": "yesterday"}))

    assert item.version_created is None
    assert any("'versioncreated' 'yesterday' is not a date" in w for w in item.warnings)


def test_bom_is_accepted():
    item = only_item(parse(b'\xef\xbb\xbf{"uri": "a", "headline": "H"}'))

    assert item.headline == "H"


def test_size_limit_is_twenty_megabytes():
    assert ninjs.WIRE_MAX_BYTES == 20 * 1024 * 1024
