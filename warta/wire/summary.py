"""What an ingest did: the item ids by outcome, failures and warnings with their file."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    file: str
    item: str  # the agency's item id; "" for the file as a whole
    reason: str


@dataclass(frozen=True)
class IngestSummary:
    new: tuple[str, ...] = ()  # embargoed items too: they are in, scheduled
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    failed: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    embargoed: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_json(self) -> dict[str, Any]:
        def problems(rows: tuple[Problem, ...]) -> list[dict[str, str]]:
            return [{"file": p.file, "item": p.item, "reason": p.reason} for p in rows]

        return {
            "new": list(self.new),
            "updated": list(self.updated),
            "unchanged": list(self.unchanged),
            "withdrawn": list(self.withdrawn),
            "failed": problems(self.failed),
            "warnings": problems(self.warnings),
        }

    def __add__(self, other: "IngestSummary") -> "IngestSummary":
        return IngestSummary(
            new=self.new + other.new,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
            withdrawn=self.withdrawn + other.withdrawn,
            failed=self.failed + other.failed,
            warnings=self.warnings + other.warnings,
            embargoed=self.embargoed + other.embargoed,
        )
