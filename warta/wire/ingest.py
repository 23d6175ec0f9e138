"""Agency items into articles, exactly once per version.

For every item of every file: the newest version warta holds decides (``versions.compare``).
The same version changes nothing; an older one never overwrites a newer one; a newer one is a
new revision of the same article, published or waiting for an editor as the source says. A
kill (``canceled``) takes the article off every output and nothing brings it back; ``withheld``
takes it off until a later usable version. A withdrawal of an item never seen leaves a
tombstone, so a late older version stays out. An embargoed item is scheduled: the worker
publishes it at its time. An item that cannot be taken is rolled back whole and reported with
its reason; the others land.

Each item is its own transaction, except new stories that need nothing else (``_Batch``): up
to ``BATCH_SIZE`` of them are written together, and taken one by one if that fails (decision
0016).
"""

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from lxml import html
from wagtail.rich_text import RichText

from warta.newsroom.articles_bulk import articles_create_many
from warta.newsroom.models import (
    LANGUAGE_TAG,
    Article,
    ArticleEvent,
    Section,
    Tag,
    article_slug_available,
)
from warta.newsroom.services import (
    ArticleChanges,
    article_create,
    article_hero_set,
    article_revise,
    article_take_down,
)
from warta.worker.deferred_tasks import tasks_deferred

from .body import BodyBlock, BodyRefused, body_blocks, clean_html
from .items import ItemFailure, ItemKind, PubStatus, WireFormatError, WireItem
from .models import (
    DeskEvent,
    ItemState,
    Outcome,
    PublishMode,
    Source,
    WireItemRecord,
    WirePicture,
)
from .parsers import newsml_g2, ninjs, rss
from .pictures import picture_store
from .summary import IngestSummary, Problem
from .transports import Resolver, WireFile
from .versions import Order, Stamp, compare

logger = logging.getLogger(__name__)

PARSERS = {"ninjs": ninjs.parse, "newsml-g2": newsml_g2.parse, "rss": rss.parse}
_BYLINE_PREFIX = re.compile(r"^\s*(by|oleh)\s+", re.IGNORECASE)
_TAG_KINDS = {"", "subject", "category", "keyword", "place", "organisation", "person", "event"}
MAX_TAGS = 12
MAX_VERSION = 64  # as long as WireItemRecord.version holds


class _RolledBack(Exception):
    """Raised inside an item's transaction to undo it: a dry run, or a refused item."""


class ItemRefused(Exception):
    """The item cannot become an article; the message says why, for the summary."""


@dataclass
class _Tally:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    embargoed: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def frozen(self) -> IngestSummary:
        return IngestSummary(
            new=tuple(self.new),
            updated=tuple(self.updated),
            unchanged=tuple(self.unchanged),
            withdrawn=tuple(self.withdrawn),
            failed=tuple(self.failed),
            warnings=tuple(self.warnings),
            embargoed=tuple(self.embargoed),
        )


@dataclass(frozen=True)
class _Done:
    outcome: str  # an Outcome, or "unchanged"
    record: WireItemRecord | None
    detail: str = ""
    warnings: tuple[str, ...] = ()


