"""The positions and shifts schemas: one flat record per stored position or shift.

Rows are the store's position and shift dicts with the actor flattened into columns
(``actor``, ``actor_country``, ``actor_role``); a shift's two positions are
``from_position_id`` and ``to_position_id``. Filters: ``actor`` (country, code, name or
alias), ``issue`` and ``since``/``until`` (the position's date, else its article's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pyarrow as pa

from parley.export.filters import ExportFilters
from parley.records import Record
from parley.store import Store

PAGE = 500

POSITION_ARROW = pa.schema(
    [
        ("id", pa.int64()),
        ("day", pa.date32()),
        ("date", pa.date32()),
        ("actor", pa.string()),
        ("actor_country", pa.string()),
        ("actor_role", pa.string()),
        ("actor_code", pa.string()),
        ("issue", pa.string()),
        ("stance", pa.string()),
        ("condition", pa.string()),
        ("sentence_start", pa.int64()),
        ("sentence_end", pa.int64()),
        ("sentence_text", pa.string()),
        ("quote_ids", pa.list_(pa.int64())),
        ("event_ids", pa.list_(pa.int64())),
        ("answers_id", pa.int64()),
        ("confidence", pa.float64()),
        ("rule", pa.string()),
        ("article_id", pa.int64()),
        ("article_title", pa.string()),
        ("published", pa.date32()),
    ]
)
POSITION_COLUMNS: tuple[str, ...] = tuple(POSITION_ARROW.names)

SHIFT_ARROW = pa.schema(
    [
        ("id", pa.int64()),
        ("date", pa.date32()),
        ("actor", pa.string()),
        ("actor_country", pa.string()),
        ("actor_role", pa.string()),
        ("issue", pa.string()),
        ("from", pa.string()),
        ("to", pa.string()),
        ("kind", pa.string()),
        ("cue_start", pa.int64()),
        ("cue_end", pa.int64()),
        ("cue_text", pa.string()),
        ("from_position_id", pa.int64()),
        ("to_position_id", pa.int64()),
        ("across_articles", pa.bool_()),
        ("article_id", pa.int64()),
        ("article_title", pa.string()),
    ]
)
SHIFT_COLUMNS: tuple[str, ...] = tuple(SHIFT_ARROW.names)


def _actor(record: dict[str, Any]) -> dict[str, Any]:
    actor = record["actor"]
    return {"actor": actor["name"], "actor_country": actor["country"], "actor_role": actor["role"]}


def _pages(read: Callable[..., Sequence[Record]], filters: ExportFilters) -> Iterator[dict[str, Any]]:
    after = None
    while True:
        page = read(
            actor=filters.actor,
            issue=filters.issue,
            since=filters.since,
            until=filters.until,
            limit=PAGE,
            after=after,
        )
        yield from (record.to_dict() for record in page)
        if len(page) < PAGE:
            return
        after = page[-1].to_dict()["id"]


def position_rows(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """The positions ``filters`` select, newest first, as flat records."""
    for p in _pages(store.positions, filters):
        start, end = p["sentence"]
        yield {
            **{k: p[k] for k in ("id", "day", "date", "actor_code", "issue", "stance", "condition")},
            **_actor(p),
            "sentence_start": start,
            "sentence_end": end,
            **{
                k: p[k]
                for k in ("sentence_text", "quote_ids", "event_ids", "answers_id", "confidence", "rule")
            },
            **{k: p[k] for k in ("article_id", "article_title", "published")},
        }


def shift_rows(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """The shifts ``filters`` select, newest first, as flat records."""
    for s in _pages(store.shifts, filters):
        cue = s["cue"] or [None, None]
        yield {
            **{k: s[k] for k in ("id", "date", "issue", "from", "to", "kind", "cue_text", "across_articles")},
            **_actor(s),
            "cue_start": cue[0],
            "cue_end": cue[1],
            "from_position_id": s["positions"][0],
            "to_position_id": s["positions"][1],
            "article_id": s["article_id"],
            "article_title": s["article_title"],
        }
