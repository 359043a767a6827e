"""The main job: ingest into a store, with duplicates, failures, re-runs and transactions."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from parley.errors import InputError
from parley.ingest import IngestOptions, Overrides, analyze, ingest, ingest_one, is_more_original
from parley.records import Actor, ActorRef, Analysis, Article, Quote
from parley.sources import Document
from parley.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def fake_analyzer(articles: Sequence[Article]) -> list[Analysis]:
    """One actor and one quote per article: enough to see what the store kept, with no model."""
    analyses = []
    for article in articles:
        ref = ActorRef("Somebody", "USA", "GOV", "USAGOV")
        end = min(len(article.text), 20)
        quote = Quote(article.text[:end], 0, end, "direct", ref, (0, 5), "said")
        analyses.append(Analysis(actors=[Actor(ref, [(0, 5)])], quotes=[quote]))
    return analyses


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'test.db'}") as opened:
        yield opened


def test_samples_ingest_with_one_near_duplicate(store: Store) -> None:
    report = ingest([str(SAMPLES)], store, analyzer=fake_analyzer)
    assert report.failed == []
    assert len(report.duplicates) == 1
    origin, original = report.duplicates[0]
    origins = {article_id: path for article_id, path in report.ingested}
    # The republished copy is read first, but the article it was republished from is the original.
    assert Path(origin).name == "armenia-azerbaijan-republished.txt"
    assert Path(origins[original]).name == "armenia-azerbaijan-treaty.txt"
    assert store.article(original).duplicate_of is None
    # Their trailers name the outlet: "Source: OUTLET" and "originally published by OUTLET".
    assert store.article(original).outlet == "Bosphorus Review"
    assert "Continental Wire" in {a.outlet for a in store.articles(limit=500)}
    assert len(report.ingested) >= 12
    stats = store.stats()
    assert stats.articles == len(report.ingested) + len(report.duplicates)
    assert stats.quotes == len(report.ingested)  # duplicates are not analysed


def test_reingesting_is_a_no_op(store: Store) -> None:
    first = ingest([str(SAMPLES)], store, analyzer=fake_analyzer)
    before = store.stats()
    second = ingest([str(SAMPLES)], store, analyzer=fake_analyzer)
    assert second.ingested == [] and second.duplicates == []
    assert len(second.unchanged) == len(first.ingested) + len(first.duplicates)
    assert store.stats() == before


def test_failures_are_recorded_and_the_run_goes_on(store: Store, tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    text = next((SAMPLES / "text").glob("*.txt"))
    report = ingest([str(missing), str(binary), str(text)], store, analyzer=fake_analyzer)
    assert len(report.ingested) == 1
    failed = dict(report.failed)
    assert set(failed) == {str(missing), str(binary)}
    assert all(reason for reason in failed.values())
    assert {f.origin for f in store.failures()} == {str(missing), str(binary)}


def test_overrides_fill_missing_metadata(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(" ".join(["The envoy met the minister and they agreed to talk again next month."] * 6))
    options = IngestOptions(overrides=Overrides(published=dt.date(2025, 5, 3), outlet="Desk"))
    report = ingest([str(path)], store, options, analyzer=fake_analyzer)
    article = store.article(report.ingested[0][0])
    assert article.published == dt.date(2025, 5, 3)
    assert article.outlet == "Desk"


def test_an_analyzer_failure_leaves_no_article_of_the_batch(store: Store) -> None:
    def broken(articles: Sequence[Article]) -> list[Analysis]:
        raise RuntimeError("model crashed")

    with pytest.raises(RuntimeError):
        ingest([str(SAMPLES / "text")], store, analyzer=broken)
    assert store.stats().articles == 0


def test_ingest_one_returns_the_stored_id_and_the_original_for_a_copy(store: Store) -> None:
    body = " ".join(["Officials from both countries said the talks would resume in Geneva."] * 8)
    document = Document(origin="api", kind="text", content=body)
    first = ingest_one(store, document, analyzer=fake_analyzer)
    again = ingest_one(store, document, analyzer=fake_analyzer)
    assert first == again
    assert store.article(first).text.startswith("Officials")


def test_ingest_one_raises_the_input_error(store: Store) -> None:
    document = Document(origin="api", kind="html", content="<html><body></body></html>")
    with pytest.raises(InputError, match="api"):
        ingest_one(store, document, analyzer=fake_analyzer)


def test_analyze_yields_articles_and_errors_in_order(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    text = sorted((SAMPLES / "text").glob("*.txt"))[0]
    items = list(analyze([str(text), str(missing)], analyzer=fake_analyzer))
    assert isinstance(items[0], tuple) and items[0][1].quotes
    assert isinstance(items[1], InputError)


@pytest.mark.model
def test_killing_the_ingest_leaves_only_whole_articles(tmp_path: Path) -> None:
    """SIGKILL mid-run: every stored article has all the records a full run gives it."""
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    env = {**os.environ, "PARLEY_DB": db}
    command = [sys.executable, "-m", "parley.cli", "ingest", str(SAMPLES)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if (tmp_path / "killed.db").exists():
                with Store(db) as partial:
                    if partial.stats().articles > 0:
                        break
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
    full_db = f"sqlite:///{tmp_path / 'full.db'}"
    with Store(full_db) as full:
        ingest([str(SAMPLES)], full)
        expected = {a.url or a.title: a for a in (full.article(r.id) for r in full.articles(limit=500))}
    with Store(db) as partial:
        stored = [partial.article(r.id) for r in partial.articles(limit=500)]
    for article in stored:
        twin = expected[article.url or article.title]
        assert len(article.quotes) == len(twin.quotes)
        assert len(article.events) == len(twin.events)
        assert len(article.actors) == len(twin.actors)


def _copy_pair(tmp_path: Path, first: str, second: str) -> list[Path]:
    body = "\n".join(
        f"Paragraph {n}: the ministers of both countries met in Geneva to discuss the ceasefire terms."
        for n in range(12)
    )
    paths = []
    for name, trailer in ((first, "This article was originally published by Harbour Times."), (second, "")):
        path = tmp_path / name
        path.write_text(f"Ceasefire talks in Geneva\n\n{body}\n{trailer}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_the_republished_copy_is_the_duplicate_whichever_is_read_first(store: Store, tmp_path: Path) -> None:
    copy, original = _copy_pair(tmp_path, "a-copy.txt", "b-original.txt")
    report = ingest([str(copy), str(original)], store, analyzer=fake_analyzer)
    [(dup_origin, original_id)] = report.duplicates
    assert dup_origin == str(copy)
    assert dict(report.ingested)[original_id] == str(original)
    assert store.article(original_id).quotes and store.article(original_id).duplicate_of is None


def test_is_more_original_prefers_the_earlier_and_the_non_republished() -> None:
    early = Article(text="x", published=dt.date(2025, 5, 1))
    late = Article(text="x", published=dt.date(2025, 5, 2))
    syndicated = Article(text="x", published=dt.date(2025, 4, 1), republished=True)
    assert is_more_original(early, late) and not is_more_original(late, early)
    assert is_more_original(late, syndicated) and not is_more_original(syndicated, late)
    assert is_more_original(early, Article(text="x")) and not is_more_original(Article(text="x"), early)


def spacy_like_analyzer(limit: int) -> Callable[[Sequence[Article]], list[Analysis]]:
    """The fake analyzer, refusing the whole batch for one text over ``limit``, as spaCy does."""

    def run(articles: Sequence[Article]) -> list[Analysis]:
        for article in articles:
            if len(article.text) > limit:
                raise ValueError(f"[E088] Text of length {len(article.text)} exceeds maximum of {limit}.")
        return fake_analyzer(articles)

    return run


def test_a_text_too_long_to_analyse_is_refused_and_the_run_goes_on(store: Store, tmp_path: Path) -> None:
    limit = 5_000

    def text(place: str, sentences: int) -> str:
        return "".join(
            f"The envoys said talks {n} in {place} would resume in week {n}. " for n in range(sentences)
        )

    (tmp_path / "a.txt").write_text(text("Doha", 10), encoding="utf-8")
    (tmp_path / "b-long.txt").write_text(text("Geneva", 150), encoding="utf-8")  # one line, over 5,000
    (tmp_path / "c.txt").write_text(text("Cairo", 10), encoding="utf-8")
    options = IngestOptions(max_analysed_chars=limit, batch_size=16)
    report = ingest([str(tmp_path)], store, options, analyzer=spacy_like_analyzer(limit))
    assert [Path(origin).name for _, origin in report.ingested] == ["a.txt", "c.txt"]
    [(origin, reason)] = report.failed
    assert Path(origin).name == "b-long.txt"
    assert "over the 5,000 analysed in one piece" in reason
    assert store.failures()[0].origin == origin
    # Stored unanalysed, the same text is no failure.
    stored = ingest([origin], store, IngestOptions(analyze=False, max_analysed_chars=limit))
    assert stored.failed == [] and len(stored.ingested) == 1


def test_a_text_too_long_to_analyse_is_a_413_from_the_api(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from parley.web import create_app

    monkeypatch.setattr("parley.ingest.default_analyzer", lambda: spacy_like_analyzer(1_000_000))
    token = "test-token-0123456789abcdef"
    text = "The envoys said the talks on the border would resume next week in Doha. " * 20_000
    with TestClient(create_app(store, allow_ingest=True, token=token)) as client:
        response = client.post(
            "/api/ingest", json={"text": text}, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 413
    assert "analysed in one piece" in response.json()["error"]