def ingest_files(
    *,
    source: Source,
    files: Iterable[WireFile],
    dry_run: bool = False,
    now: datetime | None = None,
    on_item: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Ingest every item of ``files`` (in the order given) for ``source``.

    ``dry_run`` runs the same steps and rolls each item back (fetching no picture files), so
    it reports what an ingest would do. ``on_item`` is told each item id as it is done.
    """
    tally = _Tally()
    parse = PARSERS[source.format]
    # New plain items are written together, across files; every other item waits for them.
    batch = _Batch(source, tally, now, on_item)
    seen: set[str] = set()
    for wire_file in files:
        try:
            result = parse(wire_file.data, default_zone=source.zone)
        except WireFormatError as error:
            _fail(source, tally, wire_file.name, "", str(error), dry_run)
            continue
        for warning in result.warnings:
            tally.warnings.append(Problem(wire_file.name, "", warning))
        _fail_many(source, tally, wire_file.name, result.failures, dry_run)
        held = _records_held(source, result.items)
        # Pictures first: a text item of the same message finds its picture already in.
        for item in sorted(result.items, key=lambda item: item.kind != ItemKind.PICTURE):
            if _same_as_held(item, held.get(item.item_id)):
                tally.unchanged.append(item.item_id)  # nothing to write: no transaction
                batch.told(item)
            elif not dry_run and _new_and_plain(item, held, seen, now):
                batch.add(item, wire_file)
            else:
                batch.flush()  # in the order of the files
                _ingest_item(source, item, wire_file, tally, dry_run=dry_run, now=now)
                batch.told(item)
            seen.add(item.item_id)
    batch.flush()
    if not dry_run and (tally.new or tally.updated or tally.withdrawn):
        Source.objects.filter(pk=source.pk).update(last_item_at=timezone.now())
    return tally.frozen()


def _records_held(source: Source, items: Iterable[WireItem]) -> dict[str, WireItemRecord]:
    """The records of a file's text items, read at once (a re-run of 10,000 items is mostly
    the same versions again)."""
    ids = [item.item_id for item in items if item.kind == ItemKind.TEXT and item.item_id]
    held: dict[str, WireItemRecord] = {}
    for start in range(0, len(ids), 500):
        chunk = WireItemRecord.objects.filter(
            source=source, item_id__in=ids[start : start + 500]
        ).only("item_id", "state", "version", "version_created", "digest")  # what is compared
        held.update((record.item_id, record) for record in chunk)
    return held


def _same_as_held(item: WireItem, record: WireItemRecord | None) -> bool:
    """A usable text item of the very version held, untouched since: what ``_apply`` would
    find unchanged, told without a transaction. Anything else goes the whole way."""
    if record is None or item.warnings or item.pub_status != PubStatus.USABLE:
        return False
    if record.state == ItemState.KILLED or len(item.version) > MAX_VERSION:
        return False
    stamp = Stamp(item.version, item.version_created, _digest(item))
    return compare(stamp, _stamp_of(record)) == Order.SAME


# --- New items, many at once ----------------------------------------------------------------

BATCH_SIZE = 500
# A batch this big is a backlog (a new source's first poll, a feed caught up after an outage):
# its search entries are the worker's, so its stories reach the site sooner (decision 0016).
BACKLOG_ITEMS = 100


def _new_and_plain(
    item: WireItem, held: dict[str, WireItemRecord], seen: set[str], now: datetime | None
) -> bool:
    """An item that can only become a new article, published now or a draft: a usable text
    item never seen (no record, not earlier in the files), with no picture to fetch and no
    embargo ahead. These are taken in batches; everything else one at a time."""
    if item.kind != ItemKind.TEXT or item.pub_status != PubStatus.USABLE or item.pictures:
        return False
    if not item.item_id or len(item.item_id) > 500 or len(item.version) > MAX_VERSION:
        return False
    if item.item_id in held or item.item_id in seen:
        return False
    embargo = item.embargoed_until
    return embargo is None or embargo <= (now or timezone.now())


class _Batch:
    """New plain items, written together (``articles_create_many``) in one
    transaction. If it fails, it is rolled back and each item is taken on its own, so the one
    that cannot be taken is reported with its reason and the others land."""

    def __init__(
        self,
        source: Source,
        tally: _Tally,
        now: datetime | None,
        on_item: Callable[[str], None] | None,
    ) -> None:
        self.source, self.tally = source, tally
        self.now, self.on_item = now, on_item
        self.items: list[WireItem] = []
        self.files: dict[str, WireFile] = {}  # by item id: where each came from

    def add(self, item: WireItem, wire_file: WireFile) -> None:
        self.items.append(item)
        self.files[item.item_id] = wire_file
        if len(self.items) >= BATCH_SIZE:
            self.flush()

    def told(self, item: WireItem) -> None:
        if self.on_item is not None:
            self.on_item(item.item_id)

    def flush(self) -> None:
        items, self.items = self.items, []
        files, self.files = self.files, {}
        if not items:
            return
        alone: list[WireItem] = []  # refused: taken on their own, to be reported as usual
        try:
            with transaction.atomic(), tasks_deferred():
                done = self._create(items, alone)
        except Exception:  # rolled back whole: each item again, on its own
            logger.warning(
                "a batch of %d items of %s went one by one", len(items), self.source, exc_info=True
            )
            done, alone = [], items
        for item, _record, warnings in done:
            self.tally.new.append(item.item_id)
            for warning in [*item.warnings, *warnings]:
                self.tally.warnings.append(Problem(files[item.item_id].name, item.item_id, warning))
        DeskEvent.objects.bulk_create(
            (
                DeskEvent(
                    source=self.source,
                    record=record,
                    item_id=item.item_id[:500],
                    outcome=Outcome.NEW,
                    headline=_plain(item.headline)[:255],
                    editor_notes=_notes(item),
                    file=files[item.item_id].name[-500:],
                    detail="\n".join([*warnings, *item.warnings]),
                )
                for item, record, warnings in done
            ),
            batch_size=500,
        )
        for item in alone:
            wire_file = files[item.item_id]
            _ingest_item(self.source, item, wire_file, self.tally, dry_run=False, now=self.now)
        for item in items:
            self.told(item)

    def _create(
        self, items: list[WireItem], alone: list[WireItem]
    ) -> list[tuple[WireItem, WireItemRecord, tuple[str, ...]]]:
        now = self.now or timezone.now()
        source = self.source
        taken, all_changes, warned = [], [], []
        known = _Known.read(source, items)
        for item in items:
            try:
                bounded = _dates_bounded(item)
                changes, warnings = _content(source, bounded, None, known)
            except (ItemRefused, ValueError):  # BodyRefused too: reported on its own
                alone.append(item)
                continue
            taken.append(bounded)
            all_changes.append(changes)
            warned.append(warnings)
        publish = source.publish_mode == PublishMode.NOW
        articles = articles_create_many(
            articles=all_changes,
            wire_source=source.agency,
            publish=publish,
            search_index_later=len(all_changes) >= BACKLOG_ITEMS,
        )
        state = _state(publish=publish, embargo=None)
        records = []
        for item, changes, article in zip(taken, all_changes, articles, strict=True):
            record = WireItemRecord(source=source, item_id=item.item_id, kind=item.kind)
            stamp = Stamp(item.version, item.version_created, _digest(item))
            _fill(record, item, stamp, state=state, article=article, now=now)
            record.hero_picture_id = _hero_id(item) if changes.hero_image is None else ""
            records.append(record)
        WireItemRecord.objects.bulk_create(records)
        return list(zip(taken, records, warned, strict=True))


# --- One item at a time -----------------------------------------------------------------------


def _ingest_item(
    source: Source,
    item: WireItem,
    wire_file: WireFile,
    tally: _Tally,
    *,
    dry_run: bool,
    now: datetime | None,
) -> None:
    try:
        item = _dates_bounded(item)
    except ItemRefused as error:
        _fail(source, tally, wire_file.name, item.item_id, str(error), dry_run)
        return
    for warning in item.warnings:
        tally.warnings.append(Problem(wire_file.name, item.item_id, warning))
    done: _Done | None = None
    try:
        with transaction.atomic():
            # The article is saved several times (created, revised, published): its search
            # and reference index entries are written once, at the end, inside the transaction.
            with tasks_deferred():
                done = _apply(source, item, None if dry_run else wire_file.resolver, now)
            if dry_run:
                raise _RolledBack
    except _RolledBack:
        pass
    except (ItemRefused, ValidationError, ValueError) as error:
        _fail(source, tally, wire_file.name, item.item_id, _reason(error), dry_run)
        return
    except Exception as error:  # one item's bug never stops the others; it is logged whole
        logger.exception("wire item %s of %s failed", item.item_id, source)
        reason = f"internal error ({type(error).__name__}: {error}); see the log"
        _fail(source, tally, wire_file.name, item.item_id, reason, dry_run)
        return
    assert done is not None
    for warning in done.warnings:
        tally.warnings.append(Problem(wire_file.name, item.item_id, warning))
    match done.outcome:
        case Outcome.NEW:
            tally.new.append(item.item_id)
        case Outcome.EMBARGOED:
            tally.new.append(item.item_id)
            tally.embargoed.append(item.item_id)
        case Outcome.UPDATED:
            tally.updated.append(item.item_id)
        case Outcome.WITHDRAWN:
            tally.withdrawn.append(item.item_id)
        case _:
            tally.unchanged.append(item.item_id)
    if not dry_run and done.outcome != "unchanged":
        detail = "\n".join(filter(None, [done.detail, *done.warnings, *item.warnings]))
        DeskEvent.objects.create(
            source=source,
            record=done.record,
            item_id=item.item_id[:500],
            outcome=done.outcome,
            headline=_plain(item.headline)[:255],
            editor_notes=_notes(item),
            file=wire_file.name[-500:],
            detail=detail,
        )


def _fail(source: Source, tally: _Tally, file: str, item_id: str, reason: str, dry: bool) -> None:
    tally.failed.append(Problem(file, item_id, reason))
    if not dry:
        DeskEvent.objects.create(
            source=source,
            item_id=item_id[:500],
            outcome=Outcome.FAILED,
            file=file[-500:],
            detail=reason,
        )


def _fail_many(
    source: Source, tally: _Tally, file: str, failures: Iterable[ItemFailure], dry: bool
) -> None:
    """The items a parser refused, logged for the desk in one write (a file of 10,000 empty
    items is 10,000 lines, not 10,000 transactions)."""
    events = []
    for failure in failures:
        tally.failed.append(Problem(file, failure.item_id, failure.reason))
        events.append(
            DeskEvent(
                source=source,
                item_id=failure.item_id[:500],
                outcome=Outcome.FAILED,
                file=file[-500:],
                detail=failure.reason,
            )
        )
    if events and not dry:
        DeskEvent.objects.bulk_create(events, batch_size=500)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)


# --- One item -------------------------------------------------------------------------------


# Dates an agency may mean; outside them (year 1 or 9999), the database and time-zone arithmetic
# overflow. A creation time outside is dropped with a warning; an embargo holds the item back.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def _dates_bounded(item: WireItem) -> WireItem:
    def inside(moment: datetime | None) -> bool:
        return moment is None or EARLIEST <= moment <= LATEST

    warnings = list(item.warnings)
    embargo = item.embargoed_until
    if not inside(embargo):
        if item.pub_status == PubStatus.USABLE:
            raise ItemRefused(
                f"the embargo {embargo:%Y-%m-%d} is not a date the item can wait for: "
                "the item is held back"
            )
        warnings.append(f"the embargo {embargo:%Y-%m-%d} was dropped")  # a kill acts at once
        embargo = None
    first, version = item.first_created, item.version_created
    if not inside(first):
        warnings.append(f"the first created time {first:%Y-%m-%d} was dropped")
        first = None
    if not inside(version):
        warnings.append(f"the version created time {version:%Y-%m-%d} was dropped")
        version = None
    if len(warnings) == len(item.warnings):
        return item
    return replace(
        item,
        first_created=first,
        version_created=version,
        embargoed_until=embargo,
        warnings=tuple(warnings),
    )


def _apply(
    source: Source, item: WireItem, resolver: Resolver | None, now: datetime | None
) -> _Done:
    if not item.item_id:
        raise ItemRefused("the item has no id")
    if len(item.item_id) > 500:
        raise ItemRefused("the item's id is longer than 500 characters")
    if len(item.version) > MAX_VERSION:
        raise ItemRefused(f"the item's version is longer than {MAX_VERSION} characters")
    if item.kind == ItemKind.OTHER:
        raise ItemRefused("not a text or picture item (video, audio, graphics are not taken)")
    now = now or timezone.now()
    stamp = Stamp(item.version, item.version_created, _digest(item))
    record = (
        WireItemRecord.objects.select_for_update()
        .filter(source=source, item_id=item.item_id)
        .first()
    )
    if item.kind == ItemKind.PICTURE:
        return _picture_item(source, item, record, stamp, resolver, now)
    if record is not None:
        if record.state == ItemState.KILLED:
            return _Done("unchanged", record, warnings=("killed by the agency: not taken again",))
        order = compare(stamp, _stamp_of(record))
        if item.pub_status == PubStatus.CANCELED:  # a kill is final, whatever its version
            return _withdraw(source, record, item, stamp, now, killed=True)
        if order == Order.SAME:
            return _Done("unchanged", record)
        if order == Order.OLDER:
            held = record.version or record.version_created
            return _Done("unchanged", record, warnings=(f"older than the version held ({held})",))
        if item.pub_status == PubStatus.WITHHELD:
            return _withdraw(source, record, item, stamp, now, killed=False)
        return _update(source, record, item, stamp, resolver, now)
    if item.pub_status != PubStatus.USABLE:
        record = WireItemRecord(source=source, item_id=item.item_id, kind=item.kind)
        return _withdraw(source, record, item, stamp, now, killed=item.pub_status == "canceled")
    return _create(source, item, stamp, resolver, now)


def _create(
    source: Source,
    item: WireItem,
    stamp: Stamp,
    resolver: Resolver | None,
    now: datetime,
    record: WireItemRecord | None = None,
) -> _Done:
    changes, warnings = _content(source, item, resolver)
    embargo = item.embargoed_until if item.embargoed_until and item.embargoed_until > now else None
    publish = source.publish_mode == PublishMode.NOW
    article = article_create(
        headline=changes.headline,
        slug=article_slug_available(changes.headline),
        dek=changes.dek,
        section=changes.section,
        body=changes.body,
        access_level=changes.access_level,
        wire_source=source.agency,
        dateline=changes.dateline,
        agency_byline=changes.agency_byline,
        text_language=changes.text_language,
        hero_image=changes.hero_image,
        hero_alt=changes.hero_alt,
        hero_caption=changes.hero_caption,
        tags=changes.tags,
        publish=publish and embargo is None,
        go_live_at=embargo,
        schedule=publish,
    )
    state = _state(publish=publish, embargo=embargo)
    record = record or WireItemRecord(source=source, item_id=item.item_id, kind=item.kind)
    _fill(record, item, stamp, state=state, article=article, now=now)
    record.hero_picture_id = _hero_id(item) if changes.hero_image is None else ""
    record.save()
    outcome = Outcome.EMBARGOED if embargo else Outcome.NEW
    detail = f"embargoed until {timezone.localtime(embargo):%Y-%m-%d %H:%M %Z}" if embargo else ""
    return _Done(outcome, record, detail, warnings)


def _update(
    source: Source,
    record: WireItemRecord,
    item: WireItem,
    stamp: Stamp,
    resolver: Resolver | None,
    now: datetime,
) -> _Done:
    if record.article is None:  # a withheld tombstone, or an article an editor deleted
        done = _create(source, item, stamp, resolver, now, record=record)
        return _Done(Outcome.UPDATED, done.record, done.detail, done.warnings)
    changes, warnings = _content(source, item, resolver)
    embargo = item.embargoed_until if item.embargoed_until and item.embargoed_until > now else None
    publish = source.publish_mode == PublishMode.NOW
    article = article_revise(
        article=record.article,
        changes=changes,
        publish=publish,
        go_live_at=embargo if publish else None,
    )
    state = _state(publish=publish, embargo=embargo)
    if not publish and record.article.live:
        state = ItemState.PUBLISHED  # the new version waits for review; the old one is out
    _fill(record, item, stamp, state=state, article=article, now=now)
    record.hero_picture_id = _hero_id(item) if changes.hero_image is None else ""
    record.save()
    return _Done(Outcome.UPDATED, record, "", warnings)


def _withdraw(
    source: Source,
    record: WireItemRecord,
    item: WireItem,
    stamp: Stamp,
    now: datetime,
    *,
    killed: bool,
) -> _Done:
    if record.article is not None:
        reasons = ArticleEvent.Reason
        because = reasons.KILLED if killed else reasons.WITHHELD
        article_take_down(article=record.article, because=because)
    try:
        reason = _notes(item) or _plain(item.body_html) or _plain(item.dek)
    except BodyRefused:  # a kill acts whatever its text
        reason = ""
    _fill(
        record,
        item,
        stamp,
        state=ItemState.KILLED if killed else ItemState.WITHHELD,
        article=record.article,
        now=now,
    )
    record.withdrawal_reason = reason
    record.save()
    what = "killed" if killed else "withheld"
    if record.article is None:
        detail = f"{what} by the agency before it arrived (kept out if it ever does)"
    else:
        detail = f"{what} by the agency: the article is off the site"
    if reason != _notes(item):  # the reason came in the body: the desk shows the notes apart
        detail = f"{detail}\n{reason}"
    return _Done(Outcome.WITHDRAWN, record, detail)


def _picture_item(
    source: Source,
    item: WireItem,
    record: WireItemRecord | None,
    stamp: Stamp,
    resolver: Resolver | None,
    now: datetime,
) -> _Done:
    if record is not None and compare(stamp, _stamp_of(record)) != Order.NEWER:
        return _Done("unchanged", record)
    warnings: list[str] = []
    for picture in item.pictures or ():
        stored = picture_store(source=source, picture=picture, resolver=resolver)
        if stored.warning:
            warnings.append(stored.warning)
        if stored.picture.image is not None:
            _attach_waiting(source, stored.picture.picture_id)
    outcome = Outcome.NEW if record is None else Outcome.UPDATED
    record = record or WireItemRecord(source=source, item_id=item.item_id, kind=item.kind)
    _fill(record, item, stamp, state=ItemState.PICTURE, article=None, now=now)
    record.save()
    return _Done(outcome, record, warnings=tuple(warnings))


def _attach_waiting(source: Source, picture_id: str) -> None:
    """Articles whose item named this picture before it arrived get it as their hero."""
    stored = WirePicture.objects.select_related("image").get(source=source, picture_id=picture_id)
    waiting = WireItemRecord.objects.filter(
        source=source, hero_picture_id=picture_id, article__isnull=False
    ).select_related("article")
    for record in waiting:
        article = record.article
        assert article is not None
        article_hero_set(
            article=article,
            hero_image=stored.image,
            hero_alt=article.hero_alt or stored.alt_text[:255],
            hero_caption=article.hero_caption or stored.caption,
            publish=article.live,
        )
        WireItemRecord.objects.filter(pk=record.pk).update(hero_picture_id="")


# --- Mapping --------------------------------------------------------------------------------


def _content(
    source: Source, item: WireItem, resolver: Resolver | None, known: "_Known | None" = None
) -> tuple[ArticleChanges, tuple[str, ...]]:
    """The article an item makes, and warnings (a picture that could not be fetched).
    ``known``: the source's sections and tags, when a batch has read them already."""
    known = known or _Known.read(source, [item])
    headline = " ".join(_plain(item.headline).split())
    if not headline:
        raise ItemRefused("the item has no headline")
    blocks = body_blocks(item.body_html)
    dek = " ".join(_plain(item.dek).split()) or _first_words(blocks)
    if not blocks and not dek:
        raise ItemRefused("the item has no body and no summary")
    if not blocks:
        blocks = [_paragraph(dek)]
    warnings: list[str] = []
    hero_image, hero_alt, hero_caption = None, "", ""
    for picture in item.pictures[:1]:
        stored = picture_store(source=source, picture=picture, resolver=resolver)
        if stored.warning:
            warnings.append(stored.warning)
        hero_image = stored.picture.image
        hero_alt = stored.picture.alt_text
        hero_caption = stored.picture.caption
    if hero_image is None and item.picture_refs:
        stored_ref = WirePicture.objects.filter(
            source=source, picture_id=item.picture_refs[0], image__isnull=False
        ).first()
        if stored_ref is not None:
            hero_image, hero_alt = stored_ref.image, stored_ref.alt_text
            hero_caption = stored_ref.caption
    if hero_image is not None and not (hero_alt or hero_image.description):
        hero_alt = hero_caption[:255] or headline[:255]
    changes = ArticleChanges(
        headline=headline[:255],
        dek=_trim(dek, 500),
        body=[(block.kind, _block_value(block.kind, block.value)) for block in blocks],
        section=_section(item, known, source.section),
        access_level=source.access_level,
        dateline=_plain(item.dateline)[:120],
        agency_byline=_byline(item),
        text_language=_language(item),
        tags=_tags(item, known),
        hero_image=hero_image,
        hero_alt=hero_alt[:255],
        hero_caption=hero_caption,
    )
    return changes, tuple(warnings)


