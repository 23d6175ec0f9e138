"""IPTC ninjs (News in JSON) 1.x, 2.x and 3.x: bytes in, typed items out.

A file holds one ninjs object, or an API envelope (``{"item": [...]}``, ``{"items": [...]}``,
or a bare JSON array) holding several. The generation is read from the keys: camelCase keys
(``pubStatus``, ``versionCreated``, ``embargoedUntil``, ``altIds``...) are 3.x; ``headlines``,
``bodies``, ``descriptions``, ``subjects``, ``by`` or arrays of associations or renditions are
2.x; anything else is 1.x (``headline``, ``body_html``, ``associations`` keyed by name).

Each item is checked against its generation's rules (``ninjs_rules.py``, after IPTC's schemas):
an item that breaks one is an ``ItemFailure`` with the reason, the others still parse. The file
fails whole (``WireFormatError``) when it is larger than ``WIRE_MAX_BYTES`` or holds more JSON
objects, arrays or values than ``MAX_CONTAINERS``/``MAX_COMMAS`` allow, not UTF-8, not JSON
(including nesting too deep to read, ``NaN``, duplicate keys), or not a ninjs object or envelope.

Agencies' dialects taken with a warning on the item (the schemas would refuse them): Superdesk's
``guid`` when there is no ``uri``, ``"type": "story"`` for text, numbers sent as strings for a
rendition's width and height, 1.x associations sent as an array, associations without a ``uri``
(keyed by their first rendition's href). An embargo that cannot be read as a date refuses the
item (publishing early is worse than not publishing); other unreadable dates are dropped with a
warning. Editors' notes (``ednote``/``edNote``, also an associated picture's) go to
``editor_notes`` only.
"""

import json
import re
from datetime import datetime, tzinfo
from html import escape
from typing import Any, Final

from warta.wire.items import (
    ItemFailure,
    ItemKind,
    ParseResult,
    Picture,
    PubStatus,
    Rendition,
    Subject,
    WireFormatError,
    WireItem,
)
from warta.wire.parsers.ninjs_rules import association_breaks, rule_breaks

WIRE_MAX_BYTES: Final = 20 * 1024 * 1024
MAX_ITEMS: Final = 10_000
# Upper bounds, counted on the bytes before reading, that keep a hostile file under ~300 MB of
# memory and a few seconds: JSON objects and arrays ("{" and "["), and values (",").
MAX_CONTAINERS: Final = 500_000
MAX_COMMAS: Final = 2_000_000

TOO_LARGE: Final = "the file is {size} bytes, more than the {limit} bytes a ninjs file may have"
NOT_UTF8: Final = "the file is not UTF-8 (invalid byte at position {position})"
NOT_JSON: Final = "the file is not JSON: {detail}"
TOO_DEEP: Final = "the file is not readable JSON: it is nested too deeply"
LONG_NUMBER: Final = "the file is not readable JSON: a number has more than {limit} digits"
MAX_DIGITS: Final = 100
# What JSON's escapes can make that is no text: control characters (NUL above all, which
# PostgreSQL refuses) and a lone half of a surrogate pair. Controls go; a lone half becomes
# U+FFFD, the replacement character.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The JSON escapes that may decode to one of those (a few that do not, too: then the values are
# looked at one by one). A file with none of them and none raw needs no look at its values.
_NOT_TEXT_ESCAPED = re.compile(
    r"\\(u00[01][0-9a-fA-F]|u007[fF]|u[dD][89a-fA-F][0-9a-fA-F]{2}|[bf])"
)
NOT_NINJS: Final = "the file is not a ninjs object or an envelope of ninjs items"
TOO_BUSY: Final = (
    "the file holds more than {limit} JSON {what}: too many to be a ninjs file or envelope"
)
TOO_MANY: Final = "the envelope holds {count} items, more than {limit}"

