"""Alerts: query parsing, matching only new records, delivering each match once to a file and a webhook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from parley.alerts import AlertQuery, add_alert
from parley.config import FetchOptions, SourceOptions
from parley.errors import ConfigError
from parley.ingest import IngestOptions
from parley.records import Analysis, Quote
from parley.store.alerts import AlertBook
from tests.httpserver import LocalServer, Reply, Request
from tests.watch.watchkit import INTERVAL, RUSSIA, FeedRoute, Harness, english, fake_analyzer, story


def test_a_query_takes_the_list_commands_options() -> None:
    query = AlertQuery.parse("events --source RUS --type threaten --since 2026-01-01")
    assert query.kind.name == "events"
    assert query.filters == {"source": "RUS", "type": "THREATEN", "since": dt.date(2026, 1, 1)}
    quotes = AlertQuery.parse("quotes --speaker 'Sergei Lavrov' -s ceasefire")
    assert quotes.filters == {"speaker": "Sergei Lavrov", "search": "ceasefire"}
    assert AlertQuery.parse("events --cameo=13").filters == {"cameo": "13"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must start with one of events, quotes"),
        ("articles --search x", "must start with one of"),
        ("events --speaker Putin", "events has no option --speaker"),
        ("events --source", "--source needs a value"),
        ("events --since May", "not a YYYY-MM-DD date"),
        ("events --source 'RUS", "No closing quotation"),
    ],
)
def test_a_bad_query_names_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        AlertQuery.parse(text)


THREAT_TEXT = "Russia threatens Ukraine with new strikes. " + english("threat-1")


def _alerting(server: LocalServer, harness: Harness, tmp_path: Path, webhook: str | None = None) -> FeedRoute:
    feed = FeedRoute([story("old", "Russia threatens Ukraine again. " + english("old")), story("calm")])
    server.route("/feed", feed)
    harness.add_feed(server.url("/feed"))
    harness.run(ingest=_analyzing(), analyzer=fake_analyzer)
    add_alert(
        harness.store,
        "threats",
        "events --source RUS --type THREATEN",
        output=tmp_path / "threats.jsonl",
        webhook=webhook,
        at=harness.clock(),
    )
    return feed


def _analyzing() -> IngestOptions:
    return IngestOptions(sources=SourceOptions(fetch=FetchOptions(timeout=2.0)), analyze=True, batch_size=4)


def _round(harness: Harness) -> list[str]:
    harness.clock.advance(INTERVAL)
    events = harness.run(ingest=_analyzing(), analyzer=fake_analyzer)
    return [e.message for e in harness.kinds(events, "alert")]


@pytest.mark.network
def test_an_alert_fires_once_for_a_new_match_and_never_for_an_old_one(
    server: LocalServer, harness: Harness, tmp_path: Path
) -> None:
    feed = _alerting(server, harness, tmp_path)
    assert harness.store.events(type="THREATEN")  # the old threat is stored ...
    assert _round(harness) == []  # ... and does not fire
    feed.add(story("new", THREAT_TEXT))
    feed.add(story("other", "Ukraine offers talks. " + english("other")))
    fired = _round(harness)
    assert len(fired) == 1 and fired[0].startswith("alert threats: event ")
    assert "Russia THREATEN Ukraine: Russia threatens Ukraine with new strikes." in fired[0]
    assert _round(harness) == []
    lines = (tmp_path / "threats.jsonl").read_text().splitlines()
    assert len(lines) == 1
    delivered = json.loads(lines[0])
    assert delivered["alert"] == "threats" and delivered["kind"] == "event"
    assert (
        delivered["record"]["source"]["country"] == "RUS"
        and delivered["record"]["plover"]["type"] == "THREATEN"
    )
    (recent,) = AlertBook(harness.store).recent()
    assert recent["delivered"] and recent["record_id"] == delivered["record"]["id"]


@pytest.mark.network
def test_a_webhook_that_fails_twice_gets_the_alert_on_the_third_try(
    server: LocalServer, harness: Harness, tmp_path: Path
) -> None:
    answers = [500, 503, 200]
    received: list[dict[str, object]] = []

    def hook(request: Request) -> Reply:
        status = answers.pop(0) if answers else 200
        if status == 200:
            received.append(json.loads(request.body))
        return Reply(status=status, body=b"", content_type="text/plain")

    server.route("/hook", hook)
    feed = _alerting(server, harness, tmp_path, webhook=server.url("/hook"))
    feed.add(story("new", THREAT_TEXT))
    assert len(_round(harness)) == 1
    posts = [r for r in server.requests if r.path == "/hook"]
    assert [r.method for r in posts] == ["POST"] * 3
    assert len(received) == 1 and received[0]["alert"] == "threats"
    _round(harness)
    assert len([r for r in server.requests if r.path == "/hook"]) == 3


@pytest.mark.network
def test_a_failed_delivery_is_kept_and_retried_in_a_later_round(
    server: LocalServer, harness: Harness, tmp_path: Path
) -> None:
    up = False

    def hook(request: Request) -> Reply:
        return Reply(status=200 if up else 502, body=b"", content_type="text/plain")

    server.route("/hook", hook)
    feed = _alerting(server, harness, tmp_path, webhook=server.url("/hook"))
    feed.add(story("new", THREAT_TEXT))
    harness.clock.advance(INTERVAL)
    events = harness.run(ingest=_analyzing(), analyzer=fake_analyzer)
    assert "502" in harness.kinds(events, "delivery-failed")[0].message
    assert (tmp_path / "threats.jsonl").read_text().count("\n") == 1  # the file has it already
    (pending,) = AlertBook(harness.store).pending(due=harness.clock() + dt.timedelta(days=1))
    assert not pending[1].webhook_done and pending[1].file_done and pending[1].attempts == 3
    up = True
    assert _round(harness) == []  # nothing new matched ...
    assert (
        AlertBook(harness.store).pending(due=harness.clock() + dt.timedelta(days=1)) == []
    )  # ... but delivered
    assert (tmp_path / "threats.jsonl").read_text().count("\n") == 1
    assert [r for r in server.requests if r.path == "/hook"][-1].method == "POST"


@pytest.mark.network
def test_a_quote_alert(server: LocalServer, harness: Harness, tmp_path: Path) -> None:
    def quoting(articles: object) -> list[Analysis]:
        out = []
        for article in articles:  # type: ignore[attr-defined]
            at = article.text.find("ceasefire")
            quotes = [Quote("ceasefire", at, at + 9, "partial", RUSSIA, None, "said")] if at >= 0 else []
            out.append(Analysis(quotes=quotes))
        return out

    feed = FeedRoute([story("q0")])
    server.route("/feed", feed)
    harness.add_feed(server.url("/feed"))
    harness.run(ingest=_analyzing(), analyzer=quoting)
    add_alert(harness.store, "truce talk", "quotes --country RUS --search ceasefire", at=harness.clock())
    feed.add(story("q1", "Moscow spoke of a ceasefire on Monday. " + english("q1")))
    harness.clock.advance(INTERVAL)
    events = harness.run(ingest=_analyzing(), analyzer=quoting)
    assert [e.message for e in harness.kinds(events, "alert")] == [
        'alert truce talk: quote 1: Russia: "ceasefire"'
    ]


@pytest.mark.network
def test_an_alert_this_parley_cannot_read_is_reported_and_skipped(
    server: LocalServer, harness: Harness, tmp_path: Path
) -> None:
    feed = _alerting(server, harness, tmp_path)
    book = AlertBook(harness.store)
    book.add(
        "future", "positions --issue ceasefire", output=None, webhook=None, last_seen_id=0, at=harness.clock()
    )
    feed.add(story("new", THREAT_TEXT))
    harness.clock.advance(INTERVAL)
    events = harness.run(ingest=_analyzing(), analyzer=fake_analyzer)
    assert len(harness.kinds(events, "alert")) == 1
    (problem,) = harness.kinds(events, "delivery-failed")
    assert (
        problem.message.startswith("alert future: skipped:") and "must start with one of" in problem.message
    )
