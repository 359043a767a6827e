"""The records: their dicts are the output schema, and what is left out of it stays out."""

from __future__ import annotations

import datetime as dt
import json

from parley.records import (
    ActorRef,
    EventRow,
    Plover,
    QuoteRow,
    StoredArticle,
    StoredEvent,
    TimelinePeriod,
    contract_fields,
)

USA = ActorRef("United States", "USA", "GOV", code="USAGOV")
RUS = ActorRef("Russia", "RUS", "GOV", code="RUSGOV")


def event(**extra: object) -> EventRow:
    return EventRow(
        USA,
        RUS,
        "138",
        "13",
        Plover("THREATEN", "military", ("diplomatic",)),
        (0, 40),
        (14, 23),
        conditional=True,
        date=dt.date(2025, 5, 2),
        date_precision="day",
        confidence=0.8,
        rule="threaten",
        id=7,
        quote_id=None,
        quad_class=4,
        sentence_text="Washington threatened Moscow with sanctions.",
        article_id=3,
        article_title="Threats",
        published=dt.date(2025, 5, 3),
    )


def test_an_event_row_is_json_with_spans_as_lists_dates_as_iso_and_refs_without_codes() -> None:
    got = event().to_dict()
    assert json.loads(json.dumps(got)) == got
    assert got["source"] == {"name": "United States", "country": "USA", "role": "GOV"}
    assert got["plover"] == {"type": "THREATEN", "mode": "military", "context": ["diplomatic"]}
    assert got["sentence"] == [0, 40] and got["trigger"] == [14, 23]
    assert got["date"] == "2025-05-02" and got["published"] == "2025-05-03"
    assert (got["id"], got["quad_class"], got["article_id"]) == (7, 4, 3)


def test_internal_fields_are_not_in_the_schema() -> None:
    assert [name for name, _ in contract_fields(ActorRef)] == ["name", "country", "role"]
    assert "code" not in USA.to_dict()


def test_a_stored_article_nests_its_records_and_writes_aware_times_with_their_offset() -> None:
    article = StoredArticle(
        id=1,
        url=None,
        canonical_url=None,
        title="T",
        outlet=None,
        published=None,
        fetched_at=dt.datetime(2025, 5, 2, 12, 0, tzinfo=dt.UTC),
        language="en",
        origin="a.txt",
        source=None,
        ingested_at=None,
        duplicate_of=None,
        text="Text",
        events=(StoredEvent(USA, None, "010", "01", Plover(None), (0, 4), (0, 4), id=2),),
    )
    got = article.to_dict()
    assert got["fetched_at"] == "2025-05-02T12:00:00+00:00"
    assert got["actors"] == [] and got["quotes"] == []
    assert got["events"][0]["target"] is None and got["events"][0]["id"] == 2


def test_rows_are_their_stored_record_with_the_article_they_come_from() -> None:
    row = [name for name, _ in contract_fields(QuoteRow)]
    assert row[-3:] == ["article_id", "article_title", "published"]
    assert {"id", "text", "kind", "speaker"} <= set(row)


def test_a_timeline_period_keeps_its_counts_per_type() -> None:
    period = TimelinePeriod(dt.date(2025, 4, 28), events=3, quotes=1, types={"THREATEN": 2})
    assert period.to_dict() == {"period": "2025-04-28", "events": 3, "quotes": 1, "types": {"THREATEN": 2}}
