"""Analysis in a pool of local worker processes: ``parley ingest --workers N``.

``ProcessAnalyzer`` is an ``AnalyzeBatch`` like the in-process default: the ingest
loop hands it a batch, gets the analyses back in order, and stays the only writer
to the store. Each worker process loads the spaCy model once, when it starts.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from parley.config import model_name
from parley.errors import ConfigError, ModelError
from parley.records import Analysis, Article
from parley.scale import worker

DEFAULT_CHUNK_SIZE = 8

# Set in a worker process when its model failed to load, so every task it is given
# raises the ModelError itself instead of the pool breaking with no message.
_load_error: ModelError | None = None


def _start(model: str) -> None:
    global _load_error
    try:
        worker.analyzer_for(model)
    except ModelError as exc:
        _load_error = exc


def _ready() -> None:
    if _load_error is not None:
        raise _load_error


def _analyze(articles: list[Article], model: str) -> list[Analysis]:
    _ready()
    return worker.analyze_chunk(articles, model)


class ProcessAnalyzer:
    """Analyses batches in ``workers`` processes, each holding its own copy of the model.

    Use it as a context manager (or call ``close()``)::

        with ProcessAnalyzer(2) as analyzer:
            ingest(inputs, store, options, analyzer=analyzer)

    A batch is cut into chunks of at most ``chunk_size`` articles (smaller when that
    keeps every worker busy); the analyses come back in the batch's order.
    """

    def __init__(self, workers: int, model: str | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE) -> None:
        if workers < 1:
            raise ConfigError(f"workers {workers}: must be at least 1")
        if chunk_size < 1:
            raise ConfigError(f"chunk_size {chunk_size}: must be at least 1")
        self.workers = workers
        self.chunk_size = chunk_size
        # Resolved here, so every worker loads the model this process would (PARLEY_MODEL).
        self.model = model_name(model)
        # "spawn": workers start clean, without a copy of the parent's store connections or threads.
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(self.model,),
        )
        # Start every worker now, so the models load while the first batch is read and cleaned.
        self._warming: list[Future[None]] = [self._pool.submit(_ready) for _ in range(workers)]

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        """The analyses of ``articles``, in order."""
        try:
            for started in self._warming:
                started.result()
            self._warming = []
            futures = [
                self._pool.submit(_analyze, chunk, self.model)
                for chunk in worker.split(articles, self.workers, self.chunk_size)
            ]
            return [analysis for future in futures for analysis in future.result()]
        except BrokenProcessPool as exc:
            raise ConfigError(
                f"--workers {self.workers}: an analysis worker process died (out of memory?); "
                "try fewer workers"
            ) from exc

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessAnalyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProcessAnalyzer(workers={self.workers}, model={self.model!r}, chunk_size={self.chunk_size})"