_CAMEL_KEYS: Final = frozenset(
    {
        "pubStatus",
        "versionCreated",
        "firstCreated",
        "contentCreated",
        "embargoedUntil",
        "altIds",
        "edNote",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "infoSources",
        "representationType",
        "trustIndicators",
        "rightsInfo",
        "digitalSourceType",
        "eventDetails",
        "plannedCoverage",
    }
)
_V2_KEYS: Final = frozenset(
    {"headlines", "bodies", "descriptions", "subjects", "people", "places", "organisations"}
    | {"genres", "infosources", "by", "trustindicators", "standard"}
)
_TEXT_DIALECT_TYPES: Final = frozenset({"story", "article"})
_HTML_TYPES: Final = ("text/html", "application/xhtml+xml")
_NOT_DEK_ROLES: Final = frozenset({"caption", "creditline", "credit", "alt", "alttext"})


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKeyError(key)
        obj[key] = value
    return obj


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse(data: bytes, *, default_zone: tzinfo) -> ParseResult:
    """Read one ninjs file (one object or an envelope of several)."""
    documents = _documents(_load(data))
    items: list[WireItem] = []
    failures: list[ItemFailure] = []
    seen: set[tuple[str, str]] = set()  # an update or a kill may follow its story in one file
    for index, document in enumerate(documents):
        outcome = _item(document, index=index, default_zone=default_zone)
        if isinstance(outcome, ItemFailure):
            failures.append(outcome)
        elif (outcome.item_id, outcome.version) in seen:
            failures.append(
                ItemFailure(outcome.item_id, "the same uri and version appear twice in the file")
            )
        else:
            seen.add((outcome.item_id, outcome.version))
            items.append(outcome)
    return ParseResult(items=tuple(items), failures=tuple(failures))


