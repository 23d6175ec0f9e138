"""IPTC NewsML-G2 (``newsItem``, ``newsMessage``) read with lxml into typed wire items.

``parse(data, default_zone=...)`` takes one file's bytes and answers a ``ParseResult``.

- **Which items**: a ``newsItem`` or ``packageItem`` root is one item; a ``newsMessage`` holds
  the items of its ``itemSet``. Elements are matched by namespace URI and local name, never by
  prefix (``ns0:``-prefixed files work). ``itemClass`` ``ninat:text``/``icls:text`` is a text
  item, ``ninat:picture``/``icls:picture`` a picture; video, audio, graphics, composites and
  packages are ``ItemKind.OTHER`` (a package without a ``guid`` is skipped with a warning on the
  result). An unknown item class, a newsItem without ``guid``, an unknown
  ``pubStatus`` or an embargo that cannot be read is an ``ItemFailure`` (the other items land).
- **Ids**: ``guid``; ``version`` as sent ("1", the standard's default, when absent).
- **Status**: ``pubStatus`` ``stat:usable``/``stat:withheld``/``stat:canceled`` (absent = usable).
- **Dates**: ``versionCreated``, ``firstCreated``, ``embargoed`` (an empty element is no
  embargo). A date without a zone (``2016-01-12 12:35:40``) is read in ``default_zone`` and the
  item says so in a warning; aware dates keep their offset.
- **Text**: ``headline`` (the one without a role first, else NITF ``hl1``, else NITF ``title``),
  ``description`` ``drol:summary`` (else NITF ``abstract``) is the dek, ``by`` (else NITF
  ``byline``), ``dateline``,
  ``creditline``, ``subject`` (qcode or uri, first ``name``), ``language`` (``language/@tag``,
  else ``xml:lang`` on ``contentMeta`` or the item), ``urgency``, ``copyrightNotice``,
  ``usageTerms``, ``creator`` with a photographer role.
- **Bodies**: NITF (``body.content`` children) and XHTML (``body`` children) are serialised as
  HTML without namespaces, as sent otherwise (the ingest sanitises). The NITF/XHTML is found by
  local name in any namespace (agencies put it in the NewsML namespace, or in none).
- **Editors' notes**: every ``edNote`` (``pubconstraint`` or not), NITF ``ed-msg`` and
  ``note type="npa"`` go to ``editor_notes`` and are cut out of the body: never public.
- **Pictures**: a picture item's ``remoteContent`` elements are its renditions (href, rendition
  qcode, width, height, contenttype); ``link`` elements to pictures give ``picture_refs``
  (their ``residref``).

Safety: more than ``MAX_BYTES`` is refused, and so is a DOCTYPE declaring entities (billion
laughs, external entities); the parser never resolves entities, loads a DTD or touches the
network. A file that is not well-formed fails whole with lxml's message.
"""

import re
from collections.abc import Iterator
from copy import deepcopy
from datetime import datetime, tzinfo

from lxml import etree

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

NAR = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 20 * 1024 * 1024

_ITEM_ELEMENTS = ("newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem")
_TEXT_CLASSES = {"text"}
_PICTURE_CLASSES = {"picture"}
_OTHER_CLASSES = {"video", "audio", "graphic", "composite", "interactive", "animated", "package"}
_CLASS_SCHEMES = ("ninat", "icls")
_STATUSES = {
    "usable": PubStatus.USABLE,
    "withheld": PubStatus.WITHHELD,
    "canceled": PubStatus.CANCELED,
    "cancelled": PubStatus.CANCELED,
}
_SUBJECT_KINDS = {
    "cpnat:abstract": "subject",
    "cpnat:person": "person",
    "cpnat:organisation": "organisation",
    "cpnat:geoArea": "place",
    "cpnat:poi": "place",
    "cpnat:event": "event",
    "cpnat:object": "object",
}
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


class _ItemError(ValueError):
    """This item cannot be read (the reason is the message); the file's other items can."""


