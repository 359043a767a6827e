"""SQLite and PostgreSQL give the same answers to every read of the same data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from parley.records import Record
from parley.store import Store

if TYPE_CHECKING:
    from tests.postgres import PostgresCluster
    from tests.store.samples import Item

pytestmark = pytest.mark.postgres


def fill(url: str, sample: list[Item]) -> Store:
    store = Store(url)
    for item in sample:
        store.add_article(
            item.article, item.analysis, duplicate_of=item.duplicate_of_index, source=item.source
        )
    store.record_failure("https://x.example/broken", "HTTP 500")
    store.mark_source_done("crawl.warc.gz")
    return store


@pytest.fixture(scope="module")
def stores(
    postgres: PostgresCluster, sample: list[Item], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    sqlite = fill(f"sqlite:///{tmp_path_factory.mktemp('both') / 'p.db'}", sample)
    pg = fill(postgres.new_database(), sample)
    yield sqlite, pg
    sqlite.close()
    pg.close()


def without(value: Any, *keys: str) -> Any:
    """``value`` (records as their dicts) with ``keys`` dropped from every dict in it, at any depth."""
    if isinstance(value, Record):
        value = value.to_dict()
    if isinstance(value, dict):
        return {k: without(v, *keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [without(v, *keys) for v in value]
    return value


CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("articles", (), {"limit": 500}),
    ("articles", (), {"outlet": "Wire B", "since": dt.date(2025, 5, 1)}),
    *[("article", (n,), {}) for n in range(1, 8)],
    ("quotes", (), {"limit": 500}),
    ("quotes", (), {"speaker": "RUS"}),
    ("quotes", (), {"search": "chance"}),
    ("events", (), {"limit": 500}),
    ("events", (), {"source": "russia", "cameo": "1"}),
    ("events", (), {"type": "request", "until": dt.date(2025, 6, 1)}),
    ("events", (), {"target": "UKR", "after": 10}),
    ("actors", (), {"limit": 500}),
    ("actors", (), {"country": "UKR"}),
    ("actor", ("Russia",), {}),
    ("actor", ("United Nations",), {}),
    *[("dyad", ("RUS", "UKR"), {"bucket": b}) for b in ("day", "week", "month")],
    *[("timeline", ("UKR",), {"bucket": b}) for b in ("day", "week", "month")],
    *[("event_type_counts", (), {"bucket": b}) for b in ("day", "week", "month")],
    ("stats", (), {}),
    ("fingerprints", (), {}),
    ("feed_validators", ("https://nowhere.example/feed",), {}),
    ("is_source_done", ("crawl.warc.gz",), {}),
]


@pytest.mark.parametrize(("method", "args", "kwargs"), CALLS, ids=[f"{c[0]}{c[1]}{c[2]}" for c in CALLS])
def test_same_answers(
    stores: tuple[Store, Store], method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    sqlite, pg = stores
    answers = [getattr(s, method)(*args, **kwargs) for s in (sqlite, pg)]
    if method == "fingerprints":
        answers = [list(a) for a in answers]
    assert answers[0]
    assert without(answers[0], "ingested_at") == without(answers[1], "ingested_at")


def test_same_failures(stores: tuple[Store, Store]) -> None:
    sqlite, pg = stores
    assert without(sqlite.failures(), "at") == without(pg.failures(), "at")


@pytest.mark.parametrize(
    "typed",
    ["ceasefire", "Russia", "talks", "threatened", "offers", "Geneva talks", '"real chance"', "zebra",
     "Kharkiv or Istanbul", "ceasefire -syndicated", "negotiations", "forces", "United Nations", "U.S."],
)  # fmt: skip
def test_same_search_results(stores: tuple[Store, Store], typed: str) -> None:
    sqlite, pg = stores
    assert [a.id for a in sqlite.articles(search=typed)] == [a.id for a in pg.articles(search=typed)]
