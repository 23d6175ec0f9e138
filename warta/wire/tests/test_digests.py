"""A record's digest never changes for the same item: what is held compares with what comes."""

import hashlib
import json
from dataclasses import asdict
from datetime import UTC
from pathlib import Path

import pytest
from django.conf import settings

from warta.wire.ingest import PARSERS, _digest
from warta.wire.items import WireFormatError
from warta.wire.transports import SUFFIXES

from .wire_helpers import SAMPLES

pytestmark = pytest.mark.database_free

SHARED = Path(settings.BASE_DIR).parent / "shared" / "wire-samples"
FOLDERS = {
    "ninjs": ("ninjs", "ninjs"),
    "newsml-g2": ("newsml-g2", "newsml_g2"),
    "rss": ("rss", "rss"),
}


def _digest_as_first_stored(item) -> str:
    """The digest as records were first written (``dataclasses.asdict``)."""
    said = asdict(item)
    said.pop("warnings", None)
    return hashlib.sha256(json.dumps(said, sort_keys=True, default=str).encode()).hexdigest()


def _items():
    for kind, (shared, own) in FOLDERS.items():
        for folder in (SHARED / shared, SAMPLES / own):
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() not in SUFFIXES[kind]:
                    continue
                try:
                    result = PARSERS[kind](path.read_bytes(), default_zone=UTC)
                except WireFormatError:
                    continue
                yield from result.items


def test_every_sample_item_has_the_digest_it_was_first_stored_with():
    items = list(_items())

    assert len(items) > 50  # the project's samples, and the shared ones where they are
    assert any(item.pictures for item in items) and any(item.subjects for item in items)
    for item in items:
        assert _digest(item) == _digest_as_first_stored(item), item.item_id
