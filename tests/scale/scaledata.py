"""Helpers of the scale tests: ingesting the demo articles and reading a store back as comparable records.

Every engine ingests the same demo articles (``samples/``) into a store of its own;
``stored_records`` reads a store back without ids and clocks, so two runs compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parley.ingest import AnalyzeBatch, IngestOptions, IngestReport, ingest
from parley.records import Article
from parley.store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
# Small batches, so one ingest makes several batches and each batch several chunks.
OPTIONS = IngestOptions(batch_size=5)
# Store-assigned ids and clocks differ from run to run; everything else must not.
VOLATILE = frozenset({"id", "article_id", "quote_id", "ingested_at", "fetched_at"})


def run_ingest(url: str, analyzer: AnalyzeBatch) -> IngestReport:
    """Ingest the demo articles into a new store at ``url`` with ``analyzer``."""
    with Store(url) as store:
        return ingest([str(SAMPLES)], store, OPTIONS, analyzer=analyzer)


def _without_volatile(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_without_volatile(v) for v in value]
    return value


def stored_records(url: str) -> list[dict[str, Any]]:
    """Every article of a store with its actors, quotes and events, keyed by origin, without ids.

    ``duplicate_of`` becomes the origin of the original, so it compares across stores.
    """
    with Store(url) as store:
        ids: list[int] = []
        after: int | None = None
        while page := store.articles(limit=100, after=after):
            ids.extend(a.id for a in page)
            after = page[-1].id
        full = {i: store.article(i).to_dict() for i in ids}
    origin = {i: a["origin"] for i, a in full.items()}
    records = []
    for article in full.values():
        record = _without_volatile(article)
        record["duplicate_of"] = origin.get(article["duplicate_of"])
        records.append(record)
    return sorted(records, key=lambda r: r["origin"])


def assert_same(got: Sequence[dict[str, Any]], expected: Sequence[dict[str, Any]]) -> None:
    """The two runs stored the same records; on failure, name the first article that differs."""
    assert [r["origin"] for r in got] == [r["origin"] for r in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs, f"{mine['origin']} differs"


COUNTRIES = (
    "France",
    "Japan",
    "Brazil",
    "Kenya",
    "Canada",
    "India",
    "Egypt",
    "Chile",
    "Norway",
    "Peru",
    "Ghana",
)


def country_articles() -> list[Article]:
    """Short articles that each name another country, so any reordering shows in their analyses."""
    return [
        Article(text=f"{name} said on Monday that it would send an envoy. Officials confirmed the plan.")
        for name in COUNTRIES
    ]
