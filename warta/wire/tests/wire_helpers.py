"""Helpers for the wire desk's ingest tests: sources, ninjs items written on the spot, files."""

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from warta.newsroom.models import Article, ArticleText, NewsImage, Section, Tag
from warta.wire.ingest import ingest_files
from warta.wire.models import WireItemRecord, WirePicture
from warta.wire.services import SourceSettings, source_add
from warta.wire.summary import IngestSummary
from warta.wire.transports import SUFFIXES, read_path

SAMPLES = Path(__file__).parent / "samples"


def section(slug: str = "world", name: str = "World") -> Section:
    return Section.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def source(name: str = "Kantor Berita Uji", **overrides: Any):
    section(overrides.pop("section_slug", "world"))
    settings = SourceSettings(
        name=name,
        format=overrides.pop("format", "ninjs"),
        section_slug="world",
        publish_mode=overrides.pop("publish_mode", "now"),
        access_level=overrides.pop("access_level", "free"),
        time_zone=overrides.pop("time_zone", "Asia/Jakarta"),
        **overrides,
    )
    return source_add(settings=settings)


def ninjs(
    uri: str,
    version: int | str,
    headline: str = "Floodwater reaches the coast road",
    *,
    body: str = "<p>Water rose to 40 cm along the coast road.</p><p>Schools closed early.</p>",
    pubstatus: str = "usable",
    embargoed: datetime | None = None,
    ednote: str = "",
    versioncreated: str = "2026-11-30T09:00:00+07:00",
    **extra: Any,
) -> bytes:
    """One ninjs 2.x text item, as an agency sends it."""
    item: dict[str, Any] = {
        "uri": uri,
        "type": "text",
        "version": str(version),
        "versioncreated": versioncreated,
        "pubstatus": pubstatus,
        "language": "en",
        "headlines": [{"role": "main", "value": headline}],
        "descriptions": [{"role": "summary", "value": "Three districts are under water."}],
        "bodies": [{"role": "html", "contenttype": "text/html", "value": body}],
        **extra,
    }
    if embargoed is not None:
        item["embargoed"] = embargoed.isoformat()
    if ednote:
        item["ednote"] = ednote
    return json.dumps(item).encode()


def ingest(
    src, tmp_path: Path, data: bytes, name: str = "item.json", **kwargs: Any
) -> IngestSummary:
    """Write ``data`` to a file in its own folder and ingest it, as the command would."""
    folder = tmp_path / f"drop-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / name
    path.write_bytes(data)
    return ingest_files(source=src, files=read_path(path, suffixes=SUFFIXES[src.format]), **kwargs)


def ingest_path(src, path: Path, **kwargs: Any) -> IngestSummary:
    return ingest_files(source=src, files=read_path(path, suffixes=SUFFIXES[src.format]), **kwargs)


def row_counts() -> dict[str, int]:
    """Rows an ingest may make: none of them may be left half-made by a failed item."""
    from wagtail.models import Revision
    from wagtail.search.models import IndexEntry

    return {
        "articles": Article.objects.count(),
        "revisions": Revision.objects.count(),
        "images": NewsImage.objects.count(),
        "tags": Tag.objects.count(),
        "texts": ArticleText.objects.count(),
        "search": IndexEntry.objects.count(),
        "records": WireItemRecord.objects.count(),
        "pictures": WirePicture.objects.count(),
    }
