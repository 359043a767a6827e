"""Hand-built records for the export tests, and the rows each schema must hold, worked out from them.

The records are the store tests' sample articles (``tests/store/samples.py``), plus
one article of two paragraphs, so that GDELT's lead-paragraph flag has both values.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from parley.nlp.positions import derive_positions
from parley.records import ActorRef, Analysis, Article, Event, Plover
from parley.store import Store
from tests.store import samples as _fx

REPO = Path(__file__).resolve().parents[2]

Item = _fx.Item


def two_paragraphs() -> Item:
    """An article whose first event is in the lead paragraph and whose second is not."""
    text = (
        "Turkey offered to host new talks between Russia and Ukraine.\n"
        "Later, Russia rejected the venue for talks. Ukraine welcomed the offer."
    )
    return Item(
        Article(
            text=text, title="Turkey offers to host talks", outlet="Wire D", published=dt.date(2025, 7, 1),
            url="https://d.example/turkey-talks", canonical_url="https://d.example/turkey-talks",
            origin="d/8.html", fingerprint=b"\x08" * 8,
        ),
        Analysis(
            actors=[_fx.mentioned(text, _fx.RUSSIA, "Russia"), _fx.mentioned(text, _fx.UKRAINE, "Ukraine")],
            quotes=[],
            events=[
                _paragraph_event(text, "offered to host", None, _fx.RUSSIA, "036", "AGREE"),
                _paragraph_event(text, "rejected the venue", _fx.RUSSIA, None, "125", "REJECT",
                                 date=dt.date(2025, 6, 30), date_precision="day"),
            ],
        ),
    )  # fmt: skip


def _paragraph_event(
    text: str,
    trigger: str,
    source: ActorRef | None,
    target: ActorRef | None,
    cameo: str,
    plover: str,
    **flags: Any,
) -> Event:
    """An event on the sentence holding ``trigger``, where sentences end at a full stop or a line end."""
    start, end = _fx.span(text, trigger)
    after_stop, after_break = text.rfind(". ", 0, start), text.rfind("\n", 0, start)
    begin = max(after_stop + 2 if after_stop >= 0 else 0, after_break + 1)
    stop = min(i for i in (text.find(". ", end) + 1, text.find("\n", end), len(text)) if i > 0)
    return Event(
        source=source, target=target, cameo=cameo, cameo_root=cameo[:2], plover=Plover(plover),
        sentence=(begin, stop), trigger=(start, end), **flags,
    )  # fmt: skip


def items() -> list[Item]:
    """Every hand-built article, in the order ``fill`` stores them (ids 1 to 8)."""
    return [*_fx.sample_items(), two_paragraphs()]


def fill(store: Store) -> list[Item]:
    """Store the hand-built articles in an empty store; article i+1 is ``items()[i]``.

    Their positions and shifts are derived as the pipeline would, for the positions and
    shifts schemas.
    """
    stored = items()
    for item in stored:
        if item.analysis is not None:
            found, shifts = derive_positions(
                item.article.text,
                item.analysis.events,
                item.analysis.quotes,
                published=item.article.published,
            )
            item.analysis.positions, item.analysis.shifts = found, shifts
    for n, item in enumerate(stored, 1):
        assert store.add_article(item.article, item.analysis, duplicate_of=item.duplicate_of_index) == n
    return stored


@dataclass
class Filled:
    """A store holding the hand-built records, the records, and when they were stored."""

    store: Store
    items: list[Item]
    started: dt.datetime
    finished: dt.datetime


@dataclass(frozen=True)
class StoredEvent:
    """An event of the hand-built records with its article and the article's id."""

    article_id: int
    article: Article
    event: Event

    @property
    def day(self) -> dt.date | None:
        return self.event.date or self.article.published

    @property
    def sentence(self) -> str:
        return self.article.text[self.event.sentence[0] : self.event.sentence[1]]


def stored_events(stored: list[Item]) -> list[StoredEvent]:
    """Every event of the hand-built records, in the order they were stored."""
    return [
        StoredEvent(n, item.article, ev)
        for n, item in enumerate(stored, 1)
        if item.analysis
        for ev in item.analysis.events
    ]


def read_back(fmt: str, path: Path) -> list[dict[str, Any]]:
    """The rows of an export file, read with the json module, the csv module or pyarrow."""
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    return list(pq.read_table(path).to_pylist())


def as_json(value: Any) -> Any:
    """A value read from Parquet as JSON has it: dates and times as ISO strings."""
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def csv_holds(cell: str, value: Any) -> bool:
    """Whether a CSV cell holds a JSON value: empty for null, true/false, JSON for lists and objects."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, int | float):
        return float(cell) == value
    if isinstance(value, list | dict):
        return bool(json.loads(cell) == value)
    return cell == value
