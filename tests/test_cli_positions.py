"""``parley positions``, ``shifts``, ``process`` and ``rebuild positions`` on a small store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.nlp.positions import derive_positions
from parley.records import Actor, ActorRef, Analysis, Article, Event, Plover
from parley.store import Store, engine

RUSSIA = ActorRef("Russia", "RUS", "GOV", "RUSGOV")
UKRAINE = ActorRef("Ukraine", "UKR", "GOV", "UKRGOV")
DAYS = (dt.date(2025, 4, 1), dt.date(2025, 4, 20))
TEXTS = (
    "Russia said it is ready for talks with Ukraine. Ukraine rejected talks with Russia.",
    "Ukraine agreed to talks with Russia in Geneva.",
)
runner = CliRunner()


def event(text: str, trigger: str, source: ActorRef, target: ActorRef, cameo: str, day: dt.date) -> Event:
    at = text.index(trigger)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at) + 1
    return Event(
        source, target, cameo, cameo[:2], Plover(None), (start, end), (at, at + len(trigger)), date=day
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'positions.db'}"
    found = [
        [
            event(TEXTS[0], "ready", RUSSIA, UKRAINE, "036", DAYS[0]),
            event(TEXTS[0], "rejected", UKRAINE, RUSSIA, "125", DAYS[0]),
        ],
        [event(TEXTS[1], "agreed", UKRAINE, RUSSIA, "036", DAYS[1])],
    ]
    with Store(url) as store:
        for text, day, events in zip(TEXTS, DAYS, found, strict=True):
            held, moved = derive_positions(text, events, published=day)
            analysis = Analysis([Actor(RUSSIA), Actor(UKRAINE)], [], events, held, moved)
            store.add_article(Article(text=text, published=day, origin=str(day)), analysis)
    return url


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_positions_as_json_filtered_by_an_alias_and_issue(db: str) -> None:
    code, out, _ = invoke("positions", "--db", db, "--actor", "Kyiv", "--issue", "talks", "-f", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["stance"] for r in rows) == ["against", "for"]
    assert {r["actor"]["country"] for r in rows} == {"UKR"}


def test_positions_until_a_date_as_csv(db: str) -> None:
    code, out, _ = invoke("positions", "--db", db, "--until", "2025-04-10", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["day"] for r in rows} == {"2025-04-01"} and len(rows) == 2


def test_shifts_across_articles(db: str) -> None:
    code, out, _ = invoke("shifts", "--db", db, "-f", "jsonl")
    assert code == 0
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["from"], row["to"], row["kind"], row["across_articles"]) == (
        "against",
        "for",
        "reversal",
        True,
    )


def test_process_table_and_json(db: str) -> None:
    code, out, _ = invoke("process", "Moscow", "UKR", "--db", db)
    assert code == 0
    assert "Process RUS-UKR" in out and "rejection" in out and "Latest stances" in out
    code, out, _ = invoke("process", "RUS", "UKR", "--db", db, "-f", "json")
    found = json.loads(out)
    assert found["parties"] == ["RUS", "UKR"] and [t["kind"] for t in found["timeline"]] == [
        "offer of talks",
        "rejection",
        "offer of talks",
    ]


def test_rebuild_positions_reports_what_it_derived(db: str) -> None:
    code, _, err = invoke("rebuild", "positions", "--db", db)
    assert code == 0 and "3 positions and 1 shifts derived" in err


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("positions", "--issue", "weather"), 2, "issue must be one of"),
        (("shifts", "--kind", "sideways"), 2, "kind must be one of"),
        (("process", "Atlantis", "UKR"), 2, "'Atlantis'"),
        (("rebuild", "events"), 1, "only 'positions'"),
    ],
)
def test_bad_arguments_are_one_line_errors(db: str, args: tuple[str, ...], status: int, message: str) -> None:
    code, _, err = invoke(*args, "--db", db)
    assert code == status and message in err


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["positions", "--format", "jsonl"], '"issue": "talks"'),
        (["shifts", "--format", "jsonl"], '"issue": "talks"'),
        (["process", "RUS", "UKR", "--format", "json"], "Ukraine"),
    ],
)
def test_positions_shifts_and_processes_read_a_read_only_store(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], shown: str
) -> None:
    for leftover in tmp_path.glob("positions.db-*"):
        leftover.unlink()  # what a copy onto read-only media holds: the database file alone
    (tmp_path / "positions.db").chmod(0o444)
    tmp_path.chmod(0o555)
    # Root may write whatever the modes say, so the media's answer is given as well.
    monkeypatch.setattr(engine.os, "access", lambda path, mode: not mode & os.W_OK)
    try:
        code, out, err = invoke(*command, "--db", db)
    finally:
        tmp_path.chmod(0o755)
    assert code == 0, err
    assert shown in out
    assert not list(tmp_path.glob("positions.db-*"))