def parse(data: bytes, *, default_zone: tzinfo) -> ParseResult:
    """Read one NewsML-G2 file; raise ``WireFormatError`` when the file as a whole cannot be."""
    root = _read_root(data)
    local = _local(root)
    if local == "newsMessage":
        item_set = _first(root, "itemSet")
        elements = [] if item_set is None else [c for c in _elements(item_set) if _is_item(c)]
    elif _is_item(root):
        elements = [root]
    else:
        raise WireFormatError(f"not NewsML-G2: the root element is {local!r}, not a newsItem")
    items: list[WireItem] = []
    failures: list[ItemFailure] = []
    warnings: list[str] = [] if elements else ["the file holds no items"]
    seen: set[tuple[str, str]] = set()
    for element in elements:
        guid = (element.get("guid") or "").strip()
        if not guid and _local(element) != "newsItem":
            # A package (or concept, planning item) is never ingested: without a guid it is
            # only worth a word, not a failure of the file's stories.
            warnings.append(f"a {_local(element)} without a guid was skipped")
            continue
        stamp = (guid, (element.get("version") or "").strip())
        if guid and stamp in seen:  # an update or a kill may follow its story in one message
            failures.append(ItemFailure(guid, "the same guid and version appear twice in the file"))
            continue
        seen.add(stamp)
        try:
            items.append(_item(element, guid, default_zone))
        except _ItemError as error:
            failures.append(ItemFailure(item_id=guid, reason=str(error)))
        except (ValueError, TypeError) as error:  # anything else odd in one item stays in it
            failures.append(ItemFailure(item_id=guid, reason=f"the item cannot be read: {error}"))
    return ParseResult(items=tuple(items), failures=tuple(failures), warnings=tuple(warnings))


