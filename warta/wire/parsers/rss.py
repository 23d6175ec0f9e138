"""RSS 2.0 and Atom feeds, read with feedparser, into typed wire items.

``parse(data, default_zone=...)`` takes the feed's bytes (never a string: feedparser would fetch
a string that looks like a URL or open one that looks like a path) and answers a ``ParseResult``.

What each part of an entry becomes:

- **item id**: ``guid`` (RSS) or ``id`` (Atom), else the entry's link. An entry with neither is
  an ``ItemFailure``. ``version`` is "" (feeds have none); ``version_created`` is the entry's
  ``updated`` (Atom ``updated``, ``dc:modified``) when sent, else its ``published``, so a later
  edit is seen as newer. ``first_created`` is ``published`` (``pubDate``), else ``updated``.
- **body and dek**: ``content:encoded`` (RSS) or ``content`` (Atom) is the body and
  ``description`` / ``summary`` the dek. When an entry has no content, its description *is* the
  story (that is how most RSS feeds send it): it becomes the body and the dek stays empty, so
  the page never shows the same text twice. Body and dek stay as sent, HTML included (RSS
  descriptions often hold HTML; feedparser's sanitiser is off: the ingest sanitises once, with
  nh3); a plain-text body (``type="text"``) is escaped and its blank-line-separated paragraphs
  wrapped in ``<p>``, so it is HTML like every other body.
- **headline**: ``title``. **byline**: ``dc:creator`` / ``author`` (several joined by ", ", a
  leading "By" or "Oleh" dropped). **subjects**: every ``category`` (code = the term as sent,
  name = its label or the term, kind "category"). **language**: the entry's ``dc:language`` or
  ``xml:lang``, else the channel's. **copyright**: the entry's ``rights`` / ``dc:rights``, else
  the channel's ``copyright`` / ``rights``.
- **pictures**: ``media:content`` (``medium="image"`` or an ``image/*`` type),
  ``enclosure type="image/*"``, one ``Picture`` per URL (its ``item_id`` is the URL), with
  ``media:credit`` as credit and ``media:description`` (else ``media:title``) as caption when
  the entry has one picture (both are renamed before parsing: feedparser would read them as the
  entry's own title and description); ``media:thumbnail`` becomes a "thumbnail" rendition of
  the first picture (or a picture of its own when there is no other).
- Feeds have no editors' notes, kills, embargoes or urgency: ``editor_notes`` stays empty,
  every item is ``usable`` and a text item.

Dates are read from the raw text (``rss_dates``), offsets kept; a date without a zone is read in
``default_zone`` and the item says so in a warning; a date that cannot be read is dropped with a
warning.

Safety and bad input:

- More than ``MAX_BYTES`` (20 MB), an empty document, or one that is not a feed (HTML page, JSON)
  → ``WireFormatError``.
- Entity declarations (``<!ENTITY``: billion laughs, external entities) → ``WireFormatError``,
  before feedparser sees the bytes (feedparser strips them itself and its SAX parser does not
  load external entities; warta refuses them anyway).
- A feed that is not well-formed XML → ``WireFormatError`` with the line and column (a truncated
  feed would otherwise land its last story half-written). Two faults real feeds often have are
  read leniently, with a warning, once a check shows the rest is well-formed: HTML entities
  such as ``&nbsp;`` that XML does not define, and namespace prefixes used without a declaration.
- Encodings: BOMs and declared encodings are feedparser's; a feed that is not in the encoding it
  declares (or declares none and is not UTF-8: Latin-1 bytes, as the UOL feed sends them) is read
  as windows-1252, the superset of Latin-1, with a warning.
"""

import html
import re
import xml.parsers.expat
import xml.sax  # for its exception; <!ENTITY> refused before parsing  # nosec B406
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

import feedparser

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
from warta.wire.parsers.rss_dates import parse_feed_date

MAX_BYTES = 20 * 1024 * 1024

TOO_LARGE = "the feed is larger than 20 MB"
EMPTY = "the feed is empty"
NOT_A_FEED = "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)"
ENTITIES_REFUSED = "the feed declares XML entities (<!ENTITY>), which warta refuses"
NOT_WELL_FORMED = "the feed is not well-formed XML: {reason}"
NO_ID = "the entry has no guid, id or link"

_ENTITY_DECLARATION = (
    b"<!entity",
    "<!entity".encode("utf-16-le"),
    "<!entity".encode("utf-16-be"),
)
_LENIENT_FAULTS = ("undefined entity", "unbound prefix")
_ENCODING_FAULTS = (
    feedparser.CharacterEncodingOverride,
    feedparser.CharacterEncodingUnknown,
)
_MEDIA_CAPTION = re.compile(rb"<(/?)media:(title|description)\b")
_BY = re.compile(r"^(by|oleh)\s+", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"\n\s*\n")


