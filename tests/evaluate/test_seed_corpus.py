"""The scorer on the shared seed gold: a result built from the gold itself must score perfectly.

This checks the scorer, not the NLP: every returned item is placed where the gold says it is.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from parley.evaluate import load_gold, score_article


@pytest.fixture(scope="module")
def seed_gold(corpus: Path) -> tuple[dict[str, Any], str]:
    gold_path = corpus / "seed" / "blitz-us-mediation.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
    return gold, raw


def locate(text: str, words: str) -> tuple[int, int]:
    start = text.find(words)
    assert start >= 0, f"{words!r} is not in the seed article"
    return start, start + len(words)


def perfect_result(gold: dict[str, Any], raw: str) -> dict[str, Any]:
    """The analysis a flawless pipeline would return for the seed article."""
    clean = gold["clean"]
    text = raw[: locate(raw, clean["body_ends_with"])[1]]
    quotes = []
    for q in gold["quotes"]:
        start, end = locate(text, q["text"].rstrip(",."))
        speaker = None
        if q["speaker"] is not None:
            speaker = {"name": q["speaker"], "country": q.get("speaker_country"), "role": "GOV"}
        quotes.append(
            {"text": text[start:end], "start": start, "end": end, "kind": "direct", "speaker": speaker}
        )
    events = []
    for e in gold["events"]:
        start, end = locate(text, e["sentence"])
        target = e["target"][0] if e["target"] else None
        events.append(
            {
                "source": {"name": e["source"], "country": e["source"], "role": "GOV"},
                "target": {"name": target, "country": target, "role": "GOV"} if target else None,
                "cameo": e["cameo_root"][0],
                "cameo_root": e["cameo_root"][0],
                "sentence": [start, end],
                "trigger": [start, start + 1],
                "conditional": e.get("conditional", False),
                "date": e.get("date"),
            }
        )
    actors = []
    for a in gold["actors"]:
        start, end = locate(text, a["mention"])
        actors.append(
            {"name": a["mention"], "country": a["country"], "role": a["role"], "mentions": [[start, end]]}
        )
    return {
        "title": clean["title"],
        "outlet": clean["outlet"],
        "published": gold["assume_published"],
        "text": text,
        "actors": actors,
        "quotes": quotes,
        "events": events,
    }


def test_result_built_from_the_gold_scores_perfectly(seed_gold: tuple[dict[str, Any], str]) -> None:
    gold, raw = seed_gold
    score = score_article(gold, perfect_result(gold, raw))
    for counts in (score.quotes.counts, score.events.counts):
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert score.actors_found == len(gold["actors"])
    assert score.clean_passed == len(score.clean) > 0
    assert all(f.agrees for f in score.events.flags)
    required = [e for e in gold["events"] if e.get("required", True)]
    assert len(score.events.flags) == sum(("conditional" in e) + ("date" in e) for e in required)


def test_losing_a_required_quote_and_its_speaker_shows(seed_gold: tuple[dict[str, Any], str]) -> None:
    gold, raw = seed_gold
    result = perfect_result(gold, raw)
    required = [i for i, q in enumerate(gold["quotes"]) if q.get("required", True)]
    del result["quotes"][required[0]]
    result["quotes"][required[1] - 1]["speaker"] = {"name": "Somebody Else", "country": None, "role": None}
    counts = score_article(gold, result).quotes.counts
    assert counts.required == len(required)
    assert counts.found == len(required) - 2
    assert counts.right == counts.returned - 1


def test_raw_text_fails_the_cleaning_checks(seed_gold: tuple[dict[str, Any], str]) -> None:
    gold, raw = seed_gold
    result = {**perfect_result(gold, raw), "text": raw, "title": None}
    failed = {c.check for c in score_article(gold, result).clean if not c.passed}
    assert failed == {"title", "body_ends_with", "body_excludes"}


def test_shared_gold_files_load_in_their_formats(corpus: Path) -> None:
    seed = load_gold(corpus / "seed" / "blitz-us-mediation.gold.json")
    assert seed.kind == "seed"
    assert seed.article is not None and seed.article.is_file()
    assert seed.published == dt.date.fromisoformat(seed.data["assume_published"])
    plover = load_gold(corpus / "plover-gsr" / "dev.json")
    assert plover.kind == "plover"
    assert len(plover.records) == len(plover.data["records"]) > 0
