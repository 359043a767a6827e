"""Choosing an engine for ``parley ingest``, and the batch size that keeps its workers busy."""

from __future__ import annotations

import pytest

from parley.errors import ConfigError
from parley.ingest import DEFAULT_BATCH
from parley.nlp.pipeline import Analyzer
from parley.scale.engines import batch_size, open_analyzer
from parley.scale.pool import ProcessAnalyzer
from tests.scale.scaledata import country_articles


def test_one_local_worker_analyses_in_this_process(blank_pipeline: str) -> None:
    articles = country_articles()[:3]
    with open_analyzer("local", 1, model=blank_pipeline) as analyzer:
        assert not isinstance(analyzer, ProcessAnalyzer)
        assert analyzer(articles) == list(Analyzer(blank_pipeline).analyze_many(articles))


def test_several_local_workers_are_a_process_pool(blank_pipeline: str) -> None:
    with open_analyzer("local", 2, model=blank_pipeline) as analyzer:
        assert isinstance(analyzer, ProcessAnalyzer) and analyzer.workers == 2


@pytest.mark.parametrize(
    ("engine", "workers", "scheduler", "message"),
    [
        ("spark", 2, None, "engine 'spark': expected one of local, dask"),
        ("local", 0, None, "--workers 0: must be at least 1"),
        ("local", 2, "tcp://10.0.0.5:8786", "a scheduler needs --engine dask"),
    ],
)
def test_impossible_choices_are_config_errors(
    engine: str, workers: int, scheduler: str | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        open_analyzer(engine, workers, scheduler)


def test_batches_give_every_worker_a_full_chunk() -> None:
    assert batch_size(1) == DEFAULT_BATCH
    for workers in range(1, 17):
        for chunk_size in (2, 8, 20):
            size = batch_size(workers, chunk_size)
            assert size >= DEFAULT_BATCH and size >= workers * chunk_size
