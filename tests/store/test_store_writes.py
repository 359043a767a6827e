"""Writing articles: one transaction each, re-adding is a no-op, duplicates, logs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import threading
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from parley.errors import StoreError
from parley.records import Actor, ActorRef, Analysis, Article
from parley.store import Store, schema, write

if TYPE_CHECKING:
    from tests.store.samples import Item


def counts(store: Store) -> dict[str, int]:
    """How many rows each record table holds."""
    tables = (schema.articles, schema.actors, schema.mentions, schema.quotes, schema.events)
    with store._reading() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) or 0 for t in tables}


def add_all(store: Store, items: list[Item]) -> list[int]:
    return [
        store.add_article(i.article, i.analysis, duplicate_of=i.duplicate_of_index, source=i.source)
        for i in items
    ]


def test_add_article_stores_everything_found_in_it(store: Store, sample: list[Item]) -> None:
    ids = add_all(store, sample)
    assert ids == list(range(1, len(sample) + 1))
    analyses = [i.analysis for i in sample if i.analysis]
    expected_actors = {
        (r.name, r.country, r.role)
        for a in analyses
        for r in [*(x.ref for x in a.actors), *(q.speaker for q in a.quotes if q.speaker),
                  *(e.source for e in a.events if e.source), *(e.target for e in a.events if e.target)]
    }  # fmt: skip
    assert counts(store) == {
        "articles": len(sample),
        "actors": len(expected_actors),
        "mentions": sum(len(x.mentions) for a in analyses for x in a.actors),
        "quotes": sum(len(a.quotes) for a in analyses),
        "events": sum(len(a.events) for a in analyses),
    }


def test_re_adding_the_same_text_writes_nothing_and_returns_the_stored_id(
    store: Store, sample: list[Item]
) -> None:
    first = add_all(store, sample)
    before = counts(store)
    again = add_all(store, sample)
    renamed = dataclasses.replace(sample[2].article, title="Another title", url="https://elsewhere.example/")
    assert store.add_article(renamed, sample[2].analysis) == first[2]
    assert again == first
    assert counts(store) == before


def test_text_sha256_is_computed_when_the_article_has_none(store: Store) -> None:
    article = Article(text="A text without a precomputed hash.", origin="x")
    store.add_article(article, None)
    assert (
        store.find_duplicate(
            Article(text="other", text_sha256=hashlib.sha256(article.text.encode()).hexdigest())
        )
        == 1
    )


def test_find_duplicate_by_text_and_by_canonical_url(store: Store, sample: list[Item]) -> None:
    add_all(store, sample)
    same_text = Article(text=sample[1].article.text, canonical_url=None, origin="copy")
    same_url = Article(
        text="A rewritten version of the story.", canonical_url=sample[0].article.canonical_url
    )
    new = Article(text="Nothing like it.", canonical_url="https://new.example/")
    assert store.find_duplicate(same_text) == 2
    assert store.find_duplicate(same_url) == 1
    assert store.find_duplicate(new) is None


def test_find_duplicate_prefers_the_same_text_over_the_same_url(store: Store, sample: list[Item]) -> None:
    add_all(store, sample)
    both = Article(text=sample[2].article.text, canonical_url=sample[0].article.canonical_url)
    assert store.find_duplicate(both) == 3


def test_a_failure_mid_write_leaves_nothing_of_the_article(
    store: Store, sample: list[Item], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_all(store, sample[:1])
    before = counts(store)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    # Events are written after the article, its actors, mentions and quotes.
    monkeypatch.setattr(write._Tally, "apply", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_article(sample[2].article, sample[2].analysis)
    assert counts(store) == before
    monkeypatch.undo()
    # Nothing of the failed attempt is remembered either: the same article goes in whole.
    aid = store.add_article(sample[2].article, sample[2].analysis)
    assert len(store.article(aid).events) == len(sample[2].analysis.events)  # type: ignore[union-attr]
    assert counts(store)["articles"] == before["articles"] + 1


def test_a_constraint_violation_mid_write_is_a_store_error_and_leaves_nothing(
    store: Store, sample: list[Item]
) -> None:
    add_all(store, sample[:1])
    before = counts(store)
    analysis = sample[2].analysis
    assert analysis is not None
    # A quote without a kind violates NOT NULL after the article, actors and mentions are inserted.
    bad = dataclasses.replace(analysis, quotes=[dataclasses.replace(analysis.quotes[0], kind=None)])
    with pytest.raises(StoreError, match=r"a/3\.html"):
        store.add_article(sample[2].article, bad)
    assert counts(store) == before


def test_duplicate_of_an_unknown_article_is_refused(store: Store, sample: list[Item]) -> None:
    with pytest.raises(StoreError, match=r"a/1\.html.*refused"):
        store.add_article(sample[0].article, sample[0].analysis, duplicate_of=99)
    assert counts(store)["articles"] == 0


def test_an_event_quoting_a_missing_quote_is_refused_before_writing(store: Store, sample: list[Item]) -> None:
    analysis = sample[0].analysis
    assert analysis is not None
    bad = dataclasses.replace(analysis, quotes=[])
    with pytest.raises(StoreError, match="refers to quote 0 but the analysis has 0 quotes"):
        store.add_article(sample[0].article, bad)
    assert counts(store)["articles"] == 0


def test_actors_are_upserted_by_name_country_and_role(store: Store) -> None:
    un = ActorRef("United Nations", None, "IGO", None)
    un_coded = ActorRef("United Nations", None, "IGO", "IGO")
    un_ngo = ActorRef("United Nations", None, "NGO", None)
    for n, ref in enumerate([un, un_coded, un_ngo, un]):
        text = f"Article {n} mentions the United Nations."
        store.add_article(Article(text=text, origin=str(n)), Analysis(actors=[Actor(ref, [(22, 36)])]))
    rows = sorted((a.role, a.code, a.n_mentions) for a in store.actors())
    # Same (name, country, role) is one actor, also with a NULL country; a later code fills a missing one.
    assert rows == [("IGO", "IGO", 3), ("NGO", None, 1)]


def test_add_articles_matches_add_article(store: Store, sample: list[Item]) -> None:
    items = [(i.article, i.analysis, i.duplicate_of_index) for i in sample]
    ids = store.add_articles([*items, items[1]])  # the repeat is stored once
    assert ids == [*range(1, len(sample) + 1), 2]
    assert store.add_articles(items) == ids[:-1]
    assert store.articles(limit=500)[0].duplicate_of is not None


def test_add_articles_in_many_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("parley.store.db.BATCH_SIZE", 3)
    items = [(Article(text=f"Article number {n}.", origin=f"n{n}"), None, None) for n in range(10)]
    assert store.add_articles(items) == list(range(1, 11))
    assert counts(store)["articles"] == 10


@pytest.mark.parametrize("fault", ["unknown duplicate_of", "missing quote"])
def test_add_articles_with_a_bad_article_stores_the_others_and_names_it(
    store: Store, sample: list[Item], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    monkeypatch.setattr("parley.store.db.BATCH_SIZE", 3)
    items = [(i.article, i.analysis, None) for i in sample[:4]]
    bad_article = dataclasses.replace(sample[0].article, origin="bad/1.html", text="A different text.")
    if fault == "unknown duplicate_of":
        items.append((bad_article, None, 999))
    else:
        items.append((bad_article, dataclasses.replace(sample[0].analysis, quotes=[]), None))  # type: ignore[arg-type]
    items.append((sample[5].article, sample[5].analysis, None))
    with pytest.raises(StoreError, match=r"bad/1\.html"):
        store.add_articles(items)
    stored = {a.title for a in store.articles(limit=500)}
    # The first batch committed; the failed batch is retried one by one up to the bad article.
    assert stored == {i.article.title for i in sample[:4]}


def test_fingerprints_of_non_duplicates(
    store: Store, sample: list[Item], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("parley.store.db._FINGERPRINT_BATCH", 2)  # several batches
    add_all(store, sample)
    expected = [
        (n, i.article.fingerprint)
        for n, i in enumerate(sample, 1)
        if i.article.fingerprint and i.duplicate_of_index is None
    ]
    assert list(store.fingerprints()) == expected


def test_failures_are_logged_latest_first(store: Store) -> None:
    store.record_failure("https://x.example/a", "HTTP 404")
    store.record_failure("feeds/b.xml", "not a feed")
    got = store.failures()
    assert [(f.origin, f.reason) for f in got] == [
        ("feeds/b.xml", "not a feed"),
        ("https://x.example/a", "HTTP 404"),
    ]
    at = got[0].at
    assert (
        at is not None and at.tzinfo is not None and abs(dt.datetime.now(dt.UTC) - at) < dt.timedelta(hours=1)
    )
    assert [f.origin for f in store.failures(limit=1)] == ["feeds/b.xml"]
    assert store.stats().failures == 2


def test_feed_validators_round_trip_and_update(store: Store) -> None:
    url = "https://feeds.example/world.xml"
    assert store.feed_validators(url) == (None, None)
    store.set_feed_validators(url, '"abc"', "Tue, 06 May 2025 10:00:00 GMT")
    assert store.feed_validators(url) == ('"abc"', "Tue, 06 May 2025 10:00:00 GMT")
    store.set_feed_validators(url, None, "Wed, 07 May 2025 10:00:00 GMT")
    assert store.feed_validators(url) == (None, "Wed, 07 May 2025 10:00:00 GMT")
    assert store.feed_validators("https://feeds.example/other.xml") == (None, None)


def test_resume_log(store: Store) -> None:
    assert not store.is_source_done("crawl-00001.warc.gz")
    store.mark_source_done("crawl-00001.warc.gz")
    store.mark_source_done("crawl-00001.warc.gz")  # marking twice is harmless
    assert store.is_source_done("crawl-00001.warc.gz")
    assert not store.is_source_done("crawl-00002.warc.gz")
    assert store.stats().sources_done == 1


def test_timestamps_are_kept_in_utc(store: Store) -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    article = Article(
        text="Fetched in Paris.", origin="p", fetched_at=dt.datetime(2025, 5, 2, 14, 0, tzinfo=paris)
    )
    aid = store.add_article(article, None)
    assert store.article(aid).to_dict()["fetched_at"] == "2025-05-02T12:00:00+00:00"


def test_concurrent_writers_share_actors_and_keep_exact_counts(store_url: str) -> None:
    shared = [ActorRef("Russia", "RUS", "GOV", "RUSGOV"), ActorRef("United Nations", None, "IGO", None)]
    per_writer, writers = 15, 3
    errors: list[BaseException] = []

    def write_many(w: int) -> None:
        try:
            with Store(store_url) as s:
                for n in range(per_writer):
                    text = f"Writer {w} article {n}: Russia and the United Nations."
                    analysis = Analysis(actors=[Actor(shared[0], [(20, 26)]), Actor(shared[1], [(31, 45)])])
                    s.add_article(Article(text=text, origin=f"w{w}/{n}"), analysis)
                    # The same text again, as a second ingest of the same input would.
                    s.add_article(Article(text=text, origin=f"w{w}/{n}-again"), analysis)
        except BaseException as exc:
            errors.append(exc)

    Store(store_url).close()  # migrate once, before the writers race
    threads = [threading.Thread(target=write_many, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(store_url) as s:
        assert s.stats().articles == writers * per_writer
        assert sorted((a.name, a.n_mentions) for a in s.actors()) == [
            ("Russia", writers * per_writer),
            ("United Nations", writers * per_writer),
        ]


def test_an_articles_dateline_is_stored_and_read_back(store: Store) -> None:
    text = "Envoys met for a second day of talks on the prisoner exchange."
    article = Article(text=text, origin="wire.txt", dateline="BRASÍLIA, Brazil", dateline_agency="Reuters")
    plain = Article(text="A story that opened without a dateline.", origin="plain.txt")
    got = store.article(store.add_article(article, None)).to_dict()
    assert (got["dateline"], got["dateline_agency"]) == ("BRASÍLIA, Brazil", "Reuters")
    got = store.article(store.add_article(plain, None)).to_dict()
    assert (got["dateline"], got["dateline_agency"]) == (None, None)
