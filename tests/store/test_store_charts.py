"""Time buckets: dyad(), timeline() and event_type_counts() against counts worked out in Python."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.errors import QueryError
from parley.records import Actor, ActorRef, Analysis, Article, Event, Plover
from parley.store import Store
from parley.store.periods import check_bucket

if TYPE_CHECKING:
    from tests.store.samples import Reference

BUCKETS = ["day", "week", "month"]


@pytest.mark.parametrize("bucket", BUCKETS)
@pytest.mark.parametrize(
    ("a", "b"), [("USA", "RUS"), ("RUS", "UKR"), ("Ukraine", "United Nations"), ("russia", "ukr")]
)
def test_dyad(filled: Store, ref: Reference, a: str, b: str, bucket: str) -> None:
    expected: dict[str, dict[str, Any]] = {}
    for s in ref.events:
        e = s.event
        a_to_b = ref.names(e.source, a) and ref.names(e.target, b)
        b_to_a = ref.names(e.source, b) and ref.names(e.target, a)
        if s.day is None or not (a_to_b or b_to_a):
            continue
        key = ref.period(s.day, bucket)
        row = expected.setdefault(
            key, {"period": key, "cooperation": 0, "conflict": 0, "a_to_b": 0, "b_to_a": 0}
        )
        row["a_to_b" if a_to_b else "b_to_a"] += 1
        row["cooperation" if int(e.cameo_root) <= 9 else "conflict"] += 1
    assert [r.to_dict() for r in filled.dyad(a, b, bucket=bucket)] == [expected[k] for k in sorted(expected)]


def test_unknown_actors_are_query_errors(filled: Store) -> None:
    with pytest.raises(QueryError, match="'ZZZ'"):
        filled.dyad("UKR", "ZZZ")
    with pytest.raises(QueryError, match="'Nobody'"):
        filled.timeline("Nobody")


def test_dyad_counts_its_undated_events_apart(filled: Store, ref: Reference) -> None:
    undated = [
        s
        for s in ref.events
        if s.day is None
        and (
            (ref.names(s.event.source, "RUS") and ref.names(s.event.target, "UKR"))
            or (ref.names(s.event.source, "UKR") and ref.names(s.event.target, "RUS"))
        )
    ]
    assert filled.dyad("RUS", "UKR").undated == len(undated)


def test_dyad_is_symmetric(filled: Store) -> None:
    forward = filled.dyad("RUS", "UKR")
    backward = filled.dyad("UKR", "RUS")
    assert [(r.a_to_b, r.b_to_a) for r in forward] == [(r.b_to_a, r.a_to_b) for r in backward]
    assert sum(r.a_to_b + r.b_to_a for r in forward) > 0


@pytest.mark.parametrize("bucket", BUCKETS)
@pytest.mark.parametrize("actor", ["RUS", "Ukraine", "Marco Rubio", "United Nations", "rubio"])
def test_timeline(filled: Store, ref: Reference, actor: str, bucket: str) -> None:
    events: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for s in ref.events:
        if s.day and (ref.names(s.event.source, actor) or ref.names(s.event.target, actor)):
            key = ref.period(s.day, bucket)
            events[key] += 1
            if s.event.plover.type:
                by_type[s.event.plover.type][key] += 1
    for q in ref.quotes:
        if q.published and ref.names(q.quote.speaker, actor):
            quotes[ref.period(q.published, bucket)] += 1
    periods = sorted(set(events) | set(quotes))
    expected = [
        {
            "period": p,
            "events": events[p],
            "quotes": quotes[p],
            "types": {t: by_type[t][p] for t in sorted(by_type)},
        }
        for p in periods
    ]
    assert [r.to_dict() for r in filled.timeline(actor, bucket=bucket)] == expected


@pytest.mark.parametrize("bucket", BUCKETS)
def test_event_type_counts(filled: Store, ref: Reference, bucket: str) -> None:
    expected = Counter(
        (ref.period(s.day, bucket), s.event.plover.type) for s in ref.events if s.day and s.event.plover.type
    )
    got = [c.to_dict() for c in filled.event_type_counts(bucket=bucket)]
    assert got == [{"period": p, "type": t, "n": n} for (p, t), n in sorted(expected.items())]


@pytest.mark.parametrize("call", ["dyad", "timeline", "event_type_counts"])
def test_unknown_bucket_is_a_value_error(filled: Store, call: str) -> None:
    args = {"dyad": ("USA", "RUS"), "timeline": ("USA",), "event_type_counts": ()}[call]
    with pytest.raises(QueryError, match="day, week, month"):
        getattr(filled, call)(*args, bucket="year")
    assert check_bucket("week") == "week"


@settings(deadline=None, max_examples=60)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    bucket=st.sampled_from(BUCKETS),
)
def test_periods_match_python_on_any_day(day: dt.date, bucket: str) -> None:
    """SQLite's date arithmetic for weeks and months agrees with the ISO calendar on every day."""
    with Store("sqlite://") as store:
        usa, rus = ActorRef("United States", "USA", "GOV"), ActorRef("Russia", "RUS", "GOV")
        ev = Event(usa, rus, "130", "13", Plover("THREATEN"), (0, 5), (0, 5), date=day)
        store.add_article(Article(text="Event", origin="x"), Analysis([Actor(usa), Actor(rus)], [], [ev]))
        monday = day - dt.timedelta(days=day.weekday())
        start = {"day": day, "week": monday, "month": day.replace(day=1)}[bucket]
        assert [r.period for r in store.event_type_counts(bucket=bucket)] == [start]
