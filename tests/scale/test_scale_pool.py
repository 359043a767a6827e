"""The process pool: chunking, order of results, and errors, on a model-free pipeline."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.errors import ConfigError, ModelError
from parley.nlp.pipeline import Analyzer
from parley.records import Article
from parley.scale.pool import ProcessAnalyzer
from parley.scale.worker import split
from tests.scale.scaledata import country_articles


@given(
    lengths=st.lists(st.integers(0, 5000), max_size=80),
    workers=st.integers(1, 8),
    chunk_size=st.integers(1, 20),
)
def test_split_keeps_order_and_bounds_chunks(lengths: list[int], workers: int, chunk_size: int) -> None:
    n = len(lengths)
    articles = [Article(text="x" * length) for length in lengths[:n]]
    chunks = split(articles, workers, chunk_size)
    assert [a for chunk in chunks for a in chunk] == articles
    assert all(1 <= len(chunk) <= chunk_size for chunk in chunks)
    assert len(chunks) == max(min(n, workers), -(-n // chunk_size))
    # Every worker gets a chunk while there are articles enough for it.
    assert len(chunks) >= min(n, workers)


def test_split_shares_a_small_batch_between_workers() -> None:
    sizes = [len(c) for c in split([Article(text="word " * 50) for _ in range(10)], workers=2, chunk_size=8)]
    assert sizes == [5, 5]


def test_split_balances_text_length_not_article_count() -> None:
    long, short = Article(text="x" * 4000), Article(text="x" * 500)
    chunks = split([long, *[short] * 8], workers=2, chunk_size=8)
    assert [len(c) for c in chunks] == [1, 8]


def test_analyses_come_back_in_input_order(blank_pipeline: str) -> None:
    articles = country_articles()
    expected = list(Analyzer(blank_pipeline).analyze_many(articles))
    assert len({a.actors[0].ref.name for a in expected}) == len(articles)
    with ProcessAnalyzer(2, model=blank_pipeline, chunk_size=2) as analyzer:
        assert analyzer(articles) == expected
        assert analyzer(articles[:3]) == expected[:3]
        assert analyzer([]) == []


def test_a_model_that_cannot_load_is_a_model_error(tmp_path: pytest.TempPathFactory) -> None:
    missing = f"{tmp_path}/no-such-pipeline"
    with ProcessAnalyzer(1, model=missing) as analyzer, pytest.raises(ModelError, match="no-such-pipeline"):
        analyzer([Article(text="France said so.")])


@pytest.mark.parametrize(("workers", "chunk_size"), [(0, 8), (2, 0)])
def test_bad_sizes_are_config_errors(workers: int, chunk_size: int) -> None:
    with pytest.raises(ConfigError):
        ProcessAnalyzer(workers, chunk_size=chunk_size)
