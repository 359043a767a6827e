"""The positions and shifts schemas: one flat row per stored record, filtered by actor, issue and date."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from parley.errors import ConfigError
from parley.export import ExportFilters, export
from parley.store import Store


def rows(store: Store, schema: str, **filters: object) -> list[dict[str, object]]:
    out = io.StringIO()
    export(store, "jsonl", schema, out, ExportFilters(**filters))  # type: ignore[arg-type]
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_stored_position_is_one_flat_row(store: Store) -> None:
    stored = [p.to_dict() for p in store.positions(limit=500)]
    exported = rows(store, "positions")
    assert [r["id"] for r in exported] == [p["id"] for p in stored]
    for row, position in zip(exported, stored, strict=True):
        assert (row["actor"], row["actor_country"]) == (
            position["actor"]["name"],
            position["actor"]["country"],
        )
        assert [row["sentence_start"], row["sentence_end"]] == position["sentence"]
        assert (row["issue"], row["stance"], row["event_ids"]) == (
            position["issue"],
            position["stance"],
            position["event_ids"],
        )


def test_positions_filtered_by_actor_issue_and_date(store: Store) -> None:
    russia = rows(store, "positions", actor="Moscow")
    assert russia and {r["actor_country"] for r in russia} == {"RUS"}
    talks = rows(store, "positions", issue="talks")
    assert talks and {r["issue"] for r in talks} == {"talks"}
    cutoff = dt.date(2025, 6, 1)
    later = rows(store, "positions", since=cutoff)
    assert later and all(dt.date.fromisoformat(str(r["day"])) >= cutoff for r in later)


def test_shifts_name_both_positions(store: Store) -> None:
    exported = rows(store, "shifts")
    assert exported
    positions = {p.id for p in store.positions(limit=500)}
    for row in exported:
        assert {row["from_position_id"], row["to_position_id"]} <= positions
        assert row["from"] != row["to"]


def test_event_filters_are_refused(store: Store) -> None:
    with pytest.raises(ConfigError, match="--source: not a filter of --schema positions"):
        rows(store, "positions", source="RUS")
