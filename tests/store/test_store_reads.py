"""Every read method and filter, checked against answers worked out from the sample records."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from parley.errors import AmbiguousActorError, QueryError, StoreError
from parley.limits import MAX_LIMIT
from parley.records import Actor, ActorRef, Analysis, Article, Record
from parley.store import Store

if TYPE_CHECKING:
    from tests.store.samples import Item, Reference, StoredEvent, StoredQuote


def identity(ref: ActorRef | None) -> tuple[str, str | None, str | None] | None:
    return None if ref is None else (ref.name, ref.country, ref.role)


def ref_dict(ref: ActorRef | None) -> dict[str, Any] | None:
    return None if ref is None else ref.to_dict()


def data(records: Sequence[Record]) -> list[dict[str, Any]]:
    """Records as the dicts of the output schema, which the reference is worked out in."""
    return [r.to_dict() for r in records]


# --- articles --------------------------------------------------------------------------


def test_articles_newest_first_without_text(filled: Store, sample: list[Item]) -> None:
    got = data(filled.articles())
    assert [a["id"] for a in got] == list(range(len(sample), 0, -1))
    for a in got:
        item = sample[a["id"] - 1]
        assert "text" not in a and a["snippet"] is None
        assert a["title"] == item.article.title
        assert a["outlet"] == item.article.outlet
        assert a["url"] == item.article.url
        assert a["canonical_url"] == item.article.canonical_url
        assert a["published"] == (item.article.published.isoformat() if item.article.published else None)
        assert a["duplicate_of"] == item.duplicate_of_index
        assert a["n_quotes"] == (len(item.analysis.quotes) if item.analysis else 0)
        assert a["n_events"] == (len(item.analysis.events) if item.analysis else 0)
    assert got[-1]["fetched_at"] == "2025-04-28T12:30:00+00:00"


@pytest.mark.parametrize(
    ("outlet", "since", "until"),
    [
        ("Wire A", None, None),
        ("Wire B", None, None),
        ("wire b", None, None),
        (None, dt.date(2025, 5, 2), None),
        (None, None, dt.date(2025, 5, 2)),
        (None, dt.date(2025, 5, 1), dt.date(2025, 5, 31)),
        ("Wire B", dt.date(2025, 6, 1), None),
    ],
)
def test_articles_filters(
    filled: Store, sample: list[Item], outlet: str | None, since: dt.date | None, until: dt.date | None
) -> None:
    def keep(item: Item) -> bool:
        a = item.article
        if outlet and (a.outlet or "").casefold() != outlet.casefold():
            return False
        if (since or until) and a.published is None:
            return False
        return not ((since and a.published < since) or (until and a.published > until))  # type: ignore[operator]

    expected = [n for n in range(len(sample), 0, -1) if keep(sample[n - 1])]
    assert [a.id for a in filled.articles(outlet=outlet, since=since, until=until)] == expected


def test_article_in_the_contract_shapes(filled: Store, sample: list[Item]) -> None:
    for n, item in enumerate(sample, 1):
        got = filled.article(n).to_dict()
        assert got["id"] == n
        assert got["text"] == item.article.text
        assert got["origin"] == item.article.origin
        assert got["source"] == item.source
        assert got["duplicate_of"] == item.duplicate_of_index
        if item.analysis is None:
            assert got["actors"] == got["quotes"] == got["events"] == []
            continue
        contract = item.analysis.to_dict(item.article)
        assert [{k: a[k] for k in contract["actors"][0]} for a in got["actors"]] == contract["actors"]
        assert [{k: q[k] for k in q if k in contract["quotes"][0]} for q in got["quotes"]] == contract[
            "quotes"
        ]
        assert [{k: e[k] for k in e if k in contract["events"][0]} for e in got["events"]] == contract[
            "events"
        ]
        for e in got["events"]:
            assert e["sentence_text"] == item.article.text[e["sentence"][0] : e["sentence"][1]]
            quote_ids = [q["id"] for q in got["quotes"]]
            assert e["quote_id"] == (None if e["quote_index"] is None else quote_ids[e["quote_index"]])
        assert len({x["id"] for x in got["quotes"] + got["actors"]}) > 0


def test_unknown_article_is_a_store_error(filled: Store) -> None:
    with pytest.raises(StoreError, match="article 999: no such article"):
        filled.article(999)


# --- quotes ----------------------------------------------------------------------------


def test_quotes_have_the_contract_shape_and_their_article(
    filled: Store, sample: list[Item], ref: Reference
) -> None:
    rows = filled.quotes()
    assert ref.got_quotes(rows) == ref.quote_keys()
    got = data(rows)
    for q in got:
        item = sample[q["article_id"] - 1]
        original = next(x for x in item.analysis.quotes if x.start == q["start"])  # type: ignore[union-attr]
        assert {k: q[k] for k in original.to_dict()} == original.to_dict()
        assert q["article_title"] == item.article.title
        assert q["published"] == (item.article.published.isoformat() if item.article.published else None)


@pytest.mark.parametrize(
    "filters",
    [
        {"speaker": "Marco Rubio"},
        {"speaker": "sergei LAVROV"},
        {"speaker": "UKR"},
        {"speaker": "RUSGOV"},
        {"speaker": "lavrov"},
        {"speaker": "Russia", "exact": True},
        {"country": "USA"},
        {"country": "rus"},
        {"search": "CHANCE for"},
        {"search": "100%"},
        {"search": "hance fo"},  # a piece of two words, through the trigram index
        {"search": "an"},  # too short for trigrams
        {"search": 'say "no'},  # quotation marks are text, not query syntax
        {"since": dt.date(2025, 5, 1)},
        {"until": dt.date(2025, 5, 1)},
        {"article_id": 3},
        {"speaker": "RUS", "since": dt.date(2025, 5, 6), "until": dt.date(2025, 5, 6)},
    ],
)
def test_quote_filters(filled: Store, ref: Reference, filters: dict[str, Any]) -> None:
    def keep(q: StoredQuote) -> bool:
        speaker = q.quote.speaker
        if "speaker" in filters and not ref.names(
            speaker, filters["speaker"], exact=filters.get("exact", False)
        ):
            return False
        if "country" in filters and not ref.names(speaker, filters["country"]):
            return False
        if "search" in filters and filters["search"].casefold() not in q.quote.text.casefold():
            return False
        if ("since" in filters or "until" in filters) and q.published is None:
            return False
        if "since" in filters and q.published < filters["since"]:  # type: ignore[operator]
            return False
        if "until" in filters and q.published > filters["until"]:  # type: ignore[operator]
            return False
        return "article_id" not in filters or q.article_id == filters["article_id"]

    assert ref.got_quotes(filled.quotes(**filters)) == ref.quote_keys(keep)


# --- events ----------------------------------------------------------------------------


def test_events_have_the_contract_shape(filled: Store, sample: list[Item], ref: Reference) -> None:
    rows = filled.events(limit=500)
    assert ref.got_events(rows) == ref.event_keys()
    got = data(rows)
    for e in got:
        item = sample[e["article_id"] - 1]
        original = next(x for x in item.analysis.events if x.trigger[0] == e["trigger"][0])  # type: ignore[union-attr]
        assert {k: e[k] for k in original.to_dict()} == original.to_dict()
        assert e["article_title"] == item.article.title
        assert e["sentence_text"] == item.article.text[original.sentence[0] : original.sentence[1]]
        root = int(original.cameo_root)
        assert e["quad_class"] == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4)


@pytest.mark.parametrize(
    "filters",
    [
        {"source": "USA"},
        {"source": "russia"},
        {"source": "UKRGOV"},
        {"target": "RUS"},
        {"target": "United Nations"},
        {"source": "RUS", "target": "UKR"},
        {"source": "Russia", "exact": True},
        {"actor": "UKR"},
        {"actor": "zelensky", "asserted_only": True},
        {"outlet": "wire a"},
        {"type": "THREATEN"},
        {"type": "reject"},
        {"type": "fight"},  # the old PLOVER name of ASSAULT
        {"cameo": "13"},
        {"cameo": "02"},
        {"cameo": "0871"},
        {"cameo": "1"},
        {"since": dt.date(2025, 5, 1)},
        {"until": dt.date(2025, 4, 30)},
        {"since": dt.date(2025, 5, 30), "until": dt.date(2025, 6, 9)},
        {"article_id": 1},
        {"type": "ASSAULT", "target": "UKR"},
        {"source": "UKR", "type": "REQUEST", "since": dt.date(2025, 5, 2), "until": dt.date(2025, 5, 2)},
    ],
)
def test_event_filters(filled: Store, ref: Reference, filters: dict[str, Any]) -> None:
    old_names = {"FIGHT": "ASSAULT"}

    def keep(s: StoredEvent) -> bool:
        e = s.event
        exact = filters.get("exact", False)
        if "source" in filters and not ref.names(e.source, filters["source"], exact=exact):
            return False
        if "target" in filters and not ref.names(e.target, filters["target"], exact=exact):
            return False
        if "actor" in filters and not (
            ref.names(e.source, filters["actor"]) or ref.names(e.target, filters["actor"])
        ):
            return False
        if filters.get("asserted_only") and (e.negated or e.hypothetical or e.reported):
            return False
        if "outlet" in filters and (s.outlet or "").casefold() != filters["outlet"].casefold():
            return False
        wanted_type = filters.get("type", "").upper()
        if wanted_type and e.plover.type != old_names.get(wanted_type, wanted_type):
            return False
        if "cameo" in filters and not e.cameo.startswith(filters["cameo"]):
            return False
        if ("since" in filters or "until" in filters) and s.day is None:
            return False
        if "since" in filters and s.day < filters["since"]:  # type: ignore[operator]
            return False
        if "until" in filters and s.day > filters["until"]:  # type: ignore[operator]
            return False
        return "article_id" not in filters or s.article_id == filters["article_id"]

    expected = ref.event_keys(keep)
    assert ref.got_events(filled.events(**filters, limit=500)) == expected


@pytest.mark.parametrize(
    ("method", "filters", "named"),
    [
        ("events", {"source": "ZZZ"}, "'ZZZ'"),
        ("events", {"actor": "Nobody"}, "'Nobody'"),
        ("events", {"type": "THREATENS"}, "THREATEN"),
        ("events", {"cameo": "99"}, "'99'"),
        ("events", {"cameo": "1a"}, "'1a'"),
        ("events", {"since": dt.date(2025, 6, 1), "until": dt.date(2025, 5, 1)}, "2025-06-01"),
        ("events", {"outlet": "ZZZ"}, "Wire A"),
        ("events", {"sort": "speed"}, "date"),
        ("events", {"sort": "date", "after": 3}, "offset"),
        ("quotes", {"speaker": "ZZZ"}, "'ZZZ'"),
        ("quotes", {"country": "Atlantis"}, "RUS"),
        ("articles", {"outlet": "ZZZ"}, "Wire A"),
        ("actors", {"country": "ZZZ"}, "'ZZZ'"),
    ],
)
def test_filters_that_match_nothing_are_errors_naming_the_value(
    filled: Store, method: str, filters: dict[str, Any], named: str
) -> None:
    with pytest.raises(QueryError, match=re.escape(named)):
        getattr(filled, method)(**filters)


def test_a_surname_several_actors_share_lists_them(store: Store) -> None:
    for name, role in (("Sergei Lavrov", "GOV"), ("Andrei Lavrov", "AGR")):
        text = f"{name} said nothing."
        actor = Actor(ActorRef(name, "RUS", role, "RUS" + role), [(0, len(name))])
        store.add_article(Article(text=text, title=name), Analysis(actors=[actor]))
    with pytest.raises(AmbiguousActorError, match="Sergei Lavrov") as caught:
        store.quotes(speaker="LAVROV")
    assert sorted(caught.value.candidates) == ["Andrei Lavrov", "Sergei Lavrov"]
    assert store.resolve_actor("andrei lavrov").names == ("Andrei Lavrov",)


@pytest.mark.parametrize(
    ("key", "exact", "expected"),
    [
        ("RUS", False, {"Russia", "Sergei Lavrov", "Russian forces"}),
        ("russia", False, {"Russia", "Sergei Lavrov", "Russian forces"}),
        ("the Russian Federation", False, {"Russia", "Sergei Lavrov", "Russian forces"}),
        ("RUS", True, {"Russia"}),
        ("lavrov", False, {"Sergei Lavrov"}),
        ("ukrmil", False, {"Ukrainian army"}),
        ("the United Nations", False, {"United Nations"}),
    ],
)
def test_resolve_actor_says_what_a_key_matched(
    filled: Store, key: str, exact: bool, expected: set[str]
) -> None:
    match = filled.resolve_actor(key, exact=exact)
    assert set(match.names) == expected
    assert all(name in match.describe() for name in expected)


def test_lists_count_all_their_rows_and_page_by_offset(filled: Store, ref: Reference) -> None:
    first = filled.events(source="RUS", limit=2, count=True, sort="date")
    expected = ref.event_keys(lambda s: ref.names(s.event.source, "RUS"))
    assert first.total == len(expected)
    rest = filled.events(source="RUS", limit=500, offset=2, sort="date")
    days = [e.date or e.published for e in [*first, *rest]]
    assert sorted(ref.got_events([*first, *rest])) == sorted(expected)
    assert days == sorted(days)
    assert [m.key for m in first.matched] == ["RUS"]


# --- actors ----------------------------------------------------------------------------


def expected_actor_counts(sample: list[Item]) -> dict[tuple[str, str | None, str | None], list[int]]:
    counts: dict[tuple[str, str | None, str | None], list[int]] = {}

    def add(r: ActorRef | None, which: int, n: int = 1) -> None:
        if r is not None:
            counts.setdefault(identity(r), [0, 0, 0, 0])[which] += n  # type: ignore[index]

    for item in sample:
        if item.analysis:
            for a in item.analysis.actors:
                add(a.ref, 0, len(a.mentions))
            for q in item.analysis.quotes:
                add(q.speaker, 1)
            for e in item.analysis.events:
                add(e.source, 2)
                add(e.target, 3)
    return counts


def test_actors_most_active_first_with_their_counts(filled: Store, sample: list[Item]) -> None:
    got = data(filled.actors(limit=500))
    expected = expected_actor_counts(sample)
    assert {
        (a["name"], a["country"], a["role"]): [
            a["n_mentions"],
            a["n_quotes"],
            a["n_events_source"],
            a["n_events_target"],
        ]
        for a in got
    } == expected
    activity = [(sum(expected[(a["name"], a["country"], a["role"])]), a["id"]) for a in got]
    assert activity == sorted(activity, reverse=True)


@pytest.mark.parametrize(
    "filters", [{"country": "RUS"}, {"country": "ukr"}, {"role": "MIL"}, {"role": "igo"}, {"search": "ssi"}]
)
def test_actor_filters(filled: Store, sample: list[Item], filters: dict[str, str]) -> None:
    def keep(key: tuple[str, str | None, str | None]) -> bool:
        name, country, role = key
        if "country" in filters and country != filters["country"].upper():
            return False
        if "role" in filters and role != filters["role"].upper():
            return False
        return "search" not in filters or filters["search"].casefold() in name.casefold()

    expected = {k for k in expected_actor_counts(sample) if keep(k)}
    got = [(a.name, a.country, a.role) for a in filled.actors(**filters)]
    assert len(got) == len(set(got))
    assert set(got) == expected


@pytest.mark.parametrize("key", ["Russia", "RUSSIA", " russia ", "RUSGOV"])
def test_actor_by_name_or_code(filled: Store, sample: list[Item], key: str) -> None:
    found = filled.actor(key, exact=True)
    got = found.to_dict()
    if key == "RUSGOV":
        # Two actors have that code; the most active is the Russian government.
        assert got["name"] in ("Russia", "Sergei Lavrov")
    else:
        assert got["name"] == "Russia"
    assert filled.actor(found.id) == found
    assert filled.actor(str(found.id)) == found


def test_actor_with_its_quotes_and_events_latest_first(filled: Store, ref: Reference) -> None:
    russia = filled.actor("Russia", exact=True)
    assert russia.quotes == ()
    assert not russia.side
    as_source = [(s.key, s.day) for s in ref.events if identity(s.event.source) == ("Russia", "RUS", "GOV")]
    as_target = [(s.key, s.day) for s in ref.events if identity(s.event.target) == ("Russia", "RUS", "GOV")]
    for got, expected in ((russia.events_as_source, as_source), (russia.events_as_target, as_target)):
        assert set(ref.got_events(list(got))) == {k for k, _ in expected}
        days = [e.date or e.published for e in got]
        assert days == sorted(days, reverse=True)  # type: ignore[type-var]
    lavrov = filled.actor("Sergei Lavrov")
    assert [q.text for q in lavrov.quotes] == ["Kyiv must first withdraw its troops"]


def test_a_country_actor_is_its_side_with_its_members(filled: Store, ref: Reference) -> None:
    side = filled.actor("RUS")
    assert side.side
    assert {m.name for m in side.members} == {"Russia", "Sergei Lavrov", "Russian forces"}
    as_source = ref.event_keys(lambda s: ref.names(s.event.source, "RUS"))
    assert side.n_events_source == len(as_source)
    assert set(ref.got_events(list(side.events_as_source))) == set(as_source)


def test_unknown_actor_is_a_store_error(filled: Store) -> None:
    with pytest.raises(StoreError, match="no such actor"):
        filled.actor("Nobody At All")
    with pytest.raises(StoreError, match="no such actor"):
        filled.actor(9999)


# --- stats and parameters --------------------------------------------------------------


def test_stats(filled: Store, sample: list[Item]) -> None:
    analyses = [i.analysis for i in sample if i.analysis]
    published = [i.article.published for i in sample if i.article.published]
    assert filled.stats().to_dict() == {
        "articles": len(sample),
        "duplicates": sum(1 for i in sample if i.duplicate_of_index),
        "failures": 0,
        "actors": len(expected_actor_counts(sample)),
        "mentions": sum(len(a.mentions) for an in analyses for a in an.actors),
        "quotes": sum(len(an.quotes) for an in analyses),
        "events": sum(len(an.events) for an in analyses),
        "sources": len({i.source for i in sample if i.source}),
        "sources_done": 0,
        "undated_events": sum(
            1
            for i in sample
            if i.analysis
            for e in i.analysis.events
            if e.date is None and i.article.published is None
        ),
        "failures_by_reason": {},
        "feeds": [],
        "first_published": min(published).isoformat(),
        "last_published": max(published).isoformat(),
    }


@pytest.mark.parametrize("method", ["articles", "quotes", "events", "actors", "failures"])
def test_limit_below_one_is_a_value_error(filled: Store, method: str) -> None:
    with pytest.raises(QueryError, match="limit"):
        getattr(filled, method)(limit=0)


def test_limit_over_the_maximum_is_refused(filled: Store, ref: Reference) -> None:
    with pytest.raises(QueryError, match=str(MAX_LIMIT)):
        filled.events(limit=MAX_LIMIT + 1)
    assert len(filled.events(limit=MAX_LIMIT)) == len(ref.events)


def test_after_must_name_an_actor(filled: Store) -> None:
    with pytest.raises(StoreError, match="no actor 9999"):
        filled.actors(after=9999)


def test_stats_of_an_empty_store(store: Store) -> None:
    stats = store.stats().to_dict()
    assert stats["first_published"] is None and stats["last_published"] is None
    counts = {k: v for k, v in stats.items() if isinstance(v, int)}
    assert Counter(counts.values()) == Counter({0: 10})
    assert stats["feeds"] == [] and stats["failures_by_reason"] == {}


def test_stats_say_how_each_feed_fares_and_why_inputs_failed(store: Store) -> None:
    feed = "https://news.example/feed.xml"
    store.set_feed_validators(feed, '"v1"', None)
    store.add_article(Article(text="One article from the feed.", title="From a feed"), None, source=feed)
    for origin, reason in ((feed, "HTTP 503"), ("a.html", "no article body"), ("b.html", "no article body")):
        store.record_failure(origin, reason)
    stats = store.stats()
    assert stats.failures_by_reason == {"no article body": 2, "HTTP 503": 1}
    [health] = stats.feeds
    assert (health.url, health.articles, health.failures) == (feed, 1, 1)
    assert health.checked_at


def test_facets_count_the_filtered_events_per_type_country_outlet_and_month(
    filled: Store, ref: Reference
) -> None:
    chosen = [s for s in ref.events if ref.names(s.event.source, "RUS")]
    facets = filled.facets("events", source="RUS")
    assert dict(facets["type"]) == dict(Counter(s.event.plover.type for s in chosen if s.event.plover.type))
    assert dict(facets["country"]) == {"RUS": len(chosen)}
    assert dict(facets["outlet"]) == dict(Counter(s.outlet for s in chosen if s.outlet))
    assert dict(facets["month"]) == dict(Counter(s.day.isoformat()[:7] for s in chosen if s.day))


def test_facets_of_quotes_and_articles(filled: Store, sample: list[Item]) -> None:
    outlets = Counter(i.article.outlet for i in sample if i.article.outlet)
    assert dict(filled.facets("articles")["outlet"]) == dict(outlets)
    assert set(filled.facets("quotes", country="RUS")) == {"country", "outlet", "month"}
    with pytest.raises(QueryError, match="positions"):
        filled.facets("positions")


def test_actor_keys_that_only_look_like_ids_are_names(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'ids.db'}") as store:
        for key in ("²", "9" * 20):
            with pytest.raises(StoreError):
                store.actor(key)


def test_refreshed_statistics_let_the_planner_read_newest_first(filled: Store, ref: Reference) -> None:
    filled.refresh_statistics()
    expected = ref.event_keys(lambda s: ref.names(s.event.source, "UKR") or ref.names(s.event.target, "UKR"))
    assert ref.got_events(filled.events(actor="UKR", limit=500)) == expected
    if filled.dialect == "sqlite":
        with filled._reading() as conn:
            analysed = {row[0] for row in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
        assert {"events", "actors", "articles"} <= analysed
