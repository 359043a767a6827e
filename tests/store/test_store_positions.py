"""Positions, shifts and processes in the store: written with their article, read, rebuilt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parley.errors import QueryError
from parley.nlp.positions import PositionOptions, derive_positions, load_lexicon
from parley.records import Actor, Analysis, Article, Event, ProcessSummary
from parley.store import Store
from tests.store import samples

FIXTURES = samples
RUSSIA, UKRAINE, UN, USA, ZELENSKY = (
    FIXTURES.RUSSIA,
    FIXTURES.UKRAINE,
    FIXTURES.UN,
    FIXTURES.USA,
    FIXTURES.ZELENSKY,
)
event, quote = FIXTURES.event, FIXTURES.quote

FIRST = (
    "Russia said it is ready for talks with Ukraine. "
    "Ukraine rejected talks with Russia. "
    "The United Nations offered to mediate between Russia and Ukraine. "
    "The United States urged Russia to negotiate."
)
LATER = (
    "Ukraine said it is now ready for talks with Russia after a week of fighting. "
    "Zelensky said the offer was welcome."
)


def analysed(
    text: str, published: dt.date, events: list[Event], quotes: tuple = ()
) -> tuple[Article, Analysis]:
    found, shifts = derive_positions(text, events, quotes, published=published)
    actors = [Actor(e.source, []) for e in events if e.source is not None]
    return Article(text=text, published=published, origin=f"test {published}"), Analysis(
        actors=actors, quotes=list(quotes), events=events, positions=found, shifts=shifts
    )


def first_article() -> tuple[Article, Analysis]:
    day = dt.date(2025, 3, 1)
    return analysed(
        FIRST,
        day,
        [
            event(FIRST, "ready", RUSSIA, UKRAINE, "036", "AGREE", date=day),
            event(FIRST, "rejected", UKRAINE, RUSSIA, "120", "REJECT", date=day),
            event(FIRST, "offered", UN, RUSSIA, "039", "AGREE", date=day),
            event(FIRST, "offered", UN, UKRAINE, "039", "AGREE", date=day),
            event(FIRST, "urged", USA, RUSSIA, "026", "REQUEST", date=day),
        ],
    )


def later_article() -> tuple[Article, Analysis]:
    day = dt.date(2025, 3, 9)
    said = quote(LATER, "the offer was welcome", ZELENSKY, "Zelensky", kind="indirect")
    return analysed(LATER, day, [event(LATER, "ready", UKRAINE, RUSSIA, "036", "AGREE", date=day)], (said,))


@pytest.fixture
def stored(store: Store) -> Store:
    for article, analysis in (first_article(), later_article()):
        store.add_article(article, analysis)
    return store


def test_positions_are_stored_with_their_records(stored: Store) -> None:
    found = {(p.actor.country or p.actor.name, p.issue, p.stance) for p in stored.positions()}
    assert found == {
        ("RUS", "talks", "for"),
        ("UKR", "talks", "against"),
        ("United Nations", "mediation", "for"),
        ("UKR", "talks", "for"),
        ("USA", "talks", "for"),
    }
    (un,) = stored.positions(actor="United Nations")
    assert len(un.event_ids) == 2
    assert {e.id for e in stored.events(source="United Nations")} == set(un.event_ids)
    assert un.sentence_text is not None and un.sentence_text.startswith("The United Nations offered")


@pytest.mark.parametrize("key", ["UKR", "Ukraine", "Kyiv", "UKRGOV"])
def test_actors_are_named_by_code_name_or_alias(stored: Store, key: str) -> None:
    assert {p.stance for p in stored.positions(actor=key)} == {"for", "against"}


def test_positions_filter_by_issue_and_dates(stored: Store) -> None:
    assert len(stored.positions(issue="mediation")) == 1
    assert {p.day for p in stored.positions(since=dt.date(2025, 3, 5))} == {dt.date(2025, 3, 9)}
    assert {p.day for p in stored.positions(until=dt.date(2025, 3, 5))} == {dt.date(2025, 3, 1)}
    with pytest.raises(QueryError, match="issue must be one of"):
        stored.positions(issue="weather")


def test_a_stance_changed_in_a_later_article_is_a_shift_across_articles(stored: Store) -> None:
    (shift,) = stored.shifts(actor="UKR")
    assert (shift.issue, shift.from_stance, shift.to_stance, shift.kind) == (
        "talks",
        "against",
        "for",
        "reversal",
    )
    assert shift.across_articles is True and shift.date == dt.date(2025, 3, 9)
    assert shift.to_dict()["from"] == "against" and shift.to_dict()["to"] == "for"
    assert stored.shifts(kind="walk-back") == []
    with pytest.raises(QueryError, match="kind must be one of"):
        stored.shifts(kind="sideways")


def test_rebuilding_derives_the_same_positions_again(stored: Store, tmp_path: Path) -> None:
    before = {(p.actor.name, p.issue, p.stance) for p in stored.positions()}
    assert stored.rebuild_positions() == (len(before), 1)
    assert {(p.actor.name, p.issue, p.stance) for p in stored.positions()} == before
    assert len(stored.shifts()) == 1
    narrow = tmp_path / "offers-only.yaml"
    narrow.write_text('replace: true\nissues:\n  talks: [talks]\ncodes:\n  "036": {stance: for}\n')
    assert stored.rebuild_positions(PositionOptions(load_lexicon(narrow))) == (2, 0)
    assert {p.actor.country for p in stored.positions()} == {"RUS", "UKR"}


def test_a_process_has_its_parties_mediators_and_timeline(stored: Store) -> None:
    found = stored.process("Moscow", "UKR")
    assert found.id == "RUS-UKR" and found.parties == ("RUS", "UKR")
    assert found.mediators == ("United Nations",)
    kinds = [(t.source.name if t.source else None, t.kind) for t in found.timeline]
    assert ("Russia", "offer of talks") in kinds and ("Ukraine", "rejection") in kinds
    assert ("United Nations", "mediation") in kinds
    row = {r.actor: r for r in found.matrix}["UKR"]
    assert row.issues["talks"].latest.stance == "for"
    assert len(row.issues["talks"].history) == 2
    assert [s.kind for s in found.shifts] == ["reversal"]


def test_a_mediator_can_be_named(stored: Store) -> None:
    assert stored.process("RUS", "UKR", mediators=["USA"]).mediators == ("USA", "United Nations")


def test_processes_are_listed_busiest_first(stored: Store) -> None:
    assert stored.processes()[0] == ProcessSummary(id="RUS-UKR", parties=("RUS", "UKR"), events=3)


def test_the_process_list_is_counted_again_when_events_are_added(store: Store) -> None:
    store.add_article(*first_article())
    assert store.processes()[0].events == 2
    assert store.processes()[0].events == 2  # the second read is the kept count
    store.add_article(*later_article())
    assert store.processes()[0].events == 3


def test_an_unknown_party_is_named_in_the_error(stored: Store) -> None:
    with pytest.raises(QueryError, match="'Atlantis'"):
        stored.process("Atlantis", "UKR")