def parse(data: bytes, *, default_zone: tzinfo) -> ParseResult:
    if not isinstance(data, bytes):
        raise TypeError("the RSS parser takes bytes, never a URL, a path or text")
    if len(data) > MAX_BYTES:
        raise WireFormatError(TOO_LARGE)
    if not data.strip():
        raise WireFormatError(EMPTY)
    lowered = data.lower()
    if any(marker in lowered for marker in _ENTITY_DECLARATION):
        raise WireFormatError(ENTITIES_REFUSED)

    warnings: list[str] = []
    # feedparser reads media:title and media:description as the entry's title and description
    # (a caption would replace the headline or the dek): they are renamed before parsing, and
    # feedparser keeps them apart as media_wartatitle / media_wartadescription.
    data = _MEDIA_CAPTION.sub(rb"<\1media:warta\2", data)
    parsed = _feedparser_parse(data)
    fault = parsed.get("bozo_exception")
    if isinstance(fault, _ENCODING_FAULTS):
        parsed = _feedparser_parse(data, charset="windows-1252")
        warnings.append(
            f"the feed is not in the encoding it declares ({fault}); read as windows-1252"
        )
        fault = parsed.get("bozo_exception")
    if not parsed.get("version"):
        raise WireFormatError(NOT_A_FEED)
    if parsed.get("bozo") and fault is not None:
        warnings.append(_lenient_or_refuse(data, parsed, fault))

    feed = parsed.get("feed", {})
    items: list[WireItem] = []
    failures: list[ItemFailure] = []
    entries = parsed.get("entries", [])
    if not entries:
        warnings.append("the feed holds no items")
    seen: set[str] = set()
    for entry in entries:
        item = _item(entry, feed, default_zone=default_zone)
        if isinstance(item, ItemFailure):
            failures.append(item)
        elif item.item_id in seen:  # no version to tell them apart: the first is taken
            failures.append(ItemFailure(item.item_id, "the same guid appears twice in the feed"))
        else:
            seen.add(item.item_id)
            items.append(item)
    return ParseResult(items=tuple(items), failures=tuple(failures), warnings=tuple(warnings))


def _feedparser_parse(data: bytes, *, charset: str = "") -> Any:
    headers = {"content-type": f"application/xml; charset={charset}"} if charset else {}
    # Bytes only: feedparser opens a str as a URL or a file path.
    return feedparser.parse(
        bytes(data),
        sanitize_html=False,
        resolve_relative_uris=False,
        response_headers=headers,
    )


def _lenient_or_refuse(data: bytes, parsed: Any, fault: Exception) -> str:
    """The warning for a feed read leniently, or WireFormatError when it is not well-formed."""
    message, where = str(fault), ""
    if isinstance(fault, xml.sax.SAXParseException):
        message = fault.getMessage()
        where = f" (line {fault.getLineNumber()}, column {fault.getColumnNumber()})"
    if message not in _LENIENT_FAULTS:
        raise WireFormatError(NOT_WELL_FORMED.format(reason=f"{message}{where}"))
    # Check the whole document once more, without namespaces (an undeclared prefix is then no
    # fault) and with undefined entities skipped: anything else left is a real fault.
    encoding = parsed.get("encoding") or "utf-8"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    checker = xml.parsers.expat.ParserCreate(encoding="utf-8")
    checker.UseForeignDTD(True)
    checker.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        checker.Parse(text.lstrip("\ufeff").encode("utf-8"), True)
    except xml.parsers.expat.ExpatError as error:
        raise WireFormatError(NOT_WELL_FORMED.format(reason=str(error))) from error
    return f"the feed is not strictly well-formed ({message}{where}); read leniently"


