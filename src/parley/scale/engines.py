"""Choosing the analyzer of an ingest: in process, a local process pool, or a Dask cluster.

``open_analyzer`` is what ``parley ingest --engine/--workers/--scheduler`` calls;
``batch_size`` says how many articles an ingest batch should hold for the workers
to stay busy.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from parley.errors import ConfigError
from parley.ingest import DEFAULT_BATCH, AnalyzeBatch, default_analyzer
from parley.scale.pool import DEFAULT_CHUNK_SIZE, ProcessAnalyzer

ENGINES = ("local", "dask")


def open_analyzer(
    engine: str = "local", workers: int = 1, scheduler: str | None = None, model: str | None = None
) -> AbstractContextManager[AnalyzeBatch]:
    """The analyzer an ingest should use, as a context manager that stops its workers on exit.

    ``local`` with one worker analyses in this process; with more, in a pool of
    worker processes. ``dask`` runs on the cluster of ``scheduler`` (tcp://HOST:PORT),
    or on a LocalCluster of ``workers`` processes when there is none.
    """
    if engine not in ENGINES:
        raise ConfigError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ConfigError(f"--workers {workers}: must be at least 1")
    if engine == "local":
        if scheduler:
            raise ConfigError(f"--scheduler {scheduler}: a scheduler needs --engine dask")
        if workers == 1:
            return nullcontext(default_analyzer(model))
        return ProcessAnalyzer(workers, model)
    from parley.scale.dask import DaskAnalyzer

    return DaskAnalyzer(scheduler, workers, model)


def batch_size(workers: int, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """The ingest batch size (``IngestOptions.batch_size``) that keeps ``workers`` busy.

    A batch gives each worker a full chunk. Measured with two workers
    (``benchmarks/scaling.py``): 16 articles keep them busy about 90% of the analysis
    time, and batches of 64 do no better.
    """
    return max(DEFAULT_BATCH, workers * chunk_size)
