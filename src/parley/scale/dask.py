"""Analysis on a Dask cluster: ``parley ingest --engine dask [--scheduler tcp://HOST:PORT]``.

``DaskAnalyzer`` is an ``AnalyzeBatch``: each batch is cut into chunks, the chunks run
as tasks on the cluster's workers, and the analyses come back, in order, to the
ingest loop, which stays the only writer to the store. A worker plugin loads the
model once per worker process, when the worker joins; workers need Parley and the
model installed, and never see the store.

(``distributed`` is only partly annotated, hence the ``no-untyped-call`` ignores.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from distributed import Client, LocalCluster
from distributed.client import FutureCancelledError
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.scheduler import KilledWorker

from parley.config import model_name
from parley.errors import ConfigError
from parley.records import Analysis, Article
from parley.scale.worker import analyze_chunk, analyzer_for, split

DEFAULT_CHUNK_SIZE = 8
DEFAULT_TIMEOUT = 10.0  # seconds to reach the scheduler, and to wait for a first worker


class LoadModel(WorkerPlugin):
    """Loads the analysis model in each worker process as the worker starts (or joins later)."""

    idempotent = True

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = f"parley-model-{model}"

    async def setup(self, worker: Any) -> None:
        # In a thread: loading takes seconds, and the worker's event loop must keep
        # answering the scheduler's heartbeats meanwhile.
        await asyncio.to_thread(analyzer_for, self.model)


class DaskAnalyzer:
    """Analyses batches on a Dask cluster: a LocalCluster of ``workers`` processes, or ``scheduler``'s.

    Use it as a context manager (or call ``close()``)::

        with DaskAnalyzer("tcp://10.0.0.5:8786") as analyzer:
            ingest(inputs, store, options, analyzer=analyzer)

    With ``scheduler=None`` it starts a LocalCluster of ``workers`` single-threaded
    processes without a dashboard and stops it on close. With a scheduler address,
    ``workers`` only sets how many chunks a batch is cut into at least; the cluster's
    own workers do the work. An unreachable scheduler, or one without workers, is a
    ConfigError after ``timeout`` seconds.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 2,
        model: str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if workers < 1:
            raise ConfigError(f"workers {workers}: must be at least 1")
        if chunk_size < 1:
            raise ConfigError(f"chunk_size {chunk_size}: must be at least 1")
        self.scheduler = scheduler
        self.workers = workers
        self.chunk_size = chunk_size
        # Resolved here, so every worker loads the model this process would (PARLEY_MODEL).
        self.model = model_name(model)
        self._cluster: LocalCluster | None = None
        if scheduler is None:
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self._cluster)  # type: ignore[no-untyped-call]
            self.address = str(self._cluster.scheduler_address)
        else:
            self.client = _connect(scheduler, timeout)
            self.address = scheduler
        try:
            self.client.register_plugin(LoadModel(self.model))
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError as exc:
            self.close()
            raise ConfigError(
                f"Dask scheduler {self.address}: no worker joined within {timeout:g} s; "
                f"start one with: dask worker {self.address} --nthreads 1"
            ) from exc
        except BaseException:
            self.close()
            raise

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        """The analyses of ``articles``, in order."""
        joined = len(self.client.nthreads())  # type: ignore[no-untyped-call]
        chunks = split(articles, max(self.workers, joined), self.chunk_size)
        futures = [self.client.submit(analyze_chunk, chunk, self.model, pure=False) for chunk in chunks]
        try:
            results: list[list[Analysis]] = self.client.gather(futures)  # type: ignore[no-untyped-call]
        except (KilledWorker, FutureCancelledError) as exc:
            raise ConfigError(
                f"Dask cluster {self.address}: analysis workers kept dying (out of memory?): "
                f"give workers more memory or run fewer per machine ({exc})"
            ) from exc
        return [analysis for chunk in results for analysis in chunk]

    def close(self) -> None:
        """Disconnect, and stop the LocalCluster when this analyzer started one."""
        self.client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskAnalyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.scheduler or f"LocalCluster({self.workers})"
        return f"DaskAnalyzer({where}, model={self.model!r}, chunk_size={self.chunk_size})"


def _connect(scheduler: str, timeout: float) -> Client:
    """A client of ``scheduler``, or a ConfigError saying why it cannot be reached."""
    try:
        return Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ConfigError(
            f"Dask scheduler {scheduler}: unreachable after {timeout:g} s; "
            "start one with `dask scheduler` and pass the tcp://HOST:PORT address it prints"
        ) from exc
    except (ValueError, TypeError) as exc:
        raise ConfigError(
            f"Dask scheduler {scheduler!r}: not a scheduler address ({exc}); expected tcp://HOST:PORT"
        ) from exc
