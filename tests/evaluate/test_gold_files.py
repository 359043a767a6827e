"""Reading gold files: the two formats, and a clear GoldError for everything else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from parley.errors import GoldError
from parley.evaluate import gold_paths, load_gold


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text("Rubio said “this is not our war”.", encoding="utf-8")
    return tmp_path


def seed(**extra: Any) -> dict[str, Any]:
    return {
        "article": "story.txt",
        "assume_published": "2025-05-03",
        "quotes": [{"text": "this is not our war", "speaker": "Marco Rubio"}],
        "events": [{"sentence": "Rubio said", "source": "USA", "target": None, "cameo_root": ["01"]}],
        **extra,
    }


def test_seed_format_is_recognised_and_its_article_resolved_beside_it(seed_dir: Path) -> None:
    gold = load_gold(write(seed_dir / "story.gold.json", seed()))
    assert gold.kind == "seed"
    assert gold.article == seed_dir / "story.txt"
    assert gold.published == dt.date(2025, 5, 3)
    assert gold.data["quotes"][0]["speaker"] == "Marco Rubio"


def test_seed_without_a_date_has_none(seed_dir: Path) -> None:
    data = seed()
    del data["assume_published"]
    assert load_gold(write(seed_dir / "g.json", data)).published is None


def test_plover_format_is_recognised(tmp_path: Path) -> None:
    records = [{"id": "1", "text": "Hungary agreed.", "event": "AGREE", "source": [], "target": ""}]
    gold = load_gold(write(tmp_path / "dev.json", {"about": "x", "records": records}))
    assert gold.kind == "plover"
    assert gold.records == tuple(records)
    assert gold.article is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("[1, 2]", "must hold a JSON object, found list"),
        ('{"quotes": []}', "not a gold format parley knows"),
        ('{"article": "story.txt"}', "not a gold format parley knows"),
        ('{"records": [{"event": "AGREE"}]}', "records[0] must be an object with 'text' and 'event'"),
        ('{"records": [{"text": "x", "event": ""}]}', "records[0] must be an object with 'text' and 'event'"),
    ],
)
def test_unknown_or_malformed_files_raise_gold_error_naming_the_file(
    seed_dir: Path, content: str, reason: str
) -> None:
    path = seed_dir / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"article": "missing.txt"}, "does not exist"),
        ({"article": 3}, "'article' must be the name"),
        ({"assume_published": "May 3"}, "'assume_published' must be a YYYY-MM-DD date"),
        ({"quotes": {"text": "x"}}, "'quotes' must be a list"),
        ({"quotes": [{"speaker": "X"}]}, "quotes[0].text must be a str"),
        ({"events": [{"sentence": "s", "source": "USA", "target": "RUS", "cameo_root": ["01"]}]}, "target"),
        ({"events": [{"sentence": "s", "source": "USA", "cameo_root": "01"}]}, "events[0].cameo_root"),
        ({"events": [{"sentence": "s", "target": None, "cameo_root": ["01"]}]}, "no 'source'"),
        ({"actors": [{"country": "USA"}]}, "actors[0].mention"),
        ({"clean": ["title"]}, "'clean' must be an object"),
    ],
)
def test_malformed_seed_gold_raises_gold_error(seed_dir: Path, change: dict[str, Any], reason: str) -> None:
    path = write(seed_dir / "bad.gold.json", seed(**change))
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "nope.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(GoldError, match="cannot be read"):
        load_gold(binary)


def test_folders_expand_to_their_json_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    write(tmp_path / "a" / "x.gold.json", {})
    write(tmp_path / "b.json", {})
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    single = tmp_path / "single.json"
    assert list(gold_paths([tmp_path, single])) == [
        tmp_path / "a" / "x.gold.json",
        tmp_path / "b.json",
        single,
    ]
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match=r"holds no \.json gold files"):
        list(gold_paths([tmp_path / "empty"]))
