"""``parley feeds``, ``parley watch`` and ``parley alerts`` from the command line, and a real SIGTERM."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from parley import cli
from parley.cli import app
from parley.sources.opml import read_opml
from parley.store import Store, engine
from parley.store.feeds import FeedList
from parley.watch import WatchEvent
from tests.httpserver import LocalServer
from tests.watch.watchkit import INTERVAL, T0, FeedRoute, Item, english, story

REPO = Path(__file__).resolve().parents[2]
OPML = REPO / "tests" / "fixtures" / "subscriptions.opml"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    # rich wraps long error lines at the terminal width; the words are what matter.
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_every_feeds_and_alerts_command_has_help_with_an_example() -> None:
    for group, commands in (
        ("feeds", ["add", "list", "history", "remove", "resume", "import", "export"]),
        ("alerts", ["add", "list", "remove"]),
    ):
        for command in commands:
            code, out, _ = invoke(group, command, "--help")
            assert code == 0 and "Example:" in out, f"parley {group} {command} --help has no example"
    code, out, _ = invoke("watch", "--help")
    assert code == 0 and "Example:" in out and "--per-host" in out and "--log-json" in out


def test_feeds_add_list_remove(db: str) -> None:
    code, out, err = invoke(
        "feeds", "add", "https://a.example/feed.xml", "--name", "Wire A", "--every", "2h", "--db", db
    )
    assert code == 0, err
    assert "Added feed 1: Wire A (every 2h)" in out
    code, _, err = invoke("feeds", "add", "https://a.example/feed.xml", "--db", db)
    assert code == 1 and "already in the feed list" in err
    code, _, err = invoke("feeds", "add", "https://b.example/feed.xml", "--every", "soon", "--db", db)
    assert code == 1 and "interval 'soon'" in err
    code, out, _ = invoke("feeds", "list", "--db", db, "--format", "jsonl")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["name"] == "Wire A" and row["every"] == "2h" and row["failures"] == 0
    code, out, _ = invoke("feeds", "remove", "Wire A", "--db", db)
    assert code == 0 and "Removed feed 1" in out
    code, out, _ = invoke("feeds", "list", "--db", db, "--format", "jsonl")
    assert out == ""


def test_opml_import_and_export_round_trip(db: str, tmp_path: Path) -> None:
    code, out, err = invoke("feeds", "import", str(OPML), "--every", "30m", "--db", db)
    assert code == 0, err
    assert "3 feeds added, 1 skipped" in out and "https://a.example/world.rss" in err
    exported = tmp_path / "out.opml"
    code, _, err = invoke("feeds", "export", "-o", str(exported), "--db", db)
    assert code == 0, err
    assert [(f.url, f.title) for f in read_opml(exported)] == [
        ("https://a.example/world.rss", "Wire A world news"),
        ("https://b.example/feed.atom", "Wire B"),
        ("https://ministry.example/press.xml", "Ministry statements"),
    ]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, _ = invoke("feeds", "import", str(exported), "--db", other)
    assert code == 0 and "3 feeds added, 0 skipped" in out


def test_importing_a_file_that_is_not_opml_fails_naming_it(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "feed.xml"
    bad.write_text("<rss><channel/></rss>")
    code, _, err = invoke("feeds", "import", str(bad), "--db", db)
    assert code == 1 and "feed.xml: not an OPML file" in err
    code, _, err = invoke("feeds", "import", str(tmp_path / "missing.opml"), "--db", db)
    assert code == 1 and "missing.opml: no such file" in err


@pytest.mark.network
def test_watch_once_logs_json_lines(db: str) -> None:
    with LocalServer() as server:
        server.route("/feed", FeedRoute([story("cli1"), story("cli2")]))
        invoke("feeds", "add", server.url("/feed"), "--name", "Local", "--db", db)
        code, out, err = invoke("watch", "--once", "--no-analyze", "--log-json", "--db", db)
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["event"] for e in events if e["event"] in ("round", "fetched", "stopped")] == [
        "round",
        "fetched",
        "stopped",
    ]
    fetched = next(e for e in events if e["event"] == "fetched")
    assert fetched["feed"] == "Local" and fetched["new"] == 2
    code, out, _ = invoke("feeds", "list", "--db", db, "--format", "jsonl")
    assert json.loads(out)["items_seen"] == 2
    code, out, _ = invoke("feeds", "history", "Local", "--db", db, "--format", "jsonl")
    (fetch,) = [json.loads(line) for line in out.splitlines()]
    assert fetch["status"] == "200" and fetch["new_items"] == 2 and fetch["ok"]


@pytest.mark.network
def test_watch_plain_lines(db: str) -> None:
    with LocalServer() as server:
        server.route("/feed", FeedRoute([story("plain1")]))
        invoke("feeds", "add", server.url("/feed"), "--name", "Local", "--db", db)
        code, out, err = invoke("watch", "--once", "--no-analyze", "--db", db)
    assert code == 0, err
    assert any(line.split()[1:3] == ["fetched", "Local:"] for line in out.splitlines()), out


def test_alerts_add_list_remove(db: str, tmp_path: Path) -> None:
    code, out, err = invoke(
        "alerts",
        "add",
        "threats",
        "--query",
        "events --source RUS --type THREATEN",
        "-o",
        str(tmp_path / "t.jsonl"),
        "--db",
        db,
    )
    assert code == 0, err
    assert "Added alert 'threats': events --source RUS --type THREATEN ->" in out
    code, _, err = invoke("alerts", "add", "bad", "--query", "events --speaker X", "--db", db)
    assert code == 1 and "events has no option --speaker" in err
    code, _, err = invoke("alerts", "add", "hook", "--query", "events", "--webhook", "ftp://x", "--db", db)
    assert code == 1 and "--webhook" in err
    code, out, _ = invoke("alerts", "list", "--db", db, "--format", "jsonl")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["name"] == "threats" and row["output"] == str(tmp_path / "t.jsonl")
    code, out, _ = invoke("alerts", "remove", "threats", "--db", db)
    assert code == 0 and "Removed alert 'threats'" in out
    code, _, err = invoke("alerts", "remove", "threats", "--db", db)
    assert code == 1 and "no such alert" in err


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["feeds", "list", "--format", "jsonl"], '"name": "Wire A"'),
        (["feeds", "history", "Wire A"], "Fetches of Wire A"),
        (["feeds", "export"], 'xmlUrl="https://a.example/feed.xml"'),
        (["alerts", "list", "--format", "jsonl"], '"name": "threats"'),
    ],
)
def test_commands_that_list_feeds_and_alerts_read_a_read_only_store(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], shown: str
) -> None:
    invoke("feeds", "add", "https://a.example/feed.xml", "--name", "Wire A", "--db", db)
    invoke("alerts", "add", "threats", "--query", "events --source RUS", "--db", db)
    for leftover in tmp_path.glob("cli.db-*"):
        leftover.unlink()  # what a copy onto read-only media holds: the database file alone
    (tmp_path / "cli.db").chmod(0o444)
    tmp_path.chmod(0o555)
    # Root may write whatever the modes say, so the media's answer is given as well.
    monkeypatch.setattr(engine.os, "access", lambda path, mode: not mode & os.W_OK)
    try:
        code, out, err = invoke(*command, "--db", db)
    finally:
        tmp_path.chmod(0o755)
    assert code == 0, err
    assert shown in out
    assert not list(tmp_path.glob("cli.db-*"))


@pytest.mark.network
def test_sigterm_mid_round_finishes_the_article_and_exits_cleanly(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'signal.db'}"
    items = [Item(f"urn:sig{n}", f"Story {n}", english(f"sig{n}")) for n in range(400)]
    with LocalServer() as server:
        server.route("/feed", FeedRoute(items))
        with Store(db) as store:
            FeedList(store).add(server.url("/feed"), name=None, interval=INTERVAL, fetch_pages=False, at=T0)
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        watcher = subprocess.Popen(
            [sys.executable, "-m", "parley.cli", "watch", "--no-analyze", "--log-json", "--db", db],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert watcher.stdout is not None
        logged = []
        for line in watcher.stdout:
            logged.append(json.loads(line))
            if logged[-1]["event"] == "article":
                watcher.send_signal(signal.SIGTERM)
                break
        # Read through the same buffered stream: communicate() would skip the lines it holds.
        rest = watcher.stdout.read()
        assert watcher.stderr is not None
        err = watcher.stderr.read()
        watcher.wait(timeout=120)
    logged += [json.loads(line) for line in rest.splitlines()]
    assert watcher.returncode == 0, err
    assert logged[-1]["event"] == "stopped"
    reported = [
        e["origin"] for e in logged if e["event"] == "article" and e["outcome"] in ("ingested", "duplicate")
    ]
    with Store(db) as store:
        stored = store.articles(limit=500)
        assert 1 <= len(stored) < 400
        assert len(stored) == len(reported)  # every article reported is whole in the store, nothing else
        assert store.feed_validators(server.url("/feed")) == (None, None)  # read again next time
        assert all(store.article(a.id).text for a in stored)


def test_on_a_terminal_events_print_above_a_status_line(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "out", Console(file=screen, force_terminal=True, width=120))
    at = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with cli._watch_log(False) as log:
        log(WatchEvent("round", "round 1: 1 feed due", at))
        log(WatchEvent("article", "ingested: x", at, data={"outcome": "ingested"}))
        log(WatchEvent("alert", "alert threats: event 3: Russia THREATEN Ukraine", at))
        log(WatchEvent("sleeping", "next check at 08:15:00", at))
    shown = screen.getvalue()
    assert "alert threats: event 3" in shown
    assert "round 1 · 1 new articles · 1 alerts" in shown