def _byline(item: WireItem) -> str:
    return _BYLINE_PREFIX.sub("", _plain(item.byline)).strip()[:255]


def _language(item: WireItem) -> str:
    """The item's language for the page's ``lang``, when it is a tag browsers take."""
    language = item.language.strip().replace("_", "-")
    return language if len(language) <= 35 and re.match(LANGUAGE_TAG, language) else ""


def _block_value(kind: str, value: str) -> object:
    if kind == "paragraph":
        return RichText(f"<p>{value}</p>")
    if kind == "quote":
        return {"text": value, "attribution": ""}
    return value


def _paragraph(text: str) -> BodyBlock:
    return BodyBlock("paragraph", text.replace("&", "&amp;").replace("<", "&lt;"))


@dataclass
class _Known:
    """The source's category mapping and the tags a batch of items names, read once."""

    sections: dict[str, Section]
    tags: dict[str, Tag]

    @classmethod
    def read(cls, source: Source, items: Iterable[WireItem] = ()) -> "_Known":
        sections = {m.code: m.section for m in source.categories.select_related("section")}
        slugs = sorted(
            {_tag_name_slug(subject.name)[1] for item in items for subject in item.subjects}
        )
        tags: dict[str, Tag] = {}
        for start in range(0, len(slugs), 500):
            tags.update(
                (t.slug, t) for t in Tag.objects.filter(slug__in=slugs[start : start + 500])
            )
        return cls(sections, tags)

    def tag(self, name: str, slug: str) -> Tag:
        if slug not in self.tags:
            found = Tag.objects.filter(slug=slug).first()
            self.tags[slug] = found or Tag.objects.create(name=name, slug=slug)
        return self.tags[slug]


