"""What every wire parser returns: typed, frozen values, never dicts.

A parser reads one file (bytes) and answers a ``ParseResult``: the items it could read and, for
each item it could not, the reason. A file that cannot be read at all (not well-formed XML or
JSON, not the format) raises ``WireFormatError`` with the reason. Dates are aware; a date sent
without a zone is read in the source's zone and the item carries a warning that says so.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class WireFormatError(ValueError):
    """The file as a whole cannot be read (the message says why, for the desk's summary)."""


class PubStatus(StrEnum):
    USABLE = "usable"
    WITHHELD = "withheld"  # taken back for now: a later usable version may bring it back
    CANCELED = "canceled"  # killed: nothing brings it back


class ItemKind(StrEnum):
    TEXT = "text"
    PICTURE = "picture"
    OTHER = "other"  # video, audio, graphics, packages: reported, not ingested


@dataclass(frozen=True)
class Subject:
    code: str  # the agency's code (qcode, uri); may be empty for a name-only subject
    name: str
    kind: str = ""  # "subject", "category", "genre", "person", "place", "organisation", ...


@dataclass(frozen=True)
class Rendition:
    href: str  # as sent: absolute URL or a path relative to the file
    name: str = ""  # "original", "highRes", "thumb", ...
    width: int | None = None
    height: int | None = None
    content_type: str = ""


@dataclass(frozen=True)
class Picture:
    """A picture: an item of its own (G2 picture newsItem, ninjs type picture) or associated
    with a text item. ``item_id`` keys the image once, however many items name it."""

    item_id: str
    renditions: tuple[Rendition, ...] = ()
    caption: str = ""
    alt_text: str = ""
    credit: str = ""
    photographer: str = ""
    copyright: str = ""
    usage_terms: str = ""


@dataclass(frozen=True)
class WireItem:
    item_id: str  # the agency's id (G2 guid, ninjs uri, RSS guid or link)
    version: str  # as sent ("" when the format has none)
    kind: ItemKind
    pub_status: PubStatus = PubStatus.USABLE
    headline: str = ""
    dek: str = ""  # the summary / description / abstract
    body_html: str = ""  # as sent (sanitised at ingest, never here)
    byline: str = ""
    dateline: str = ""
    language: str = ""  # BCP 47 as sent ("en", "id", "zh")
    subjects: tuple[Subject, ...] = ()
    urgency: int | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    # Editors' notes (G2 edNote, ninjs ednote, NITF ed-msg): for the desk, never for readers.
    editor_notes: tuple[str, ...] = ()
    copyright: str = ""
    usage_terms: str = ""
    credit: str = ""
    # The item's own picture (a picture item) or the pictures associated with a text item.
    pictures: tuple[Picture, ...] = ()
    # Pictures named by id only (G2 link/@residref): the ingest finds them among other items.
    picture_refs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemFailure:
    item_id: str  # "" when the item had no id to name
    reason: str


@dataclass(frozen=True)
class ParseResult:
    items: tuple[WireItem, ...] = ()
    failures: tuple[ItemFailure, ...] = ()
    warnings: tuple[str, ...] = field(default=())
