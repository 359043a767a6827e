"""What each schema's rows hold, worked out from the hand-built records they were stored from."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from typing import Any

import pytest

from parley.errors import ConfigError
from parley.export import ExportFilters, export
from parley.export.gdelt import COLUMNS as GDELT_COLUMNS
from parley.records import ActorRef
from parley.store import Store
from tests.export.exportdata import Filled, StoredEvent, stored_events

# PLOVER's quad categories (PLOVER manual, "PLOVER quad categories"), current type names.
PLOVER_QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
# GDELT's QuadClass of each CAMEO root (GDELT Event Codebook 2.0, "QuadClass"), written out.
CAMEO_QUADS = {
    "01": 1, "02": 1, "03": 1, "04": 1, "05": 1,
    "06": 2, "07": 2, "08": 2, "09": 2,
    "10": 3, "11": 3, "12": 3, "13": 3, "14": 3,
    "15": 4, "16": 4, "17": 4, "18": 4, "19": 4, "20": 4,
}  # fmt: skip
# The GDELT columns Parley has no data for.
EMPTY_GDELT = {
    c
    for c in GDELT_COLUMNS
    if "Geo_" in c
    or c.endswith(
        ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type2Code", "Type3Code")
    )
    or c in ("GoldsteinScale", "AvgTone")
}


def rows(store: Store, schema: str, **filters: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    export(store, "jsonl", schema, out, ExportFilters(**filters))
    return [json.loads(line) for line in out.getvalue().splitlines()]


def code(ref: ActorRef | None) -> str | None:
    return ref.code if ref else None


def url_of(e: StoredEvent) -> str:
    return e.article.url or e.article.canonical_url or e.article.origin


def newest_first(events: list[StoredEvent]) -> list[StoredEvent]:
    return list(reversed(events))


# --- parley ----------------------------------------------------------------------------


def test_parley_rows_are_the_articles_with_their_records(filled: Filled) -> None:
    got = rows(filled.store, "parley")
    assert [r["id"] for r in got] == list(range(len(filled.items), 0, -1))
    for row in got:
        item = filled.items[row["id"] - 1]
        article, analysis = item.article, item.analysis
        assert (row["title"], row["text"], row["url"]) == (article.title, article.text, article.url)
        assert row["published"] == (article.published.isoformat() if article.published else None)
        assert row["duplicate_of"] == item.duplicate_of_index
        if analysis is None:
            assert row["actors"] == row["quotes"] == row["events"] == []
            continue
        assert Counter(a["name"] for a in row["actors"]) == Counter(a.ref.name for a in analysis.actors)
        assert [(q["text"], q["start"]) for q in row["quotes"]] == [
            (q.text, q.start) for q in analysis.quotes
        ]
        assert [(e["cameo"], e["trigger"]) for e in row["events"]] == [
            (e.cameo, list(e.trigger)) for e in analysis.events
        ]
        for record in (*row["quotes"], *row["events"]):
            assert not {"article_id", "article_title", "published"} & set(record)


def test_parley_filters(filled: Filled) -> None:
    with_ceasefire = {n for n, item in enumerate(filled.items, 1) if "ceasefire" in item.article.text}
    assert (
        with_ceasefire
        and {r["id"] for r in rows(filled.store, "parley", search="ceasefire")} == with_ceasefire
    )
    since, until = dt.date(2025, 5, 1), dt.date(2025, 6, 10)
    in_range = {
        n
        for n, item in enumerate(filled.items, 1)
        if item.article.published and since <= item.article.published <= until
    }
    assert {r["id"] for r in rows(filled.store, "parley", since=since, until=until)} == in_range
    assert {r["id"] for r in rows(filled.store, "parley", outlet="Wire A")} == {
        n for n, item in enumerate(filled.items, 1) if item.article.outlet == "Wire A"
    }


# --- gdelt -----------------------------------------------------------------------------


def test_gdelt_rows_are_the_events_that_are_not_negated(filled: Filled) -> None:
    expected = [e for e in newest_first(stored_events(filled.items)) if not e.event.negated]
    assert len(expected) < len(stored_events(filled.items))
    got = rows(filled.store, "gdelt")
    assert len(got) == len(expected)
    added = (int(filled.started.strftime("%Y%m%d%H%M%S")), int(filled.finished.strftime("%Y%m%d%H%M%S")))
    for row, e in zip(got, expected, strict=True):
        ev = e.event
        assert list(row) == list(GDELT_COLUMNS)
        assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
            ev.cameo,
            ev.cameo[:3],
            ev.cameo[:2],
        )
        assert row["QuadClass"] == CAMEO_QUADS[ev.cameo[:2]]
        for side, ref in (("Actor1", ev.source), ("Actor2", ev.target)):
            assert row[f"{side}Code"] == code(ref)
            assert row[f"{side}Name"] == (ref.name if ref else None)
            assert row[f"{side}CountryCode"] == (ref.country if ref else None)
            assert row[f"{side}Type1Code"] == (ref.role if ref else None)
        if e.day is None:
            assert row["SQLDATE"] is row["MonthYear"] is row["Year"] is row["FractionDate"] is None
        else:
            assert row["SQLDATE"] == e.day.year * 10000 + e.day.month * 100 + e.day.day
            assert row["MonthYear"] == e.day.year * 100 + e.day.month
            assert row["Year"] == e.day.year
            share = (e.day - dt.date(e.day.year, 1, 1)).days / (
                dt.date(e.day.year + 1, 1, 1) - dt.date(e.day.year, 1, 1)
            ).days
            assert row["FractionDate"] == pytest.approx(e.day.year + share, abs=1e-4)
        lead = e.article.text.split("\n")[0]
        assert row["IsRootEvent"] == (1 if ev.sentence[0] < len(lead) else 0)
        assert row["NumMentions"] == row["NumSources"] == row["NumArticles"] == 1
        assert added[0] <= row["DATEADDED"] <= added[1]
        assert row["SOURCEURL"] == url_of(e)
        assert all(row[c] is None for c in EMPTY_GDELT)
    assert {r["IsRootEvent"] for r in got} == {0, 1}


def test_gdelt_filters(filled: Filled) -> None:
    events = [e for e in newest_first(stored_events(filled.items)) if not e.event.negated]

    def ids(**filters: Any) -> list[str]:
        return [f"{r['EventCode']}@{r['SOURCEURL']}" for r in rows(filled.store, "gdelt", **filters)]

    def expected(keep: Any) -> list[str]:
        found = [f"{e.event.cameo}@{url_of(e)}" for e in events if keep(e)]
        assert found
        return found

    assert ids(source="RUS") == expected(lambda e: e.event.source and e.event.source.country == "RUS")
    assert ids(target="United Nations") == expected(
        lambda e: e.event.target and e.event.target.name == "United Nations"
    )
    assert ids(cameo="12") == expected(lambda e: e.event.cameo.startswith("12"))
    assert ids(type="assault") == expected(lambda e: e.event.plover.type == "ASSAULT")
    since, until = dt.date(2025, 5, 1), dt.date(2025, 5, 31)
    assert ids(since=since, until=until) == expected(lambda e: e.day is not None and since <= e.day <= until)


# --- plover ----------------------------------------------------------------------------


def test_plover_rows_are_the_events_with_a_plover_type(filled: Filled) -> None:
    expected = [e for e in newest_first(stored_events(filled.items)) if e.event.plover.type]
    assert len(expected) < len(stored_events(filled.items))
    got = rows(filled.store, "plover")
    assert len(got) == len(expected)
    assert any(r["negated"] for r in got)
    for row, e in zip(got, expected, strict=True):
        ev, article = e.event, e.article
        assert row["event"] == ev.plover.type
        assert row["quad_code"] == PLOVER_QUADS[ev.plover.type]
        assert (row["mode"], row["context"]) == (ev.plover.mode, list(ev.plover.context))
        assert row["date"] == (e.day.isoformat() if e.day else None)
        assert row["date_precision"] == (
            ev.date_precision if ev.date else "published" if article.published else None
        )
        for side, ref in (("actor", ev.source), ("recipient", ev.target)):
            assert row[side] == (ref.name if ref else None)
            assert row[f"{side}_country"] == (ref.country if ref else None)
            assert row[f"{side}_sector"] == (ref.role if ref else None)
            assert row[f"{side}_code"] == code(ref)
        flags = ("negated", "conditional", "hypothetical", "reported")
        assert [row[f] for f in flags] == [getattr(ev, f) for f in flags]
        assert row["text"] == e.sentence
        assert row["cameo"] == ev.cameo
        assert (row["url"], row["title"], row["publication"]) == (url_of(e), article.title, article.outlet)
        assert row["article_id"] == e.article_id
        assert row["coder"].startswith("parley ")


def test_plover_filters(filled: Filled) -> None:
    got = rows(filled.store, "plover", type="REQUEST", source="IGO")
    expected = [
        e for e in stored_events(filled.items)
        if e.event.plover.type == "REQUEST" and e.event.source and e.event.source.code == "IGO"
    ]  # fmt: skip
    assert expected and [r["text"] for r in got] == [e.sentence for e in reversed(expected)]


# --- filters a schema cannot apply -----------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "filters", "named"),
    [
        ("gdelt", {"search": "talks"}, "--search"),
        ("plover", {"outlet": "Wire A"}, "--outlet"),
        ("parley", {"source": "RUS", "cameo": "13"}, "--cameo, --source"),
    ],
)
def test_a_filter_the_schema_cannot_apply_is_a_config_error(
    store: Store, schema: str, filters: dict[str, Any], named: str
) -> None:
    with pytest.raises(ConfigError, match=f"^{named}: not a filter of --schema {schema}"):
        export(store, "jsonl", schema, io.StringIO(), ExportFilters(**filters))