def _tag_name_slug(raw: str) -> tuple[str, str]:
    name = " ".join(_plain(raw).split())[:80]
    return name, slugify(name)[:80]


def _section(item: WireItem, known: _Known, default: Section) -> Section:
    for code in (subject.code for subject in item.subjects if subject.code):
        if code in known.sections:
            return known.sections[code]
    return default


def _tags(item: WireItem, known: _Known) -> list[Tag]:
    tags: list[Tag] = []
    seen: set[str] = set()
    for subject in item.subjects:
        if subject.code in known.sections or subject.kind not in _TAG_KINDS:
            continue
        name, slug = _tag_name_slug(subject.name)
        if not slug or slug in seen:
            continue
        seen.add(slug)
        tags.append(known.tag(name, slug))
        if len(tags) == MAX_TAGS:
            break
    return tags


def _state(*, publish: bool, embargo: datetime | None) -> str:
    if embargo is not None:
        return ItemState.EMBARGOED
    return ItemState.PUBLISHED if publish else ItemState.DRAFT


def _fill(
    record: WireItemRecord,
    item: WireItem,
    stamp: Stamp,
    *,
    state: str,
    article: Article | None,
    now: datetime,
) -> None:
    record.kind = item.kind
    record.version = item.version[:64]
    record.version_created = item.version_created
    record.digest = stamp.digest
    record.state = state
    record.article = article
    record.headline = " ".join(_plain(item.headline).split())[:255]
    record.byline = _byline(item)
    record.language = item.language[:35]
    record.urgency = item.urgency if item.urgency is not None and 0 <= item.urgency < 100 else None
    record.first_created = item.first_created
    record.embargoed_until = item.embargoed_until
    record.editor_notes = _notes(item)
    record.changed_at = now