def _read_root(data: bytes) -> etree._Element:
    if not isinstance(data, bytes):
        raise WireFormatError("NewsML-G2 must be given as bytes")
    if len(data) > MAX_BYTES:
        raise WireFormatError(f"file too large: {len(data)} bytes (at most {MAX_BYTES})")
    if not data.strip():
        raise WireFormatError("empty file")
    if _declares_entities(data):
        raise WireFormatError("refused: the DOCTYPE declares entities")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        if "amplification" in str(error):  # libxml2 saw entity expansion before we did
            raise WireFormatError("refused: the DOCTYPE declares entities") from error
        raise WireFormatError(f"not well-formed XML: {error}") from error
    if root is None:
        raise WireFormatError("not well-formed XML: no root element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.entities()):
        raise WireFormatError("refused: the DOCTYPE declares entities")
    if etree.QName(root).namespace != NAR:
        raise WireFormatError(
            f"not NewsML-G2: the root element is not in the namespace {NAR} ({root.tag!r})"
        )
    return root


def _declares_entities(data: bytes) -> bool:
    """A DOCTYPE with ``<!ENTITY`` declarations in the first megabyte (UTF-16 files read as
    such, with a byte order mark or without)."""
    head = data[:1_000_000]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    elif head[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a byte order mark
        codec = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
        head = head.decode(codec, errors="replace").encode("utf-8")
    doctype = _DOCTYPE.search(head)
    return doctype is not None and _ENTITY.search(head, doctype.start()) is not None


# --- element helpers -------------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _is_g2(element: etree._Element, name: str) -> bool:
    qname = etree.QName(element)
    return qname.namespace == NAR and qname.localname == name


def _is_item(element: etree._Element) -> bool:
    return etree.QName(element).namespace == NAR and _local(element) in _ITEM_ELEMENTS


def _elements(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        if isinstance(child.tag, str):
            yield child


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    if parent is None:
        return []
    return [c for c in _elements(parent) if _is_g2(c, name)]


def _first(parent: etree._Element | None, name: str) -> etree._Element | None:
    found = _children(parent, name)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str:
    """The element's text (its descendants' too), whitespace around it stripped."""
    if element is None:
        return ""
    return "".join(element.itertext()).strip()


def _descendants(parent: etree._Element, name: str) -> list[etree._Element]:
    """Descendants by local name in any namespace (NITF and XHTML come in every namespace)."""
    return [e for e in parent.iter() if isinstance(e.tag, str) and _local(e) == name]


def _code(value: str | None) -> str:
    """``"rnd:highRes"`` → ``"highRes"``."""
    value = (value or "").strip()
    return value.split(":", 1)[1] if ":" in value else value


# --- one item --------------------------------------------------------------------------------


def _item(element: etree._Element, guid: str, zone: tzinfo) -> WireItem:
    if not guid:
        raise _ItemError(f"{_local(element)} has no guid")
    version = (element.get("version") or "").strip() or "1"
    warnings: list[str] = []
    item_meta = _first(element, "itemMeta")
    content_meta = _first(element, "contentMeta")
    rights = _first(element, "rightsInfo")
    kind = _kind(element, item_meta)
    pub_status = _pub_status(item_meta)

    version_created = _date(_first(item_meta, "versionCreated"), "versionCreated", zone, warnings)
    first_created = _date(_first(item_meta, "firstCreated"), "firstCreated", zone, warnings)
    embargo_el = _first(item_meta, "embargoed")
    embargoed_until = None
    if embargo_el is not None and _text(embargo_el):
        embargoed_until = _date(embargo_el, "embargoed", zone, warnings)
        if embargoed_until is None:
            raise _ItemError(f"the embargo cannot be read: {_text(embargo_el)!r}")

    notes = [
        _text(n)
        for n in ([] if item_meta is None else _elements(item_meta))
        if etree.QName(n).namespace == NAR and _local(n).lower() == "ednote"
    ]
    body_html, nitf = "", _Nitf()
    for inline in _children(_first(element, "contentSet"), "inlineXML"):
        body_html, nitf = _body(inline)
        if body_html or nitf.headline:
            break
    notes.extend(nitf.notes)

    headline = _headline(content_meta) or nitf.headline
    dek = _description(content_meta, ("drol:summary", "")) or nitf.abstract
    copyright_ = _text(_first(rights, "copyrightNotice"))
    usage_terms = _text(_first(rights, "usageTerms"))
    credit = _text(_first(content_meta, "creditline"))
    pictures: tuple[Picture, ...] = ()
    if kind is ItemKind.PICTURE:
        pictures = (
            Picture(
                item_id=guid,
                renditions=_renditions(element, warnings),
                caption=_description(content_meta, ("drol:caption", "")) or headline,
                alt_text=_description(content_meta, ("drol:alternativeText",)),
                credit=credit,
                photographer=_photographer(content_meta),
                copyright=copyright_,
                usage_terms=usage_terms,
            ),
        )
    return WireItem(
        item_id=guid,
        version=version,
        kind=kind,
        pub_status=pub_status,
        headline=headline,
        dek=dek,
        body_html=body_html,
        byline=_text(_first(content_meta, "by")) or nitf.byline,
        dateline=_text(_first(content_meta, "dateline")) or nitf.dateline,
        language=_language(element, content_meta),
        subjects=_subjects(content_meta),
        urgency=_urgency(content_meta, warnings),
        first_created=first_created,
        version_created=version_created,
        embargoed_until=embargoed_until,
        editor_notes=tuple(n for n in notes if n),
        copyright=copyright_,
        usage_terms=usage_terms,
        credit=credit,
        pictures=pictures,
        picture_refs=_picture_refs(element),
        warnings=tuple(warnings),
    )


def _kind(element: etree._Element, item_meta: etree._Element | None) -> ItemKind:
    if _local(element) != "newsItem":
        return ItemKind.OTHER  # packages, concepts, planning: reported, not ingested
    item_class = _first(item_meta, "itemClass")
    if item_class is None:
        raise _ItemError("the item has no itemClass")
    qcode = (item_class.get("qcode") or "").strip()
    uri = (item_class.get("uri") or "").strip()
    scheme, _, code = qcode.partition(":")
    if not qcode and "/ninature/" in uri:
        scheme, code = "ninat", uri.rstrip("/").rsplit("/", 1)[-1]
    if scheme in _CLASS_SCHEMES:
        if code in _TEXT_CLASSES:
            return ItemKind.TEXT
        if code in _PICTURE_CLASSES:
            return ItemKind.PICTURE
        if code in _OTHER_CLASSES:
            return ItemKind.OTHER
    raise _ItemError(f"unknown item class {qcode or uri!r}")


def _pub_status(item_meta: etree._Element | None) -> PubStatus:
    status = _first(item_meta, "pubStatus")
    if status is None:
        return PubStatus.USABLE
    qcode = (status.get("qcode") or "").strip()
    uri = (status.get("uri") or "").strip()
    code = _code(qcode) if qcode else uri.rstrip("/").rsplit("/", 1)[-1]
    if not code:
        return PubStatus.USABLE
    if code not in _STATUSES:
        raise _ItemError(f"unknown pubStatus {qcode or uri!r}")
    return _STATUSES[code]


def _date(
    element: etree._Element | None, name: str, zone: tzinfo, warnings: list[str]
) -> datetime | None:
    raw = _text(element)
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        warnings.append(f"{name} {raw!r} is not a date; ignored")
        return None
    if value.tzinfo is None:
        warnings.append(f"{name} {raw!r} has no time zone; read in {zone}")
        value = value.replace(tzinfo=zone)
    return value


def _headline(content_meta: etree._Element | None) -> str:
    headlines = _children(content_meta, "headline")
    for headline in headlines:
        if not (headline.get("role") or "").strip() and _text(headline):
            return _text(headline)
    return next((_text(h) for h in headlines if _text(h)), "")


def _description(content_meta: etree._Element | None, roles: tuple[str, ...]) -> str:
    for description in _children(content_meta, "description"):
        if (description.get("role") or "").strip() in roles and _text(description):
            return _text(description)
    return ""


def _language(element: etree._Element, content_meta: etree._Element | None) -> str:
    for language in _children(content_meta, "language"):
        if (language.get("tag") or "").strip():
            return (language.get("tag") or "").strip()
    for holder in (content_meta, element):
        if holder is not None and (holder.get(XML_LANG) or "").strip():
            return (holder.get(XML_LANG) or "").strip()
    return ""


def _subjects(content_meta: etree._Element | None) -> tuple[Subject, ...]:
    subjects = []
    for subject in _children(content_meta, "subject"):
        code = (subject.get("qcode") or subject.get("uri") or "").strip()
        name = next((_text(n) for n in _children(subject, "name") if _text(n)), "")
        if not code and not name:
            continue
        kind_attr = (subject.get("type") or "").strip()
        subjects.append(
            Subject(code=code, name=name, kind=_SUBJECT_KINDS.get(kind_attr, "subject"))
        )
    return tuple(subjects)


def _urgency(content_meta: etree._Element | None, warnings: list[str]) -> int | None:
    raw = _text(_first(content_meta, "urgency"))
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        warnings.append(f"urgency {raw!r} is not a number; ignored")
        return None


def _photographer(content_meta: etree._Element | None) -> str:
    for creator in _children(content_meta, "creator"):
        if "photographer" in (creator.get("role") or "").lower():
            name = _text(_first(creator, "name"))
            return name or (creator.get("literal") or "").strip()
    return ""


def _renditions(element: etree._Element, warnings: list[str]) -> tuple[Rendition, ...]:
    renditions = []
    for remote in _children(_first(element, "contentSet"), "remoteContent"):
        href = (remote.get("href") or "").strip()
        if not href:
            warnings.append("a remoteContent has no href; skipped")
            continue
        renditions.append(
            Rendition(
                href=href,
                name=_code(remote.get("rendition")),
                width=_int(remote.get("width")),
                height=_int(remote.get("height")),
                content_type=(remote.get("contenttype") or "").strip(),
            )
        )
    return tuple(renditions)


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _picture_refs(element: etree._Element) -> tuple[str, ...]:
    refs: list[str] = []
    for holder in (_first(element, "itemMeta"), _first(element, "contentMeta")):
        for link in _children(holder, "link"):
            residref = (link.get("residref") or "").strip()
            item_class = _first(link, "itemClass")
            classes = _code(item_class.get("qcode")) if item_class is not None else ""
            is_picture = classes == "picture" or (link.get("contenttype") or "").startswith(
                "image/"
            )
            if residref and is_picture and residref not in refs:
                refs.append(residref)
    return tuple(refs)


# --- bodies ----------------------------------------------------------------------------------


class _Nitf:
    def __init__(self) -> None:
        self.headline = ""
        self.abstract = ""
        self.byline = ""
        self.dateline = ""
        self.notes: list[str] = []


def _body(inline: etree._Element) -> tuple[str, _Nitf]:
    """The body HTML of one ``inlineXML`` and, for NITF, its head's values and notes."""
    content = deepcopy(inline)
    nitf = _Nitf()
    for note in _descendants(content, "ed-msg"):
        nitf.notes.append(_text(note) or (note.get("info") or "").strip())
        _drop(note)
    for note in _descendants(content, "note"):
        if (note.get("type") or "").strip().lower() == "npa":
            nitf.notes.append(_text(note))
            _drop(note)
    body_content = _descendants(content, "body.content")
    if body_content or _descendants(content, "nitf"):
        headlines = _descendants(content, "hl1") or _descendants(content, "title")
        nitf.headline = next((_text(h) for h in headlines if _text(h)), "")
        nitf.abstract = next((_text(a) for a in _descendants(content, "abstract") if _text(a)), "")
        nitf.byline = next((_byline(b) for b in _descendants(content, "byline") if _byline(b)), "")
        nitf.dateline = next((_text(d) for d in _descendants(content, "dateline")), "")
        return (_html(body_content[0]) if body_content else ""), nitf
    bodies = _descendants(content, "body")
    return (_html(bodies[0]) if bodies else ""), nitf


def _drop(element: etree._Element) -> None:
    """Remove an element, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _byline(byline: etree._Element) -> str:
    """A NITF byline's words without its ``byttl`` (title), parts joined by a space."""
    parts = [byline.text or ""]
    for child in _elements(byline):
        if _local(child) != "byttl":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join(p.strip() for p in parts if p.strip())


def _html(container: etree._Element) -> str:
    """The container's children serialised as HTML, without namespaces."""
    copy = deepcopy(container)
    for element in copy.iter():
        if not isinstance(element.tag, str):
            continue
        element.tag = _local(element)
        for attribute in list(element.attrib):
            if attribute.startswith("{") and attribute != XML_LANG:
                del element.attrib[attribute]
    etree.cleanup_namespaces(copy)
    parts = [copy.text or ""]
    for child in copy:
        parts.append(etree.tostring(child, method="html", encoding="unicode", with_tail=True))
    return "".join(parts).strip()