def _load(data: bytes) -> Any:
    if len(data) > WIRE_MAX_BYTES:
        raise WireFormatError(TOO_LARGE.format(size=len(data), limit=WIRE_MAX_BYTES))
    if data.count(b"{") + data.count(b"[") > MAX_CONTAINERS:
        raise WireFormatError(TOO_BUSY.format(limit=MAX_CONTAINERS, what="objects and arrays"))
    if data.count(b",") > MAX_COMMAS:
        raise WireFormatError(TOO_BUSY.format(limit=MAX_COMMAS, what="values"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WireFormatError(NOT_UTF8.format(position=error.start)) from None
    try:
        loaded = json.loads(
            text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant, parse_int=_int
        )
        if _NOT_TEXT.search(text) is None and _NOT_TEXT_ESCAPED.search(text) is None:
            return loaded
        return _text_only(loaded)
    except _LongNumberError:
        raise WireFormatError(LONG_NUMBER.format(limit=MAX_DIGITS)) from None
    except RecursionError:
        raise WireFormatError(TOO_DEEP) from None
    except _DuplicateKeyError as error:
        raise WireFormatError(NOT_JSON.format(detail=f"the key {error} appears twice")) from None
    except json.JSONDecodeError as error:
        raise WireFormatError(NOT_JSON.format(detail=str(error))) from None
    except ValueError as error:  # NaN/Infinity, or an integer too long to read
        raise WireFormatError(NOT_JSON.format(detail=str(error))) from None


class _LongNumberError(Exception):
    pass


def _int(digits: str) -> int:
    if len(digits) > MAX_DIGITS:
        raise _LongNumberError
    return int(digits)


def _text_only(value: Any) -> Any:
    if isinstance(value, str):
        if _NOT_TEXT.search(value) is None:
            return value
        return _NOT_TEXT.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", value)
    if isinstance(value, list):
        return [_text_only(v) for v in value]
    if isinstance(value, dict):
        return {key: _text_only(v) for key, v in value.items()}
    return value


def _documents(loaded: Any) -> list[Any]:
    if isinstance(loaded, dict):
        envelope = None
        if "uri" not in loaded and "guid" not in loaded:
            envelope = next((loaded[k] for k in ("items", "item") if k in loaded), None)
        if envelope is None:
            return [loaded]
        loaded = envelope
    if not isinstance(loaded, list):
        raise WireFormatError(NOT_NINJS)
    if len(loaded) > MAX_ITEMS:
        raise WireFormatError(TOO_MANY.format(count=len(loaded), limit=MAX_ITEMS))
    return loaded


def _generation(obj: dict[str, Any]) -> int:
    if _CAMEL_KEYS & obj.keys():
        return 3
    if _V2_KEYS & obj.keys():
        return 2
    if isinstance(obj.get("renditions"), list) or isinstance(obj.get("altids"), list):
        return 2
    if isinstance(obj.get("associations"), list) and any(k.startswith("body_") for k in obj):
        return 1  # Superdesk's 1.x with an array of associations
    if isinstance(obj.get("associations"), list):
        return 2
    return 1


class _Reader:
    """Reads one ninjs object of a known generation; collects the item's warnings."""

    def __init__(self, obj: dict[str, Any], generation: int, default_zone: tzinfo) -> None:
        self.obj = obj
        self.generation = generation
        self.default_zone = default_zone
        self.warnings: list[str] = []

    def key(self, lower: str) -> str:
        """The key as this generation spells it ("versioncreated" → "versionCreated" in 3.x)."""
        if self.generation < 3:
            return lower
        return _CAMEL.get(lower, lower)

    def text(self, lower: str) -> str:
        value = self.obj.get(self.key(lower))
        return value.strip() if isinstance(value, str) else ""

    def date(self, lower: str) -> datetime | None:
        name = self.key(lower)
        raw = self.obj.get(name)
        if not isinstance(raw, str) or not raw.strip():
            return None
        parsed = _read_date(raw.strip())
        if parsed is None:
            self.warnings.append(f"'{name}' {raw!r} is not a date; it was left out")
            return None
        if parsed.tzinfo is None:
            self.warnings.append(
                f"'{name}' {raw.strip()!r} has no time zone; read in {self.default_zone}"
            )
            parsed = parsed.replace(tzinfo=self.default_zone)
        return parsed


_CAMEL: Final = {
    "pubstatus": "pubStatus",
    "versioncreated": "versionCreated",
    "firstcreated": "firstCreated",
    "embargoed": "embargoedUntil",
    "ednote": "edNote",
    "copyrightholder": "copyrightHolder",
    "copyrightnotice": "copyrightNotice",
    "usageterms": "usageTerms",
    "infosources": "infoSources",
    "contenttype": "contentType",
    "altids": "altIds",
}


def _read_date(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def _item(document: Any, *, index: int, default_zone: tzinfo) -> WireItem | ItemFailure:
    if not isinstance(document, dict):
        return ItemFailure("", f"item {index + 1} is not a JSON object")
    generation = _generation(document)
    reader = _Reader(document, generation, default_zone)
    item_id, id_failure = _item_id(document, reader)
    if id_failure:
        return ItemFailure(item_id, f"item {index + 1}: {id_failure}")
    breaks = rule_breaks(document, generation)
    for label, association in _labelled_associations(document):
        breaks.extend(
            f"association {label}: {b}"
            for b in association_breaks(association, generation)
            if not _tolerated_in_association(b, association, document, reader)
        )
    breaks = [b for b in breaks if not _tolerated(b, document, reader)]
    if breaks:
        return ItemFailure(item_id, f"not valid ninjs {generation}.x: " + "; ".join(breaks))
    embargo_key = reader.key("embargoed")
    embargo_raw = document.get(embargo_key)
    embargoed_until = reader.date("embargoed")
    if isinstance(embargo_raw, str) and embargo_raw.strip() and embargoed_until is None:
        return ItemFailure(
            item_id, f"the embargo {embargo_raw!r} is not a date: the item is held back"
        )
    kind = _kind(document)
    notes = _editor_notes(document, reader)
    pictures = _associated_pictures(document, reader, notes)
    if kind is ItemKind.PICTURE:
        pictures = [_picture(document, reader, item_id), *pictures]
    return WireItem(
        item_id=item_id,
        version=reader.text("version"),
        kind=kind,
        pub_status=PubStatus(reader.text("pubstatus") or PubStatus.USABLE),
        headline=_headline(document, reader),
        dek=_dek(document, reader),
        body_html=_body(document, reader),
        byline=_byline(document, reader),
        dateline=reader.text("located"),
        language=reader.text("language"),
        subjects=_subjects(document, reader),
        urgency=_urgency(document),
        first_created=reader.date("firstcreated"),
        version_created=reader.date("versioncreated"),
        embargoed_until=embargoed_until,
        editor_notes=tuple(notes),
        copyright=reader.text("copyrightnotice") or reader.text("copyrightholder"),
        usage_terms=reader.text("usageterms"),
        credit=_credit(document, reader),
        pictures=tuple(_unique_pictures(pictures)),
        warnings=tuple(reader.warnings),
    )


def _item_id(document: dict[str, Any], reader: _Reader) -> tuple[str, str]:
    """The item's id and, when it has none usable, why."""
    uri = document.get("uri")
    if uri is None and isinstance(document.get("guid"), str) and document["guid"].strip():
        reader.warnings.append("no 'uri': Superdesk's 'guid' is used as the item's id")
        return document["guid"].strip(), ""
    if uri is None:
        return "", "missing 'uri' (the item's id)"
    if not isinstance(uri, str):
        return "", f"'uri' must be a string, not {type(uri).__name__}"
    if not uri.strip():
        return "", "'uri' is empty"
    return uri.strip(), ""


def _tolerated(rule_break: str, document: dict[str, Any], reader: _Reader) -> bool:
    """Dialects taken with a warning (see the module's docstring)."""
    if rule_break.startswith("missing 'uri'") and "uri" not in document:
        return True  # the id came from 'guid' (checked by _item_id)
    if rule_break.startswith("'type' is") and document.get("type") in _TEXT_DIALECT_TYPES:
        reader.warnings.append(f"'type' {document['type']!r} is not ninjs; read as text")
        return True
    array_associations = isinstance(document.get("associations"), list)
    if rule_break.startswith("'associations' must be an object") and array_associations:
        reader.warnings.append("1.x 'associations' sent as an array (Superdesk's dialect)")
        return True
    if rule_break.startswith("rendition ") and reader.generation == 1:
        return _is_digit_string_size(rule_break)
    return False


def _is_digit_string_size(rule_break: str) -> bool:
    # e.g. "rendition original 'width' must be a number, not string": read by _pixels,
    # which warns (a string of digits) or leaves the size out.
    return rule_break.endswith("must be a number, not string") and (
        "'width'" in rule_break or "'height'" in rule_break
    )


def _tolerated_in_association(
    rule_break: str, association: Any, document: dict[str, Any], reader: _Reader
) -> bool:
    if rule_break.startswith("missing 'uri'") and reader.generation == 1:
        # Superdesk's 1.x names an association by 'guid', or (in its array of associations)
        # by a local 'id': the picture is then keyed by its guid or first rendition (warned).
        has_guid = isinstance(association, dict) and isinstance(association.get("guid"), str)
        return has_guid or isinstance(document.get("associations"), list)
    if rule_break.startswith("rendition ") and reader.generation == 1:
        return _is_digit_string_size(rule_break)
    return False


def _labelled_associations(document: dict[str, Any]) -> list[tuple[str, Any]]:
    raw = document.get("associations")
    if isinstance(raw, dict):
        return [(repr(key), value) for key, value in raw.items()]
    if isinstance(raw, list):
        return [(f"[{index}]", value) for index, value in enumerate(raw)]
    return []


def _kind(document: dict[str, Any]) -> ItemKind:
    kind = document.get("type")
    if kind is None:
        return ItemKind.TEXT
    if kind in ("text", "composite") or kind in _TEXT_DIALECT_TYPES:
        return ItemKind.TEXT
    if kind == "picture":
        return ItemKind.PICTURE
    return ItemKind.OTHER


def _editor_notes(document: dict[str, Any], reader: _Reader) -> list[str]:
    note = reader.text("ednote")
    return [note] if note else []


def _values(document: dict[str, Any], key: str) -> list[tuple[str, str, str]]:
    """(role, content type, value) of a 2.x/3.x ``headlines``/``bodies``/``descriptions``."""
    entries = document.get(key)
    if not isinstance(entries, list):
        return []
    found = []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("value"), str):
            role = entry.get("role")
            content_type = entry.get("contentType", entry.get("contenttype"))
            found.append(
                (
                    role.strip().lower() if isinstance(role, str) else "",
                    content_type.strip().lower() if isinstance(content_type, str) else "",
                    entry["value"].strip(),
                )
            )
    return found


def _headline(document: dict[str, Any], reader: _Reader) -> str:
    if reader.generation == 1:
        return reader.text("headline")
    headlines = [h for h in _values(document, "headlines") if h[2]]
    main = [h for h in headlines if h[0] in ("", "main")]
    chosen = main or headlines
    return chosen[0][2] if chosen else ""


def _dek(document: dict[str, Any], reader: _Reader) -> str:
    if reader.generation == 1:
        return reader.text("description_text") or reader.text("description_html")
    for role, _, value in _values(document, "descriptions"):
        if value and role not in _NOT_DEK_ROLES:
            return value
    return ""


def _caption(document: dict[str, Any], reader: _Reader) -> str:
    if reader.generation == 1:
        return reader.text("description_text") or reader.text("headline")
    descriptions = [d for d in _values(document, "descriptions") if d[2]]
    captions = [d for d in descriptions if d[0] == "caption"]
    others = [d for d in descriptions if d[0] not in _NOT_DEK_ROLES]
    chosen = captions or others
    return chosen[0][2] if chosen else ""


def _plain_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)


def _body(document: dict[str, Any], reader: _Reader) -> str:
    if reader.generation == 1:
        html = reader.text("body_html") or reader.text("body_xhtml")
        return html or _plain_to_html(reader.text("body_text"))
    bodies = [b for b in _values(document, "bodies") if b[2]]
    marked_up = [b for b in bodies if b[1] in _HTML_TYPES or (not b[1] and "html" in b[0])]
    if marked_up:
        return marked_up[0][2]
    plain = [b for b in bodies if b[1] in ("", "text/plain")]
    return _plain_to_html(plain[0][2]) if plain else ""


def _byline(document: dict[str, Any], reader: _Reader) -> str:
    byline = reader.text("byline") if reader.generation == 1 else reader.text("by")
    if byline[:3].lower() == "by ":
        byline = byline[3:].lstrip()
    return byline


def _credit(document: dict[str, Any], reader: _Reader) -> str:
    sources = document.get(reader.key("infosources" if reader.generation > 1 else "infosource"))
    if isinstance(sources, list):
        for source in sources:
            name = source.get("name") if isinstance(source, dict) else None
            if isinstance(name, str) and name.strip():
                return name.strip()
    return reader.text("copyrightholder")


def _urgency(document: dict[str, Any]) -> int | None:
    value = document.get("urgency")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


_SUBJECT_KEYS: Final = {
    1: (("subject", "subject"), ("person", "person"), ("place", "place")),
    2: (("subjects", "subject"), ("people", "person"), ("places", "place")),
}
_MORE_SUBJECT_KEYS: Final = {
    1: (("organisation", "organisation"), ("genre", "genre")),
    2: (("organisations", "organisation"), ("genres", "genre")),
}


def _subjects(document: dict[str, Any], reader: _Reader) -> tuple[Subject, ...]:
    generation = 1 if reader.generation == 1 else 2
    found: list[Subject] = []
    for key, kind in (*_SUBJECT_KEYS[generation], *_MORE_SUBJECT_KEYS[generation]):
        entries = document.get(key)
        if not isinstance(entries, list):
            continue
        for entry in entries:
            subject = _subject(entry, kind)
            if subject is not None and subject not in found:
                found.append(subject)
    return tuple(found)


def _subject(entry: Any, kind: str) -> Subject | None:
    if not isinstance(entry, dict):
        return None

    def text(key: str) -> str:
        value = entry.get(key)
        return value.strip() if isinstance(value, str) else ""

    name = text("name")
    code = text("uri") or text("code") or text("literal") or text("qcode")
    if not (name or code):
        return None
    if kind == "subject" and text("rel") == "category":
        kind = "category"
    return Subject(code=code, name=name, kind=kind)


def _associations(document: dict[str, Any]) -> list[dict[str, Any]]:
    raw = document.get("associations")
    if isinstance(raw, dict):
        return [value for value in raw.values() if isinstance(value, dict)]
    if isinstance(raw, list):
        return [value for value in raw if isinstance(value, dict)]
    return []


def _associated_pictures(
    document: dict[str, Any], reader: _Reader, notes: list[str]
) -> list[Picture]:
    """Pictures among the associations (one level: deeper associations are not read)."""
    pictures = []
    for association in _associations(document):
        if association.get("type") != "picture":
            continue
        inner = _Reader(association, reader.generation, reader.default_zone)
        renditions = _renditions(association, inner)
        picture_id = _association_id(association, renditions)
        if not picture_id:
            reader.warnings.append("a picture association has no uri and no rendition: skipped")
            continue
        if picture_id != association.get("uri"):
            reader.warnings.append(f"a picture association has no uri; keyed by {picture_id}")
        pictures.append(_picture(association, inner, picture_id, renditions))
        note = inner.text("ednote")
        if note:
            notes.append(f"Picture {picture_id}: {note}")
        reader.warnings.extend(inner.warnings)
    return pictures


def _association_id(association: dict[str, Any], renditions: tuple[Rendition, ...]) -> str:
    for key in ("uri", "guid"):
        value = association.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return renditions[0].href if renditions else ""


def _picture(
    document: dict[str, Any],
    reader: _Reader,
    picture_id: str,
    renditions: tuple[Rendition, ...] | None = None,
) -> Picture:
    if renditions is None:
        renditions = _renditions(document, reader)
    credit = ""
    if reader.generation > 1:
        credits = [d[2] for d in _values(document, "descriptions") if d[0] == "creditline"]
        credit = credits[0] if credits else ""
    photographer = _byline(document, reader)
    return Picture(
        item_id=picture_id,
        renditions=renditions,
        caption=_caption(document, reader),
        alt_text=_alt_text(document, reader),
        credit=credit or reader.text("copyrightholder") or photographer,
        photographer=photographer,
        copyright=reader.text("copyrightnotice") or reader.text("copyrightholder"),
        usage_terms=reader.text("usageterms"),
    )


def _alt_text(document: dict[str, Any], reader: _Reader) -> str:
    if reader.generation == 1:
        return reader.text("description_alt")
    alts = [d[2] for d in _values(document, "descriptions") if d[0] in ("alt", "alttext")]
    return alts[0] if alts else ""


def _renditions(document: dict[str, Any], reader: _Reader) -> tuple[Rendition, ...]:
    raw = document.get("renditions")
    named: list[tuple[str, Any]] = []
    if isinstance(raw, dict):
        named = list(raw.items())
    elif isinstance(raw, list):
        named = [(r.get("name", "") if isinstance(r, dict) else "", r) for r in raw]
    renditions = []
    for name, rendition in named:
        if not isinstance(rendition, dict):
            continue
        href = rendition.get("href")
        if not isinstance(href, str) or not href.strip():
            continue
        content_type = rendition.get(
            "mimetype" if reader.generation == 1 else reader.key("contenttype")
        )
        renditions.append(
            Rendition(
                href=href.strip(),
                name=name.strip() if isinstance(name, str) else "",
                width=_pixels(rendition.get("width"), "width", reader),
                height=_pixels(rendition.get("height"), "height", reader),
                content_type=content_type.strip() if isinstance(content_type, str) else "",
            )
        )
    return tuple(renditions)


def _pixels(value: Any, name: str, reader: _Reader) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 7:
        reader.warnings.append(f"a rendition's {name} {value!r} is sent as text")
        return int(value.strip())
    if isinstance(value, int | float) and float(value).is_integer() and 0 < value < 1_000_000:
        return int(value)
    return None


def _unique_pictures(pictures: list[Picture]) -> list[Picture]:
    seen: set[str] = set()
    unique = []
    for picture in pictures:
        if picture.item_id not in seen:
            seen.add(picture.item_id)
            unique.append(picture)
    return unique
