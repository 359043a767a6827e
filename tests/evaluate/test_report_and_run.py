"""Running an analyser over gold files, the micro-averaged report, its JSON and its table."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from parley.errors import GoldError
from parley.evaluate import Counts, Report, evaluate, format_report, score_article
from parley.records import ActorRef, Event, Plover

TEXT_A = "Rubio said “this is not our war” on Friday. Bruce said the US could “step back”."
TEXT_B = "Zelensky called it “an attempt at manipulation” and “a trick”."


def gold(article: str, quotes: list[tuple[str, str | None]], **extra: Any) -> dict[str, Any]:
    return {
        "article": article,
        "quotes": [{"text": t, "speaker": s} for t, s in quotes],
        "events": [],
        **extra,
    }


def result(text: str, quotes: list[tuple[str, str | None]], **extra: Any) -> dict[str, Any]:
    out = []
    for words, speaker in quotes:
        start = text.index(words)
        out.append(
            {
                "text": words,
                "start": start,
                "end": start + len(words),
                "speaker": {"name": speaker, "country": None, "role": None} if speaker else None,
            }
        )
    return {"text": text, "quotes": out, "events": [], "actors": [], **extra}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT_B, encoding="utf-8")
    a = gold(
        "a.txt",
        [("this is not our war", "Marco Rubio"), ("step back", "Tammy Bruce")],
        assume_published="2025-05-03",
        clean={"outlet": "BLiTZ"},
    )
    b = gold("b.txt", [("an attempt at manipulation", "Vladimir Zelensky")])
    (tmp_path / "a.gold.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.gold.json").write_text(json.dumps(b), encoding="utf-8")
    return tmp_path


def fake_pipeline(calls: list[tuple[Path, dt.date | None]]) -> Any:
    """An analyser that gets A half right and B fully right, and records its calls."""

    def analyze(path: Path, published: dt.date | None) -> dict[str, Any]:
        calls.append((path, published))
        if path.name == "a.txt":
            return result(
                TEXT_A,
                [("this is not our war", "Marco Rubio"), ("step back", "Marco Rubio"), ("on Friday", None)],
                outlet="BLiTZ",
            )
        return result(TEXT_B, [("an attempt at manipulation", "Vladimir Zelensky")])

    return analyze


def test_evaluate_analyses_each_article_with_its_assumed_date(gold_dir: Path) -> None:
    calls: list[tuple[Path, dt.date | None]] = []
    report = evaluate([gold_dir], fake_pipeline(calls))
    assert calls == [(gold_dir / "a.txt", dt.date(2025, 5, 3)), (gold_dir / "b.txt", None)]
    assert [a.name for a in report.articles] == [str(gold_dir / "a.gold.json"), str(gold_dir / "b.gold.json")]


def test_totals_are_micro_averaged(gold_dir: Path) -> None:
    report = evaluate([gold_dir], fake_pipeline([]))
    a, b = (x.quotes.counts for x in report.articles)
    assert a == Counts(returned=3, right=1, required=2, found=1)
    assert b == Counts(returned=1, right=1, required=1, found=1)
    assert report.quotes == a + b
    # Micro: 2 right of 4 returned, not the mean of 1/3 and 1/1.
    assert report.quotes.precision == pytest.approx(2 / 4)
    assert report.clean == (1, 1)


def test_report_json_round_trips(gold_dir: Path) -> None:
    as_dict = evaluate([gold_dir], fake_pipeline([])).to_dict()
    again = json.loads(json.dumps(as_dict))
    assert again["total"]["quotes"]["returned"] == 4
    assert again["total"]["quotes"]["precision"] == pytest.approx(0.5)
    assert len(again["articles"]) == 2
    assert again["articles"][0]["quotes"]["misses"][0]["text"] == "step back"
    assert again["plover"] == []


def test_table_lists_each_file_and_the_total(gold_dir: Path) -> None:
    report = evaluate([gold_dir], fake_pipeline([]))
    table = format_report(report)
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["file", "quotes"]
    assert any(line.startswith(str(gold_dir / "a.gold.json")) and "0.333" in line for line in lines)
    assert lines[-1].startswith("total (micro)")
    assert "0.500" in lines[-1]
    assert "step back" not in table


def test_table_details_name_misses_and_false_positives(gold_dir: Path) -> None:
    table = format_report(evaluate([gold_dir], fake_pipeline([])), details=True)
    assert "quote missed: step back -- attributed to Marco Rubio, gold Tammy Bruce" in table
    assert "quote wrong: on Friday -- matches no gold quote" in table
    assert "everything right" in table


def test_single_article_has_no_total_row() -> None:
    score = score_article(gold("x.txt", [("a trick", None)]), result(TEXT_B, [("a trick", None)]))
    table = format_report(Report(articles=[score]))
    assert "total" not in table
    assert "article 1" in table
    assert format_report(Report()) == "no gold files scored"


def test_bad_gold_fails_before_anything_is_analysed(gold_dir: Path) -> None:
    (gold_dir / "z.json").write_text("{}", encoding="utf-8")
    calls: list[tuple[Path, dt.date | None]] = []
    with pytest.raises(GoldError, match=r"z\.json"):
        evaluate([gold_dir], fake_pipeline(calls))
    assert calls == []


PLOVER_RECORDS = [
    {
        "id": "R1",
        "text": "Hungary agreed to cooperate with Romania.",
        "event": "AGREE",
        "source": [{"actorText": "Hungary", "code": "HUN"}],
        "target": [{"actorText": "Romania", "code": "ROU"}],
    },
    {
        "id": "R2",
        "text": "Protesters demanded the release of prisoners.",
        "event": "DEMAND",
        "source": [{"actorText": "Protesters", "code": "CVL"}],
        "target": "",
    },
]


def plover_sentences(text: str) -> list[Event]:
    """Gets R1 fully right and R2 not at all."""
    if text.startswith("Hungary"):
        return [
            Event(
                source=ActorRef("Hungary", "HUN", "GOV", "HUNGOV"),
                target=ActorRef("Romania", "ROU", "GOV", "ROUGOV"),
                cameo="030",
                cameo_root="03",
                plover=Plover("AGREE"),
                sentence=(0, len(text)),
                trigger=(8, 14),
            )
        ]
    return []


def test_plover_files_are_scored_with_the_sentence_analyser(gold_dir: Path) -> None:
    plover = gold_dir / "plover" / "dev.json"
    plover.parent.mkdir()
    plover.write_text(json.dumps({"records": PLOVER_RECORDS}), encoding="utf-8")
    report = evaluate([gold_dir], fake_pipeline([]), plover_sentences)
    assert len(report.articles) == 2
    assert [p.name for p in report.plover] == [str(plover)]
    scored = report.to_dict()["plover"][0]
    assert (scored["records"], scored["type_matched"], scored["actors_matched"]) == (2, 1, 1)
    table = format_report(report, details=True)
    assert f"PLOVER gold: {plover}" in table
    assert "record missed: Protesters demanded the release of prisoners." in table


def test_plover_file_without_a_sentence_analyser_fails_before_any_analysis(gold_dir: Path) -> None:
    (gold_dir / "dev.json").write_text(json.dumps({"records": PLOVER_RECORDS}), encoding="utf-8")
    calls: list[tuple[Path, dt.date | None]] = []
    with pytest.raises(GoldError, match="needs analyze_sentence"):
        evaluate([gold_dir], fake_pipeline(calls))
    assert calls == []
