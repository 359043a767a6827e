"""Keyset pagination: walking every page gives each row once, in order, with no gaps."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.records import Actor, ActorRef, Analysis, Article, Event, Plover
from parley.store import Store, db

Fetch = Callable[..., list[dict[str, Any]]]


def walk(fetch: Fetch, limit: int, **filters: Any) -> list[int]:
    """The ids of every page, fetched ``limit`` at a time until a page comes back empty."""
    ids: list[int] = []
    after = None
    for _ in range(1000):
        page = fetch(**filters, limit=limit, after=after)
        assert len(page) <= limit
        if not page:
            return ids
        ids.extend(row.id for row in page)
        after = page[-1].id
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("limit", [1, 2, 3, 50])
@pytest.mark.parametrize("method", ["articles", "quotes", "events", "actors"])
def test_walking_every_page(filled: Store, method: str, limit: int) -> None:
    fetch: Fetch = getattr(filled, method)
    everything = [row.id for row in fetch(limit=500)]
    assert everything
    assert walk(fetch, limit) == everything


FILTERS: dict[str, list[dict[str, Any]]] = {
    "articles": [{}, {"outlet": "Wire A"}, {"since": dt.date(2025, 5, 1)}, {"search": "Russia"}],
    "quotes": [{}, {"country": "RUS"}, {"since": dt.date(2025, 5, 1)}],
    "events": [{}, {"source": "RUS"}, {"type": "REQUEST"}, {"cameo": "0"}, {"until": dt.date(2025, 5, 31)}],
    "actors": [{}, {"country": "UKR"}, {"role": "GOV"}],
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_pages_with_any_filter_and_limit(filled: Store, data: st.DataObject) -> None:
    method = data.draw(st.sampled_from(sorted(FILTERS)))
    filters = data.draw(st.sampled_from(FILTERS[method]))
    limit = data.draw(st.integers(min_value=1, max_value=6))
    fetch: Fetch = getattr(filled, method)
    everything = [row.id for row in fetch(**filters, limit=500)]
    walked = walk(fetch, limit, **filters)
    assert walked == everything
    assert len(set(walked)) == len(walked)


COUNTRIES = ["USA", "RUS", "UKR", "CHN"]
CODES = ["020", "036", "0871", "125", "130", "190"]

event_specs = st.lists(
    st.tuples(
        st.sampled_from(COUNTRIES),
        st.sampled_from(COUNTRIES),
        st.sampled_from(CODES),
        st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2025, 12, 31)),
    ),
    max_size=40,
)


@settings(max_examples=30, deadline=None)
@given(
    specs=event_specs,
    per_article=st.integers(min_value=1, max_value=5),
    limit=st.integers(min_value=1, max_value=7),
    source=st.sampled_from([*COUNTRIES, None]),
)
def test_event_pages_over_random_data(
    specs: list[tuple[str, str, str, dt.date]], per_article: int, limit: int, source: str | None
) -> None:
    with Store("sqlite://") as store:
        expected: list[tuple[str, str, str, dt.date]] = []
        for start in range(0, len(specs), per_article):
            chunk = specs[start : start + per_article]
            text = f"Article {start} with {len(chunk)} events."
            events = [
                Event(
                    ActorRef(f"{s} government", s, "GOV"), ActorRef(f"{t} government", t, "GOV"),
                    code, code[:2], Plover(None), (0, 5), (0, 5), date=day,
                )
                for s, t, code, day in chunk
            ]  # fmt: skip
            actors = [Actor(ActorRef(f"{c} government", c, "GOV")) for c in COUNTRIES]
            store.add_article(Article(text=text, origin=str(start)), Analysis(actors, [], events))
            expected.extend(chunk)
        walked = walk(store.events, limit, source=source)
        assert len(set(walked)) == len(walked)
        assert walked == sorted(walked, reverse=True)
        rows = {e.id: e for e in store.events(source=source, limit=500)}
        assert sorted(rows) == sorted(walked)
        got = sorted((r.source.country, r.target.country, r.cameo, r.date) for r in rows.values())
        want = sorted((s, t, c, d) for s, t, c, d in expected if source in (None, s))
        assert got == want


# Actors of both sides: a country's side is its state, government and forces, not its press.
RUSSIA, PUTIN, ARMY = (
    ActorRef("Russia", "RUS", None),
    ActorRef("Vladimir Putin", "RUS", "GOV"),
    ActorRef("Russian Armed Forces", "RUS", "MIL"),
)
PRESS = ActorRef("Russian state press", "RUS", "MED")
UKRAINE, ZELENSKY = ActorRef("Ukraine", "UKR", None), ActorRef("Volodymyr Zelensky", "UKR", "GOV")
UN = ActorRef("United Nations", None, "IGO")
PARTIES = [RUSSIA, PUTIN, ARMY, PRESS, UKRAINE, ZELENSKY, UN]
RUSSIAN_SIDE = {RUSSIA.name, PUTIN.name, ARMY.name}
FLAGS = ("negated", "hypothetical", "reported", "conditional")


def _either_side_store(store: Store) -> None:
    """Events between every pair of parties (one side against itself too, and no target), with every
    flag alone, in articles of a few events each."""
    rng = random.Random(13)
    specs = [
        (source, target, flag)
        for source in PARTIES
        for target in [*PARTIES, None]
        for flag in (None, *FLAGS)
        if rng.random() < 0.3
    ]
    rng.shuffle(specs)
    for start in range(0, len(specs), 4):
        chunk = specs[start : start + 4]
        events = [
            Event(source, target, "036", "03", Plover("CONSULT"), (0, 5), (0, 5),
                  **({flag: True} if flag else {}))  # type: ignore[arg-type]
            for source, target, flag in chunk
        ]  # fmt: skip
        store.add_article(
            Article(text=f"Article {start}: parties meet.", origin=f"sides/{start}"),
            Analysis([Actor(p) for p in PARTIES], [], events),
        )


def _asserted(e: Any) -> bool:
    return not (e.negated or e.hypothetical or e.reported)


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        ({"actor": "RUS"}, lambda s, t, e: s in RUSSIAN_SIDE or t in RUSSIAN_SIDE),
        ({"actor": "RUS", "asserted_only": True}, lambda s, t, e: (s in RUSSIAN_SIDE or t in RUSSIAN_SIDE) and _asserted(e)),
        ({"actor": "Zelensky"}, lambda s, t, e: ZELENSKY.name in (s, t)),
        ({"source": "RUS"}, lambda s, t, e: s in RUSSIAN_SIDE),
        ({"target": "RUS", "asserted_only": True}, lambda s, t, e: t in RUSSIAN_SIDE and _asserted(e)),
        ({"source": "RUS", "target": "UKR"}, lambda s, t, e: s in RUSSIAN_SIDE and t in ("Ukraine", ZELENSKY.name)),
        ({"actor": "UKR", "source": "Putin"}, lambda s, t, e: s == PUTIN.name and t in ("Ukraine", ZELENSKY.name)),
        ({"actor": "RUS", "target": "United Nations"}, lambda s, t, e: s in RUSSIAN_SIDE and t == UN.name),
    ],
)  # fmt: skip
def test_actor_filters_page_like_the_whole_list(
    store: Store,
    filters: dict[str, Any],
    keep: Callable[[str | None, str | None, Any], bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An actor filter's pages, read per actor and side, hold the events of the whole list that it
    selects, each once (an event with the side on both ends too), in either order, at any offset;
    as do the pages of a filter with too many actors to read them so."""
    _either_side_store(store)
    assert set(store.resolve_actor("RUS").names) == RUSSIAN_SIDE
    every = store.events(limit=500)
    newest = [
        e.id
        for e in every
        if keep(e.source.name if e.source else None, e.target.name if e.target else None, e)
    ]
    assert len(every) < 500 and 0 < len(newest) < len(every)
    for pairs in (db.PAGE_PAIRS, 0):
        monkeypatch.setattr(db, "PAGE_PAIRS", pairs)
        assert [e.id for e in store.events(**filters, limit=500)] == newest
        assert [e.id for e in store.events(**filters, limit=500, sort="id")] == newest[::-1]
        for limit, offset in ((1, 0), (3, 2), (5, len(newest) - 2), (4, len(newest))):
            page = store.events(**filters, limit=limit, offset=offset)
            assert [e.id for e in page] == newest[offset : offset + limit]
            page = store.events(**filters, limit=limit, offset=offset, sort="id")
            assert [e.id for e in page] == newest[::-1][offset : offset + limit]
        assert walk(store.events, 3, **filters) == newest
        assert store.events(**filters, count=True).total == len(newest)


def test_asserted_only_leaves_out_each_flag_but_conditional(store: Store) -> None:
    _either_side_store(store)
    every = store.events(limit=500)
    by_flag = {flag: {e.id for e in every if getattr(e, flag)} for flag in FLAGS}
    assert all(by_flag.values())
    asserted = {e.id for e in store.events(asserted_only=True, limit=500)}
    assert (
        asserted == {e.id for e in every} - by_flag["negated"] - by_flag["hypothetical"] - by_flag["reported"]
    )
    assert by_flag["conditional"] <= asserted
    for side in ({"actor": "RUS"}, {"source": "UKR"}):
        found = {e.id for e in store.events(**side, asserted_only=True, limit=500)}
        assert found and found <= asserted
