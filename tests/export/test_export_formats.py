"""Every format holds the same rows: JSON Lines, CSV and Parquet, read back with json, csv and pyarrow."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from parley.errors import ConfigError, StoreError
from parley.export import FORMATS, SCHEMAS, ExportFilters, contract, events, export
from parley.store import Store
from tests.export.exportdata import as_json, csv_holds, read_back


def _export(store: Store, fmt: str, schema: str, folder: Path, **filters: Any) -> list[dict[str, Any]]:
    path = folder / f"{schema}.{fmt}"
    n = export(store, fmt, schema, path, ExportFilters(**filters))
    rows = read_back(fmt, path)
    assert n == len(rows)
    return rows


@pytest.mark.parametrize("schema", SCHEMAS)
def test_csv_and_parquet_hold_what_json_lines_holds(store: Store, schema: str, tmp_path: Path) -> None:
    reference = _export(store, "jsonl", schema, tmp_path)
    assert reference
    columns = list(SCHEMAS[schema].columns)

    parquet = _export(store, "parquet", schema, tmp_path)
    assert [as_json(r) for r in parquet] == reference
    assert pq.read_schema(tmp_path / f"{schema}.parquet").names == columns

    rows = _export(store, "csv", schema, tmp_path)
    assert len(rows) == len(reference)
    assert list(rows[0]) == columns
    for got, expected in zip(rows, reference, strict=True):
        assert set(expected) == set(columns)
        for column in columns:
            assert csv_holds(got[column], expected[column]), (column, got[column], expected[column])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("schema", SCHEMAS)
def test_an_empty_store_exports_no_rows(fmt: str, schema: str, tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        path = tmp_path / f"out.{fmt}"
        assert export(empty, fmt, schema, path) == 0
    assert read_back(fmt, path) == []
    if fmt == "csv":
        assert path.read_text().splitlines() == [",".join(SCHEMAS[schema].columns)]
    if fmt == "parquet":
        assert pq.read_schema(path).names == list(SCHEMAS[schema].columns)


@pytest.mark.parametrize("schema", SCHEMAS)
def test_rows_are_read_a_page_at_a_time_without_loss(
    store: Store, schema: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _export(store, "jsonl", schema, tmp_path)
    monkeypatch.setattr(events, "PAGE", 2)
    monkeypatch.setattr(contract, "PAGE", 2)
    assert _export(store, "jsonl", schema, tmp_path) == whole
    ids = [r.get("id", r.get("GLOBALEVENTID")) for r in whole]
    assert ids == sorted(set(ids), reverse=True)


def test_streams_text_and_binary(store: Store, tmp_path: Path) -> None:
    on_disk = _export(store, "jsonl", "plover", tmp_path)
    text = io.StringIO()
    assert export(store, "jsonl", "plover", text) == len(on_disk)
    binary = io.BytesIO()
    assert export(store, "jsonl", "plover", binary) == len(on_disk)
    assert not binary.closed
    assert binary.getvalue().decode("utf-8") == text.getvalue()
    assert [json.loads(line) for line in text.getvalue().splitlines()] == on_disk

    parquet = io.BytesIO()
    assert export(store, "parquet", "plover", parquet) == len(on_disk)
    assert [as_json(r) for r in pq.read_table(io.BytesIO(parquet.getvalue())).to_pylist()] == on_disk


def test_parquet_needs_a_file_or_binary_stream(store: Store) -> None:
    with pytest.raises(ConfigError, match="parquet is binary and needs an output file"):
        export(store, "parquet", "gdelt", io.StringIO())


@pytest.mark.parametrize(
    ("fmt", "schema", "message"),
    [("xml", "parley", "format 'xml'"), ("jsonl", "icews", "schema 'icews'")],
)
def test_unknown_formats_and_schemas_are_config_errors(
    store: Store, fmt: str, schema: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        export(store, fmt, schema, io.StringIO())


def test_a_failed_export_leaves_the_previous_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text("previous export\n")
    calls = 0
    article = store.article

    def failing(article_id: int) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls > 2:
            raise StoreError("database went away")
        return article(article_id)

    monkeypatch.setattr(store, "article", failing)
    with pytest.raises(StoreError):
        export(store, "jsonl", "parley", path)
    assert path.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["articles.jsonl"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_output_file_that_cannot_be_written_is_a_config_error(
    store: Store, fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / "no-such-folder" / f"out.{fmt}"
    with pytest.raises(ConfigError, match=f"{path}: cannot write the export"):
        export(store, fmt, "gdelt", path)
    assert not path.parent.exists()
