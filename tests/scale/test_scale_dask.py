"""The Dask engine: connecting to a scheduler, errors, and order of results, without the real model.

A scheduler with one in-process worker thread stands in for a remote cluster, so
these tests start no worker processes.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from distributed import LocalCluster

from parley.errors import ConfigError
from parley.nlp.pipeline import Analyzer
from parley.scale.dask import DaskAnalyzer
from tests.scale.scaledata import country_articles


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def scheduler_only() -> Iterator[str]:
    """The address of a scheduler that has no workers."""
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture
def one_thread_cluster() -> Iterator[str]:
    """The address of a scheduler with one worker thread in this process."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        yield str(cluster.scheduler_address)


def test_an_unreachable_scheduler_is_a_config_error() -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with pytest.raises(ConfigError, match=f"{address}: unreachable after 1 s"):
        DaskAnalyzer(address, timeout=1)


def test_a_malformed_address_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a scheduler address"):
        DaskAnalyzer("nonsense://what", timeout=1)


def test_a_scheduler_without_workers_is_a_config_error(scheduler_only: str) -> None:
    with pytest.raises(ConfigError, match="no worker joined within 1 s; start one with: dask worker"):
        DaskAnalyzer(scheduler_only, timeout=1)


def test_analyses_come_back_in_input_order(one_thread_cluster: str, blank_pipeline: str) -> None:
    articles = country_articles()
    expected = list(Analyzer(blank_pipeline).analyze_many(articles))
    with DaskAnalyzer(one_thread_cluster, workers=3, model=blank_pipeline, chunk_size=2) as analyzer:
        assert analyzer(articles) == expected
        assert analyzer(articles[:1]) == expected[:1]
        assert analyzer([]) == []


@pytest.mark.parametrize(("workers", "chunk_size"), [(0, 8), (2, 0)])
def test_bad_sizes_are_config_errors(workers: int, chunk_size: int) -> None:
    with pytest.raises(ConfigError):
        DaskAnalyzer("tcp://127.0.0.1:1", workers, chunk_size=chunk_size)
