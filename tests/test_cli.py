"""The ``parley`` command through typer's runner: help, output formats and errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from parley.cli import app
from parley.limits import MAX_LIMIT
from parley.records import Actor, ActorRef, Analysis, Article
from parley.store import Store
from tests.store.samples import sample_items

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
    code, out, err = invoke("articles", "--db", db, "--json", "--limit", "500")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 13
    assert {"id", "url", "title", "outlet", "published", "duplicate_of", "text"} <= set(rows[0])
    assert all(r["text"] for r in rows)
    assert f"1-{len(rows)} of {len(rows)} articles" in err
    code, out, _ = invoke("show", str(rows[-1]["id"]), "--db", db, "--json")
    assert code == 0
    article = json.loads(out)
    assert article["id"] == rows[-1]["id"] and article["text"]


def test_articles_search_uses_the_full_text_index(db: str) -> None:
    code, out, _ = invoke("articles", "--db", db, "--format", "jsonl", "--search", "ceasefire")
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
    assert code == 2 and "xml" in err and "jsonl" in err


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
    events = json.loads(out)
    assert events and all(e["cameo"][:2] == e["cameo_root"] for e in events)
    countries = {e["source_country"] for e in events}
    code, out, _ = invoke("events", "--db", url, "--format", "jsonl", "--source", "USA", "--limit", "500")
    assert code == 0
    assert all(json.loads(line)["source_country"] == "USA" for line in out.splitlines())
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


# --- queries over the store tests' sample records --------------------------------------------


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}"
    with Store(url) as store:
        for item in sample_items():
            store.add_article(
                item.article, item.analysis, duplicate_of=item.duplicate_of_index, source=item.source
            )
    return url


def events_json(*args: str) -> tuple[list[dict[str, object]], str]:
    code, out, err = invoke("events", *args, "--format", "json", "--limit", str(MAX_LIMIT))
    assert code == 0, err
    return json.loads(out), err


@pytest.mark.parametrize("key", ["RUS", "rus", "Russia", "RUSSIA", "the Russian Federation"])
def test_a_country_however_written_gives_the_same_events_and_says_what_it_matched(
    sample_db: str, key: str
) -> None:
    expected, _ = events_json("--db", sample_db, "--source", "RUS")
    got, err = events_json("--db", sample_db, "--source", key)
    assert got == expected and expected
    assert {e["source_country"] for e in got} == {"RUS"}
    assert "Russian forces" in err and "Sergei Lavrov" in err


def test_exact_asks_for_the_country_actor_only(sample_db: str) -> None:
    side, _ = events_json("--db", sample_db, "--source", "RUS")
    exact, err = events_json("--db", sample_db, "--source", "RUS", "--exact")
    assert exact and {e["source"]["name"] for e in exact} == {"Russia"}  # type: ignore[index]
    assert len(exact) < len(side)
    assert "'RUS' matched Russia" in err


def test_dyad_is_the_same_for_names_and_codes(sample_db: str) -> None:
    runs = [
        invoke("dyad", a, b, "--db", sample_db, "--format", "json")
        for a, b in [("Russia", "Ukraine"), ("RUS", "UKR"), ("rus", "ukraine")]
    ]
    assert all(code == 0 for code, _, _ in runs)
    assert len({out for _, out, _ in runs}) == 1 and json.loads(runs[0][1])


def test_either_side_and_asserted_only(sample_db: str) -> None:
    either, _ = events_json("--db", sample_db, "--actor", "UKR")
    assert either and all("UKR" in (e["source_country"], e["target_country"]) for e in either)
    asserted, _ = events_json("--db", sample_db, "--asserted-only")
    assert asserted and not any(e["negated"] or e["hypothetical"] or e["reported"] for e in asserted)


def test_quotes_by_surname_in_any_case(sample_db: str) -> None:
    code, out, err = invoke("quotes", "--db", sample_db, "--speaker", "LAVROV", "--format", "json")
    assert code == 0, err
    assert [q["speaker"]["name"] for q in json.loads(out)] == ["Sergei Lavrov"]
    assert "matched Sergei Lavrov" in err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["events", "--type", "THREATENS"], "THREATENS"),
        (["events", "--cameo", "99"], "'99'"),
        (["events", "--source", "Atlantis"], "Atlantis"),
        (["events", "--since", "2025-06-01", "--until", "2025-05-01"], "2025-06-01"),
        (["quotes", "--country", "ZZZ"], "ZZZ"),
        (["quotes", "--speaker", "nobody"], "nobody"),
        (["articles", "--outlet", "Nowhere Daily"], "Wire A"),
        (["actors", "--country", "Atlantis"], "Atlantis"),
        (["events", "--fields", "id,colour"], "colour"),
        (["dyad", "RUS", "ZZZ"], "ZZZ"),
    ],
)
def test_unknown_filter_values_exit_2_naming_them(sample_db: str, args: list[str], named: str) -> None:
    code, out, err = invoke(*args, "--db", sample_db)
    assert code == 2, out
    assert named in err and len(err.strip().splitlines()) == 1


def test_actors_lists_searches_and_filters_by_country(sample_db: str) -> None:
    code, out, err = invoke("actors", "--db", sample_db, "--country", "Russia", "--format", "json")
    assert code == 0, err
    assert {a["name"] for a in json.loads(out)} == {"Russia", "Sergei Lavrov", "Russian forces"}
    code, out, _ = invoke("actors", "--db", sample_db, "--search", "ZELEN", "--format", "csv")
    assert code == 0
    assert [r["name"] for r in csv.DictReader(io.StringIO(out))] == ["Volodymyr Zelensky"]


@pytest.mark.parametrize("command", ["articles", "quotes", "events", "actors"])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_every_list_takes_every_format_and_pages(sample_db: str, command: str, fmt: str) -> None:
    code, first, err = invoke(command, "--db", sample_db, "--format", fmt, "--limit", "2")
    assert code == 0, err
    code, second, err2 = invoke(command, "--db", sample_db, "--format", fmt, "--limit", "2", "--offset", "2")
    assert code == 0, err2
    assert first != second
    notes = first if fmt == "table" else err
    assert "1-2 of " in notes and "--offset 2" in notes


def test_events_csv_carries_article_countries_and_precision(sample_db: str) -> None:
    code, out, _ = invoke("events", "--db", sample_db, "--format", "csv", "--sort", "date")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"article_id", "source_country", "target_country", "date_precision"} <= set(rows[0])
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)


def test_fields_narrow_json(sample_db: str) -> None:
    code, out, _ = invoke("articles", "--db", sample_db, "--format", "json", "--fields", "id,text")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(set(r) == {"id", "text"} and r["text"] for r in rows)


def test_show_lists_each_actor_once(tmp_path: Path) -> None:
    text = "The United States warned Russia. People in the United States protested."
    state = ActorRef("United States", "USA", None, "USA")
    civilians = ActorRef("United States", "USA", "CVL", "USACVL")
    second = text.index("United States", 10)
    url = f"sqlite:///{tmp_path / 'once.db'}"
    with Store(url) as store:
        analysis = Analysis(
            actors=[Actor(state, [(4, 17)]), Actor(civilians, [(second, second + len("United States"))])]
        )
        article_id = store.add_article(Article(text=text, title="Twice"), analysis)
    code, out, _ = invoke("show", str(article_id), "--db", url, "--format", "json")
    assert code == 0
    actors = json.loads(out)["actors"]
    assert [a["name"] for a in actors] == ["United States"] and len(actors[0]["mentions"]) == 2


@pytest.mark.parametrize(
    "command", ["articles", "stats", "show 1", "quotes", "events", "actors", "dyad RUS UKR"]
)
def test_read_commands_never_create_a_database(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "absent.db"
    code, _, err = invoke(*command.split(), "--db", f"sqlite:///{missing}")
    assert code == 1
    assert str(missing) in err and "parley ingest" in err
    assert not missing.exists()


def test_stats_counts_what_users_ask_about(sample_db: str) -> None:
    code, out, _ = invoke("stats", "--db", sample_db)
    assert code == 0
    for what in (
        "articles",
        "quotes",
        "events",
        "undated events",
        "actors",
        "feeds",
        "failed inputs",
        "published",
    ):
        assert what in out
    code, out, _ = invoke("stats", "--db", sample_db, "--format", "json")
    figures = json.loads(out)
    assert {"undated_events", "feeds", "failures_by_reason"} <= set(figures)


def test_help_shows_metavars_a_person_reads() -> None:
    for name in command_names():
        _, out, _ = invoke(name, "--help")
        assert not re.search(r"<(str|int|bool|list|%Y)|list\[", out), (
            f"parley {name} --help shows a Python type"
        )
    _, out, _ = invoke("events", "--help")
    for metavar in ("--db URL", "--since DATE", "--limit N", "--source ACTOR"):
        assert metavar in out


def test_piped_output_does_not_wrap_a_long_path(tmp_path: Path) -> None:
    missing = tmp_path / ("a-very-long-name-" * 10 + ".txt")
    code, _, err = invoke("ingest", str(missing), "--db", f"sqlite:///{tmp_path / 'u.db'}", "--no-analyze")
    assert code == 1
    assert str(missing) in err


def test_export_resolves_actors_like_every_filter(sample_db: str) -> None:
    runs = [
        invoke("export", "--db", sample_db, "--schema", "plover", "--source", key)
        for key in ("RUS", "russia")
    ]
    assert all(code == 0 for code, _, _ in runs) and runs[0][1] == runs[1][1] and runs[0][1]
    code, _, err = invoke("export", "--db", sample_db, "--schema", "plover", "--source", "Atlantis")
    assert code == 2 and "Atlantis" in err
    _, side, _ = invoke("export", "--db", sample_db, "--schema", "plover", "--actor", "RUS")
    code, exact, _ = invoke("export", "--db", sample_db, "--schema", "plover", "--actor", "RUS", "--exact")
    assert code == 0 and 0 < len(exact.splitlines()) < len(side.splitlines())


def test_strict_makes_any_failed_input_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    url = f"sqlite:///{tmp_path / 'strict.db'}"
    article = SAMPLES / "text" / "armenia-azerbaijan-treaty.txt"
    code, out, err = invoke("ingest", str(article), str(missing), "--db", url, "--no-analyze")
    assert code == 0 and "1 failed" in out
    code, out, err = invoke("ingest", str(article), str(missing), "--db", url, "--no-analyze", "--strict")
    assert code == 1
    assert str(missing) in err


def test_max_bytes_sets_the_file_size_limit(tmp_path: Path) -> None:
    article = SAMPLES / "text" / "armenia-azerbaijan-treaty.txt"
    url = f"sqlite:///{tmp_path / 'limit.db'}"
    code, _, err = invoke("ingest", str(article), "--db", url, "--no-analyze", "--max-bytes", "100")
    assert code == 1
    assert "over the limit of 100 bytes" in err
    assert "--max-bytes" in err
    code, out, _ = invoke("ingest", str(article), "--db", url, "--no-analyze", "--max-bytes", "10000000")
    assert code == 0 and "1 ingested" in out
