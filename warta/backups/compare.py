"""Two databases compared row by row: a restored backup against the database it came from.

For every table of either side, the rows of both are read in the same order (by primary key, or
by every column when a table has none) and compared as values. Nothing here knows an app: the
tables come from Django's introspection, the rows from plain SQL.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

_BATCH = 2000


@dataclass
class TableDifference:
    table: str
    reason: str
    # The first rows that differ: (source row, restored row); None where a side has no row.
    rows: list[tuple[Sequence[Any] | None, Sequence[Any] | None]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.table}: {self.reason}"]
        for left, right in self.rows:
            lines.append(f"    source:   {_shown(left)}")
            lines.append(f"    restored: {_shown(right)}")
        return "\n".join(lines)


@dataclass
class Comparison:
    tables: int = 0
    rows: int = 0
    differences: list[TableDifference] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.differences


def _shown(row: Sequence[Any] | None) -> str:
    if row is None:
        return "(no row)"
    text = repr(tuple(row))
    return text if len(text) <= 300 else text[:297] + "..."


def _value(value: Any) -> Any:
    # PostgreSQL's bytea arrives as a memoryview, which compares by identity of its buffer.
    return bytes(value) if isinstance(value, memoryview) else value


def _tables(wrapper: BaseDatabaseWrapper) -> set[str]:
    with wrapper.cursor() as cursor:
        return set(wrapper.introspection.table_names(cursor))


def _columns(wrapper: BaseDatabaseWrapper, table: str) -> tuple[list[str], list[str]]:
    with wrapper.cursor() as cursor:
        columns = [c.name for c in wrapper.introspection.get_table_description(cursor, table)]
        keys = wrapper.introspection.get_primary_key_columns(cursor, table) or []
    return columns, keys


def _rows(
    wrapper: BaseDatabaseWrapper, table: str, columns: list[str], order: list[str]
) -> Iterator[tuple[Any, ...]]:
    quote = wrapper.ops.quote_name
    # The names come from the database's own catalogue, quoted; no value is put in the text.
    sql = "SELECT {} FROM {} ORDER BY {}".format(  # noqa: S608  # nosec B608
        ", ".join(quote(c) for c in columns),
        quote(table),
        ", ".join(quote(c) for c in order),
    )
    with wrapper.cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                yield tuple(_value(v) for v in row)


def compare_databases(
    source: BaseDatabaseWrapper,
    restored: BaseDatabaseWrapper,
    *,
    rows_shown: int = 3,
    exclude: Sequence[str] = (),
) -> Comparison:
    """Compare every table of ``source`` and ``restored``, row by row."""
    result = Comparison()
    source_tables, restored_tables = _tables(source), _tables(restored)
    for table in sorted((source_tables | restored_tables) - set(exclude)):
        if table not in restored_tables:
            result.differences.append(TableDifference(table, "missing from the restored copy"))
            continue
        if table not in source_tables:
            result.differences.append(TableDifference(table, "only in the restored copy"))
            continue
        result.tables += 1
        columns, keys = _columns(source, table)
        restored_columns, _ = _columns(restored, table)
        if columns != restored_columns:
            result.differences.append(
                TableDifference(table, f"columns differ: {columns} against {restored_columns}")
            )
            continue
        order = keys or columns
        different: list[tuple[Sequence[Any] | None, Sequence[Any] | None]] = []
        count = mismatches = 0
        for left, right in zip_longest(
            _rows(source, table, columns, order), _rows(restored, table, columns, order)
        ):
            count += 1
            if left != right:
                mismatches += 1
                if len(different) < rows_shown:
                    different.append((left, right))
        result.rows += count
        if mismatches:
            result.differences.append(
                TableDifference(table, f"{mismatches} of {count} rows differ", different)
            )
    return result
