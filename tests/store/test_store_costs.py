"""What keeps the store's costs flat as it grows: band keys, counts kept on write, upgrades that fill them."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
from datasketch import MinHashLSH
from sqlalchemy import delete, func, inspect, select

from parley.clean.dedupe import _from_bytes, band_keys, fingerprint
from parley.records import Article
from parley.store import Store, migrations, schema

_WORDS = [
    "talks",
    "ceasefire",
    "envoy",
    "minister",
    "sanctions",
    "border",
    "troops",
    "agreement",
    "proposal",
    "summit",
    "aid",
    "truce",
]


def _text(rng: random.Random, sentences: int = 20) -> str:
    """English sentences of words from a small vocabulary, different on every call."""
    return " ".join(
        f"The {rng.choice(_WORDS)} on the {rng.choice(_WORDS)} was discussed for {rng.randrange(1000)} hours."
        for _ in range(sentences)
    )


def _edited(text: str, rng: random.Random, edits: int) -> str:
    words = text.split()
    for _ in range(edits):
        words[rng.randrange(len(words))] = "edited"
    return " ".join(words)


def test_band_keys_meet_exactly_when_datasketch_buckets_do() -> None:
    rng = random.Random(3)
    originals = [_text(rng) for _ in range(40)]
    # Copies edited lightly and heavily, so some pairs share buckets and some do not.
    probes = [_edited(t, rng, rng.choice((1, 4, 12, 30))) for t in originals] + [
        _text(rng) for _ in range(10)
    ]
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    stored = {n: fingerprint(t) for n, t in enumerate(originals)}
    for n, fp in stored.items():
        lsh.insert(n, _from_bytes(fp, 128))
    shared_some = 0
    for probe in probes:
        fp = fingerprint(probe)
        keys = set(band_keys(fp))
        by_keys = {n for n, other in stored.items() if keys & set(band_keys(other))}
        assert by_keys == set(lsh.query(_from_bytes(fp, 128)))
        shared_some += bool(by_keys)
    assert 0 < shared_some < len(probes)


def test_bytes_that_cannot_be_a_signature_have_no_band_keys() -> None:
    assert band_keys(b"") == []
    assert band_keys(b"\x01" * 8) == []  # two values: too few for two bands
    assert band_keys(b"\x01" * 13) == []  # not whole 32-bit values


def _article(body: str, n: int) -> Article:
    return Article(text=body, origin=f"costs/{n}.txt", fingerprint=fingerprint(body))


def test_candidates_are_the_originals_sharing_a_key(store: Store) -> None:
    rng = random.Random(5)
    body = _text(rng)
    original = store.add_article(_article(body, 1), None)
    copy = _edited(body, rng, 1)
    store.add_article(_article(copy, 2), None, duplicate_of=original)
    store.add_article(_article(_text(rng), 3), None)
    found = store.near_duplicate_candidates(band_keys(fingerprint(copy)))
    # The stored copy is a duplicate, so it is no candidate; the unrelated article shares no key.
    assert found == [(original, fingerprint(body))]
    assert store.near_duplicate_candidates([]) == []


def test_ingest_finds_near_duplicates_without_reading_every_fingerprint(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parley.ingest import IngestOptions, ingest_items
    from parley.sources.document import Document

    def everything() -> None:
        raise AssertionError("the ingest read every stored fingerprint")

    monkeypatch.setattr(store, "fingerprints", everything)
    rng = random.Random(11)
    body = _text(rng, 30)
    first = ingest_items(
        [Document(origin="a.txt", kind="text", content=body)], store, IngestOptions(analyze=False)
    )
    again = ingest_items(
        [Document(origin="b.txt", kind="text", content=_edited(body, rng, 1))],
        store,
        IngestOptions(analyze=False),
    )
    assert again.duplicates == [("b.txt", first.ingested[0][0])]


def _counts(store: Store) -> dict[str, object]:
    from parley.store.write import TALLIED

    figures = store.stats().to_dict()
    return {k: figures[k] for k in TALLIED}


def test_counts_kept_on_write_match_the_tables(store: Store, sample: list[Any]) -> None:
    items = sample
    ids: list[int] = []
    for item in items:
        dup = None if item.duplicate_of_index is None else ids[item.duplicate_of_index]
        ids.append(store.add_article(item.article, item.analysis, duplicate_of=dup, source=item.source))
    # Storing the same text again and marking a source twice change nothing.
    store.add_article(items[0].article, items[0].analysis, source="elsewhere")
    store.record_failure("bad.txt", "unreadable")
    store.mark_source_done("archive.warc")
    store.mark_source_done("archive.warc")
    engine = store._engine
    with engine.connect() as conn:
        a = schema.articles
        truth = {
            "articles": conn.scalar(select(func.count()).select_from(a)),
            "duplicates": conn.scalar(select(func.count()).where(a.c.duplicate_of.is_not(None))),
            "sources": conn.scalar(select(func.count(a.c.source.distinct()))),
            "actors": conn.scalar(select(func.count()).select_from(schema.actors)),
            "mentions": conn.scalar(select(func.count()).select_from(schema.mentions)),
            "quotes": conn.scalar(select(func.count()).select_from(schema.quotes)),
            "events": conn.scalar(select(func.count()).select_from(schema.events)),
            "failures": 1,
            "sources_done": 1,
        }
        e = schema.events
        per_day = Counter(
            {
                (day, kind): n
                for day, kind, n in conn.execute(
                    select(e.c.day, e.c.plover_type, func.count())
                    .where(e.c.day.is_not(None), e.c.plover_type.is_not(None))
                    .group_by(e.c.day, e.c.plover_type)
                )
            }
        )
        kept = Counter({(d, t): n for d, t, n in conn.execute(select(schema.event_days))})
    assert _counts(store) == truth
    assert truth["duplicates"] and truth["events"] and truth["sources"]
    assert kept == per_day


def test_an_older_store_gets_its_keys_and_counts_when_opened(store_url: str, sample: list[Any]) -> None:
    rng = random.Random(17)
    body = _text(rng)
    with Store(store_url) as store:
        ids: list[int] = []
        for item in sample:
            dup = None if item.duplicate_of_index is None else ids[item.duplicate_of_index]
            ids.append(store.add_article(item.article, item.analysis, duplicate_of=dup, source=item.source))
        original = store.add_article(_article(body, 9), None)
        before = _counts(store)
        days = store.event_type_counts(bucket="day")
        weeks = store.event_type_counts(bucket="week")
        engine = store._engine
        # As before migrations 3, 4 and 7: the tables they fill are emptied and forgotten.
        with engine.begin() as conn:
            for table in (
                schema.near_keys,
                schema.tallies,
                schema.article_sources,
                schema.event_days,
                schema.event_weeks,
            ):
                conn.execute(delete(table))
            conn.execute(delete(schema.schema_version).where(schema.schema_version.c.version.in_((3, 4, 7))))
    with Store(store_url) as reopened:
        assert _counts(reopened) == before
        assert reopened.event_type_counts(bucket="day") == days
        assert reopened.event_type_counts(bucket="week") == weeks
        copy = fingerprint(_edited(body, rng, 1))
        assert original in dict(reopened.near_duplicate_candidates(band_keys(copy)))
    assert migrations.latest_version() >= 4


def _add_events(store: Store, articles: int, start: int) -> None:
    """Articles of ten events each, every one with Russia's side on one end and half of them assaults."""
    from parley.records import Actor, ActorRef, Analysis, Event, Plover

    russia, ukraine = ActorRef("Vladimir Putin", "RUS", "GOV"), ActorRef("Volodymyr Zelensky", "UKR", "GOV")
    for n in range(start, start + articles):
        events = [
            Event(*((russia, ukraine) if i % 2 else (ukraine, russia)), "190", "19",
                  Plover("ASSAULT" if i % 4 < 2 else "THREATEN"), (0, 5), (0, 5))
            for i in range(10)
        ]  # fmt: skip
        store.add_article(
            Article(text=f"Article {n}: the war goes on.", origin=f"costs/{n}"),
            Analysis([Actor(russia), Actor(ukraine)], [], events),
        )


