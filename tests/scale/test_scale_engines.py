"""The process pool and the Dask engine store exactly what the in-process analyzer stores.

Each test ingests the demo articles with one engine into a store of its own and
compares every article, actor, quote and event with the in-process reference run.
These start model-loading worker processes (a few seconds each), so there are few.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parley.ingest import AnalyzeBatch
from parley.scale.dask import DaskAnalyzer
from parley.scale.pool import ProcessAnalyzer
from tests.scale.scaledata import assert_same, run_ingest, stored_records

pytestmark = pytest.mark.model


def test_process_pool_stores_the_same_records(reference: list[dict[str, Any]], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'pool.db'}"
    # Chunks of 2 from batches of 5: more chunks than workers, so results queue and must be re-ordered.
    with ProcessAnalyzer(2, chunk_size=2) as analyzer:
        report = run_ingest(url, analyzer)
    assert not report.failed
    assert_same(stored_records(url), reference)


def test_dask_local_cluster_stores_the_same_records(reference: list[dict[str, Any]], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    with DaskAnalyzer(None, 2, chunk_size=2) as analyzer:
        assert len(analyzer.client.nthreads()) == 2
        report = run_ingest(url, analyzer)
    assert not report.failed
    assert_same(stored_records(url), reference)


@pytest.mark.postgres
def test_postgresql_stores_the_same_records_as_sqlite(
    reference: list[dict[str, Any]], in_process_analyzer: AnalyzeBatch, postgres: Any
) -> None:
    url = postgres.new_database()
    report = run_ingest(url, in_process_analyzer)
    assert not report.failed
    assert_same(stored_records(url), reference)
