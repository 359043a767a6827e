"""Fixtures for the scale tests: a model-free pipeline, the in-process reference run, and PostgreSQL.

The PostgreSQL cluster is the session's throwaway cluster (``tests/postgres.py``).
"""

from __future__ import annotations

from typing import Any

import pytest

from parley.ingest import AnalyzeBatch, default_analyzer
from tests.scale.scaledata import run_ingest, stored_records


@pytest.fixture(scope="session")
def blank_pipeline(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A model-free spaCy pipeline on disk (tokenizer and sentencizer): Parley's components still
    find actors by name, so ordering can be tested without loading the real model."""
    import spacy

    path = tmp_path_factory.mktemp("blank") / "blank_en"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(path)
    return str(path)


@pytest.fixture(scope="session")
def in_process_analyzer() -> AnalyzeBatch:
    """The default in-process analyzer, loaded once for the session."""
    return default_analyzer()


@pytest.fixture(scope="session")
def reference(
    in_process_analyzer: AnalyzeBatch, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, Any]]:
    """The records of the demo articles as the in-process analyzer stores them in SQLite."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'parley.db'}"
    report = run_ingest(url, in_process_analyzer)
    assert not report.failed and len(report.ingested) > 10 and report.duplicates
    records = stored_records(url)
    assert sum(len(r["events"]) for r in records) > 0 and sum(len(r["quotes"]) for r in records) > 0
    return records
