"""Which of two versions of one agency item is newer: a pure rule, tested on its own.

Agencies number versions (G2 ``@version``, ninjs ``version``), date them (``versionCreated``,
RSS ``updated``), or neither (many RSS feeds). Numbers decide when both have one; otherwise
the version times; a feed that sends neither is compared by what the item says (its digest):
the same words are the same version, other words a newer one.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Order(StrEnum):
    NEWER = "newer"
    SAME = "same"
    OLDER = "older"


@dataclass(frozen=True)
class Stamp:
    version: str
    created: datetime | None
    digest: str


def compare(new: Stamp, old: Stamp) -> Order:
    """How ``new`` (just received) stands to ``old`` (stored)."""
    if new.version and old.version:
        if new.version == old.version:
            return Order.SAME
        if _number(new.version) and _number(old.version):
            new_key, old_key = _key(new.version), _key(old.version)
            if new_key == old_key:  # "01" and "1"
                return Order.SAME
            return Order.NEWER if new_key > old_key else Order.OLDER
    elif new.digest == old.digest:
        return Order.SAME
    if new.created is not None and old.created is not None and new.created != old.created:
        return Order.NEWER if new.created > old.created else Order.OLDER
    if new.digest == old.digest:
        return Order.SAME
    return Order.NEWER


def _number(version: str) -> bool:
    return version.isascii() and version.isdigit()


def _key(version: str) -> tuple[int, str]:
    """A version number's order, however long, without reading it as an int."""
    digits = version.lstrip("0") or "0"
    return (len(digits), digits)