def _steps(store: Store, **filters: Any) -> int:
    """How many SQLite virtual-machine instructions a page of events costs: unlike a time, the
    same on every run, and it grows with the rows a query reads and sorts."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    # An in-memory store is one connection, which every query of the Store runs on.
    connection = store._engine.raw_connection().driver_connection
    connection.set_progress_handler(count, 1)  # type: ignore[union-attr]
    try:
        assert len(store.events(**filters, limit=20)) == 20
    finally:
        connection.set_progress_handler(None, 1)  # type: ignore[union-attr]
    return steps


@pytest.mark.parametrize(
    "filters",
    [
        {"actor": "RUS", "asserted_only": True},
        {"actor": "Putin"},
        {"source": "RUS", "offset": 40},
        {"target": "RUS", "sort": "id"},
        {"type": "ASSAULT"},
        {"actor": "UKR", "type": "ASSAULT"},
    ],
)
def test_a_page_of_events_costs_the_same_however_many_match(filters: dict[str, Any]) -> None:
    """A page is read in index order up to its end: four times the matching events cost the same,
    where reading and sorting every match would cost four times as much."""
    with Store("sqlite://") as store:
        _add_events(store, 50, 0)
        small = _steps(store, **filters)
        _add_events(store, 150, 50)
        large = _steps(store, **filters)
    assert large < 1.3 * small, (small, large)


def test_an_older_store_gets_the_event_page_indexes_when_opened(store_url: str) -> None:
    names = {"ix_events_source_id", "ix_events_target_id", "ix_events_type_id"}
    with Store(store_url) as store, store._engine.begin() as conn:
        assert names <= {index["name"] for index in inspect(conn).get_indexes("events")}
        # As before migration 50: the indexes are not there and the version is not recorded.
        for name in names:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        conn.execute(delete(schema.schema_version).where(schema.schema_version.c.version == 50))
    with Store(store_url) as reopened, reopened._engine.connect() as conn:
        assert names <= {index["name"] for index in inspect(conn).get_indexes("events")}
