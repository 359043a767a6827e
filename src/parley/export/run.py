"""``export()``: what ``parley export`` runs, streaming the store's records to a file or a stream."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, TypeGuard, cast

import pyarrow as pa

from parley.errors import ConfigError
from parley.export import contract, gdelt, plover, positions
from parley.export.filters import ARTICLE_FILTERS, EVENT_FILTERS, POSITION_FILTERS, ExportFilters
from parley.export.writers import write_csv, write_jsonl, write_parquet
from parley.store import Store

FORMATS = ("jsonl", "csv", "parquet")


@dataclass(frozen=True, slots=True)
class Schema:
    """One export schema: its columns, their Parquet types, the filters it takes and its rows."""

    columns: tuple[str, ...]
    arrow: pa.Schema
    filters: frozenset[str]
    rows: Callable[[Store, ExportFilters], Iterator[dict[str, Any]]]


SCHEMAS: dict[str, Schema] = {
    "parley": Schema(contract.COLUMNS, contract.ARROW, ARTICLE_FILTERS, contract.rows),
    "gdelt": Schema(gdelt.COLUMNS, gdelt.ARROW, EVENT_FILTERS, gdelt.rows),
    "plover": Schema(plover.COLUMNS, plover.ARROW, EVENT_FILTERS, plover.rows),
    "positions": Schema(
        positions.POSITION_COLUMNS, positions.POSITION_ARROW, POSITION_FILTERS, positions.position_rows
    ),
    "shifts": Schema(positions.SHIFT_COLUMNS, positions.SHIFT_ARROW, POSITION_FILTERS, positions.shift_rows),
}


def export(
    store: Store,
    fmt: str,
    schema: str,
    out: BinaryIO | TextIO | Path,
    filters: ExportFilters | None = None,
) -> int:
    """Write the records ``filters`` select from ``store`` to ``out``; return the number of rows.

    ``fmt`` is jsonl, csv or parquet; ``schema`` is parley (one object per article),
    gdelt (a GDELT 2.0 events table), plover (PLOVER event records), positions or shifts. ``out`` is a
    path, written to a temporary file beside it and renamed when complete, or an open
    stream, text or binary (Parquet needs a path or a binary stream). Rows are read
    from the store a page at a time, newest first.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if schema not in SCHEMAS:
        raise ConfigError(f"schema {schema!r}: expected one of {', '.join(SCHEMAS)}")
    chosen = SCHEMAS[schema]
    filters = filters or ExportFilters()
    filters.check(schema, chosen.filters)
    if fmt == "parquet" and _is_text(out):
        raise ConfigError("parquet is binary and needs an output file: pass -o FILE.parquet")
    rows = chosen.rows(store, filters)
    if isinstance(out, Path):
        try:
            with _replacing(out) as part:
                if fmt == "parquet":
                    return write_parquet(rows, chosen.arrow, str(part))
                with part.open("w", encoding="utf-8", newline="") as text:
                    return _write_text(fmt, rows, chosen, text)
        except OSError as exc:
            raise ConfigError(f"{out}: cannot write the export: {exc.strerror or exc}") from exc
    if _is_text(out):
        return _write_text(fmt, rows, chosen, out)
    binary = cast(BinaryIO, out)
    if fmt == "parquet":
        return write_parquet(rows, chosen.arrow, binary)
    wrapper = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    try:
        return _write_text(fmt, rows, chosen, wrapper)
    finally:
        wrapper.flush()
        wrapper.detach()  # leave the caller's binary stream open


def _is_text(out: object) -> TypeGuard[TextIO]:
    return isinstance(out, io.TextIOBase)


def _write_text(fmt: str, rows: Iterator[dict[str, Any]], schema: Schema, out: IO[str]) -> int:
    if fmt == "csv":
        return write_csv(rows, schema.columns, out)
    return write_jsonl(rows, out)


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block succeeds, and is removed if not."""
    part = path.with_name(f".{path.name}.part")
    try:
        yield part
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
