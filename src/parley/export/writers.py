"""Writing rows as JSON Lines, CSV or Parquet, a batch at a time, to a file or a stream.

JSON Lines keeps nested values as they are. CSV writes one header row, then one row
per record: nested values (lists, objects) as JSON, booleans as ``true``/``false``,
missing values as empty cells. Parquet has a typed column per field (dates as dates,
nested values as lists and structs) and is written in row groups, so memory stays
bounded whatever the export's size.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP = 5000  # rows per Parquet row group


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one JSON object per line; return the number of rows."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    """Write a header and one line per row, in ``columns`` order; return the number of rows."""
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_parquet(rows: Iterable[dict[str, Any]], schema: pa.Schema, out: str | IO[bytes]) -> int:
    """Write the rows as a Parquet file with ``schema``; return the number of rows."""
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(_typed(row, schema))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _typed(row: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """A row with its ISO date and time strings turned into the dates and times ``schema`` holds."""
    return {field.name: _convert(row.get(field.name), field.type) for field in schema}


def _convert(value: Any, type_: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_date32(type_):
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if pa.types.is_timestamp(type_):
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if pa.types.is_struct(type_):
        return {f.name: _convert(value.get(f.name), f.type) for f in type_}
    if pa.types.is_list(type_):
        return [_convert(v, type_.value_type) for v in value]
    return value