def _stamp_of(record: WireItemRecord) -> Stamp:
    return Stamp(record.version, record.version_created, record.digest)


def _digest(item: WireItem) -> str:
    """What the item says, as a hash: the same version saying something else is a correction.
    Stored with each record, so it never changes for the same item (``test_digests``)."""
    said = {f.name: getattr(item, f.name) for f in fields(item) if f.name != "warnings"}
    text = json.dumps(said, sort_keys=True, default=_said)
    return hashlib.sha256(text.encode()).hexdigest()


def _said(value: Any) -> Any:
    """For ``json.dumps``: ``dataclasses.asdict``'s dict of a nested item (the encoder walks
    it, much faster than ``asdict``'s deep copies), anything else as text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    return str(value)


def _hero_id(item: WireItem) -> str:
    if item.pictures:
        return item.pictures[0].item_id[:500]
    return item.picture_refs[0][:500] if item.picture_refs else ""


def _notes(item: WireItem) -> str:
    return "\n".join(note.strip() for note in item.editor_notes if note.strip())


def _plain(raw: str) -> str:
    """Text without markup, entities decoded once."""
    if "<" not in raw and "&" not in raw:
        return raw.strip()
    cleaned = clean_html(raw)
    if not cleaned.strip():
        return ""
    return html.fragment_fromstring(cleaned, create_parent="div").text_content().strip()


def _first_words(blocks: list[BodyBlock]) -> str:
    for block in blocks:
        if block.kind == "paragraph":
            return _plain(block.value)
    return ""


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


__all__ = ["PARSERS", "ItemRefused", "ingest_files"]
