"""Keyset pagination: walking every page gives each row once, in order, with no gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.records import Actor, ActorRef, Analysis, Article, Event, Plover
from parley.store import Store

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