def _item(
    entry: Mapping[str, Any], feed: Mapping[str, Any], *, default_zone: tzinfo
) -> WireItem | ItemFailure:
    raw = dict(
        entry
    )  # FeedParserDict answers aliases ("updated" for "published"): read the keys sent
    link = _text(raw.get("link"))
    item_id = _text(raw.get("id")) or link
    if not item_id:
        return ItemFailure(item_id="", reason=NO_ID)
    warnings: list[str] = []

    published = _date(raw, "published", default_zone=default_zone, warnings=warnings)
    updated = _date(raw, "updated", default_zone=default_zone, warnings=warnings)
    created = _date(raw, "created", default_zone=default_zone, warnings=warnings)

    content = [part for part in raw.get("content") or [] if _text(part.get("value"))]
    summary = raw.get("summary_detail")  # absent when feedparser copied the content into "summary"
    if content:
        body = _as_html(content[0])
        dek = _text(summary.get("value")) if summary else ""
    elif summary:
        body = _as_html(summary)
        dek = ""
    else:
        body, dek = "", ""

    return WireItem(
        item_id=item_id,
        version="",
        kind=ItemKind.TEXT,
        pub_status=PubStatus.USABLE,
        headline=_text(raw.get("title")),
        dek=dek,
        body_html=body,
        byline=_byline(raw),
        language=_language(raw, feed, content),
        subjects=_subjects(raw.get("tags") or []),
        first_created=published or created or updated,
        version_created=updated or published or created,
        copyright=_text(raw.get("rights")) or _text(feed.get("rights")),
        pictures=_pictures(raw),
        warnings=tuple(warnings),
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(
    raw: Mapping[str, Any], key: str, *, default_zone: tzinfo, warnings: list[str]
) -> datetime | None:
    text = _text(raw.get(key))
    if not text:
        return None
    try:
        date = parse_feed_date(text, default_zone=default_zone)
    except ValueError:
        warnings.append(f"the {key} date {text!r} could not be read; left out")
        return None
    if date.zone_assumed:
        warnings.append(f"the {key} date {text!r} has no time zone; read in {default_zone}")
    return date.value


def _as_html(part: Mapping[str, Any]) -> str:
    value = _text(part.get("value"))
    if part.get("type") == "text/plain":
        return "".join(
            f"<p>{html.escape(para.strip())}</p>"
            for para in _PARAGRAPHS.split(value)
            if para.strip()
        )
    return value


def _byline(raw: Mapping[str, Any]) -> str:
    names = [_text(author.get("name")) for author in raw.get("authors") or []]
    names = [name for name in names if name]
    if not names:
        names = [_text(raw.get("author"))] if _text(raw.get("author")) else []
    return ", ".join(_BY.sub("", name).strip() for name in names)


def _language(raw: Mapping[str, Any], feed: Mapping[str, Any], content: list[Any]) -> str:
    candidates = [raw.get("language")]
    candidates += [part.get("language") for part in content]
    for key in ("summary_detail", "title_detail"):
        detail = raw.get(key)
        if detail:
            candidates.append(detail.get("language"))
    candidates.append(feed.get("language"))
    return next((_text(c) for c in candidates if _text(c)), "")


def _subjects(tags: Iterable[Mapping[str, Any]]) -> tuple[Subject, ...]:
    subjects: list[Subject] = []
    for tag in tags:
        term = _text(tag.get("term"))
        label = _text(tag.get("label"))
        if not (term or label):
            continue
        subject = Subject(code=term or label, name=label or term, kind="category")
        if subject not in subjects:
            subjects.append(subject)
    return tuple(subjects)


def _int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _pictures(raw: Mapping[str, Any]) -> tuple[Picture, ...]:
    found: dict[str, Rendition] = {}
    for media in raw.get("media_content") or []:
        href = _text(media.get("url"))
        kind = _text(media.get("type")).lower()
        if href and (media.get("medium") == "image" or kind.startswith("image/")):
            found.setdefault(
                href,
                Rendition(
                    href, "original", _int(media.get("width")), _int(media.get("height")), kind
                ),
            )
    for enclosure in raw.get("links") or []:
        href = _text(enclosure.get("href")) if enclosure.get("rel") == "enclosure" else ""
        kind = _text(enclosure.get("type")).lower()
        if href and kind.startswith("image/"):
            found.setdefault(href, Rendition(href, "original", content_type=kind))
    thumbnails = [
        Rendition(_text(t.get("url")), "thumbnail", _int(t.get("width")), _int(t.get("height")))
        for t in raw.get("media_thumbnail") or []
        if _text(t.get("url")) and _text(t.get("url")) not in found
    ]
    if not found and thumbnails:
        first, *thumbnails = thumbnails
        found[first.href] = first
    credits = [
        _text(c.get("content")) for c in raw.get("media_credit") or [] if _text(c.get("content"))
    ]
    # Caption and credit are the entry's: they are given only when there is one picture to own them.
    caption = _text(raw.get("media_wartadescription")) or _text(raw.get("media_wartatitle"))
    caption = caption if len(found) == 1 else ""
    credit = ", ".join(credits) if len(found) == 1 else ""
    pictures = []
    for index, (href, rendition) in enumerate(found.items()):
        renditions = (rendition, *thumbnails) if index == 0 else (rendition,)
        pictures.append(
            Picture(item_id=href, renditions=renditions, caption=caption, credit=credit),
        )
    return tuple(pictures)
