"""The ``parley`` command through typer's runner: help, output formats and errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from parley.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def command_names() -> list[str]:
    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_with_an_example() -> None:
    assert {"ingest", "analyze", "articles", "show", "stats", "quotes", "events", "dyad", "serve"} <= set(
        command_names()
    )
    for name in command_names():
        code, out, _ = invoke(name, "--help")
        assert code == 0, name
        assert "Example:" in out, f"parley {name} --help has no example"


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("parley ")


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    code, out, err = invoke("ingest", str(SAMPLES), "--db", url, "--no-analyze")
    assert code == 0, err
    assert "ingested" in out and "1 duplicates" in out
    return url


def test_reingest_says_nothing_new(db: str) -> None:
    code, out, _ = invoke("ingest", str(SAMPLES), "--db", db, "--no-analyze")
    assert code == 0
    assert "0 ingested" in out and "Nothing new" in out


def test_articles_json_and_show(db: str) -> None:
    code, out, _ = invoke("articles", "--db", db, "--json", "--limit", "500")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) >= 13
    assert {"id", "url", "title", "outlet", "published", "duplicate_of"} <= set(rows[0])
    code, out, _ = invoke("show", str(rows[-1]["id"]), "--db", db, "--json")
    assert code == 0
    article = json.loads(out)
    assert article["id"] == rows[-1]["id"] and article["text"]


def test_articles_search_uses_the_full_text_index(db: str) -> None:
    code, out, _ = invoke("articles", "--db", db, "--json", "--search", "ceasefire")
    assert code == 0
    titles = [json.loads(line)["title"] or "" for line in out.splitlines()]
    assert titles and any("ceasefire" in t.lower() for t in titles)


def test_stats_json(db: str) -> None:
    code, out, _ = invoke("stats", "--db", db, "--json")
    assert code == 0
    figures = json.loads(out)
    assert figures["duplicates"] == 1 and figures["articles"] >= 14


def test_unknown_article_is_one_red_line(db: str) -> None:
    code, _, err = invoke("show", "99999", "--db", db)
    assert code == 1
    assert "99999" in err and len(err.strip().splitlines()) == 1


def test_bad_db_url_is_a_clear_error() -> None:
    code, _, err = invoke("stats", "--db", "mysql://nowhere/db")
    assert code == 1 and "mysql://nowhere/db" in err


def test_missing_input_fails_with_its_name_and_exit_status(tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    code, _, err = invoke("ingest", str(missing), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--no-analyze")
    assert code == 1
    assert str(missing) in err


def test_bad_format_is_rejected(db: str) -> None:
    code, _, err = invoke("quotes", "--db", db, "--format", "xml")
    assert code == 1 and "xml" in err


def test_a_bug_is_not_dressed_as_a_tidy_error(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from parley.store import Store

    def broken(self: Store) -> None:
        raise ValueError("a bug in Parley")

    monkeypatch.setattr(Store, "stats", broken)
    result = runner.invoke(app, ["stats", "--db", db])
    assert isinstance(result.exception, ValueError)
    assert "Error:" not in result.stderr


@pytest.mark.model
def test_analyze_json_follows_the_contract(tmp_path: Path) -> None:
    article = sorted((SAMPLES / "text").glob("*.txt"))[0]
    code, out, err = invoke("analyze", str(article), "--published", "2025-05-03", "--json")
    assert code == 0, err
    result = json.loads(out.splitlines()[0])
    assert set(result) >= {"title", "outlet", "published", "text", "actors", "quotes", "events", "source"}
    assert result["published"] == "2025-05-03"
    assert result["source"] == str(article)
    text = result["text"]
    for quote in result["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for event in result["events"]:
        start, end = event["trigger"]
        assert 0 <= start < end <= len(text)


@pytest.mark.model
def test_analyze_takes_one_sentence_from_text_or_stdin() -> None:
    code, out, err = invoke("analyze", "--text", "Egypt condemned the attack on the embassy.", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["source"] == "--text" and result["text"] == "Egypt condemned the attack on the embassy."
    assert [e["cameo_root"] for e in result["events"]] == ["11"]
    piped = runner.invoke(app, ["analyze", "-", "--json"], input="Chile recalled its ambassador.\n")
    assert piped.exit_code == 0, piped.stderr
    assert json.loads(piped.stdout)["source"] == "<stdin>"


@pytest.mark.model
def test_analyze_json_keeps_the_dateline_out_of_the_text_and_the_actors() -> None:
    code, out, err = invoke(
        "analyze", "--text", "KYIV (Reuters) - Ukraine recalled its ambassador to Hungary.", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert (result["dateline"], result["dateline_agency"]) == ("KYIV", "Reuters")
    assert result["text"] == "Ukraine recalled its ambassador to Hungary."
    assert "Reuters" not in {a["name"] for a in result["actors"]}
    assert {e["source"]["country"] for e in result["events"] if e["source"]} <= {"UKR"}


def test_show_prints_the_dateline(tmp_path: Path) -> None:
    story = tmp_path / "dispatch.txt"
    story.write_text(
        "By Amara Okafor\n\nDAKAR (AP) — Envoys met for a second day of talks.\n", encoding="utf-8"
    )
    url = f"sqlite:///{tmp_path / 'd.db'}"
    code, _, err = invoke("ingest", str(story), "--db", url, "--no-analyze")
    assert code == 0, err
    code, out, _ = invoke("show", "1", "--db", url, "--json")
    assert code == 0
    article = json.loads(out)
    assert (article["dateline"], article["dateline_agency"]) == ("DAKAR", "AP")
    assert article["text"] == "Envoys met for a second day of talks."
    code, out, _ = invoke("show", "1", "--db", url)
    assert code == 0 and "dateline DAKAR (AP)" in out


def test_analyze_without_input_says_what_to_give() -> None:
    code, _, err = invoke("analyze")
    assert code == 2 and "--text" in err


@pytest.mark.model
def test_ingest_then_query_quotes_events_and_dyad(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'full.db'}"
    code, _, err = invoke("ingest", str(SAMPLES / "text"), str(SAMPLES / "feeds"), "--db", url)
    assert code == 0, err
    code, out, _ = invoke("quotes", "--db", url, "--format", "csv", "--limit", "500")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["text"] for r in rows)
    assert any(r["speaker_name"] for r in rows)
    code, out, _ = invoke("events", "--db", url, "--format", "json", "--limit", "500")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all(e["cameo"][:2] == e["cameo_root"] for e in events)
    countries = {(e["source"] or {}).get("country") for e in events}
    code, out, _ = invoke("events", "--db", url, "--format", "json", "--source", "USA", "--limit", "500")
    assert code == 0
    assert all(json.loads(line)["source"]["country"] == "USA" for line in out.splitlines())
    assert "USA" in countries
    code, out, _ = invoke("dyad", "RUS", "UKR", "--db", url, "--format", "json")
    assert code == 0


def test_export_parley_schema_to_stdout_and_a_file(db: str, tmp_path: Path) -> None:
    code, out, _ = invoke("export", "--db", db)
    assert code == 0
    articles = [json.loads(line) for line in out.splitlines()]
    assert articles and all("text" in a and "quotes" in a for a in articles)
    target = tmp_path / "events.csv"
    code, _, err = invoke("export", "--db", db, "--schema", "gdelt", "--format", "csv", "-o", str(target))
    assert code == 0 and str(target) in err
    assert target.read_text().startswith("GLOBALEVENTID,")


def test_export_refuses_filters_its_schema_cannot_apply(db: str) -> None:
    code, _, err = invoke("export", "--db", db, "--schema", "parley", "--source", "RUS")
    assert code == 1 and "--source" in err


def test_parquet_needs_an_output_file(db: str) -> None:
    code, _, err = invoke("export", "--db", db, "--format", "parquet")
    assert code == 1 and "-o" in err


def test_unknown_engine_is_a_clear_error(tmp_path: Path) -> None:
    text = sorted((SAMPLES / "text").glob("*.txt"))[0]
    code, _, err = invoke("ingest", str(text), "--db", f"sqlite:///{tmp_path / 'e.db'}", "--engine", "spark")
    assert code == 1 and "spark" in err
