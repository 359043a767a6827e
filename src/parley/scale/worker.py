"""What runs inside an analysis worker process: one model load per process, then chunks of articles.

Both engines (the local process pool and Dask workers) call ``analyze_chunk`` in
their workers. Nothing here touches the store: workers only turn articles into
analyses, which travel back to the one process that writes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from parley.config import model_name
from parley.nlp.pipeline import Analyzer
from parley.records import Analysis, Article

_analyzers: dict[str, Analyzer] = {}
# A Dask worker may run tasks on several threads; spaCy pipelines are not safe to share
# between threads, so a process analyses one chunk at a time whatever its thread count.
_lock = threading.Lock()


def analyzer_for(model: str | None) -> Analyzer:
    """The analyzer of this process for ``model``, loaded on first use and kept."""
    name = model_name(model)
    with _lock:
        found = _analyzers.get(name)
        if found is None:
            found = _analyzers[name] = Analyzer(name)
        return found


def analyze_chunk(articles: Sequence[Article], model: str | None) -> list[Analysis]:
    """The analyses of ``articles``, in their order, with this process's analyzer for ``model``."""
    analyzer = analyzer_for(model)
    with _lock:
        return list(analyzer.analyze_many(articles))


def split(articles: Sequence[Article], workers: int, chunk_size: int) -> list[list[Article]]:
    """``articles`` cut into consecutive chunks of even sizes that keep ``workers`` busy.

    Chunks hold at most ``chunk_size`` articles, and fewer when a batch is too small
    to give every worker a full chunk (10 articles for 2 workers: 5 and 5, not 8 and
    2), so no worker idles while another works through a long chunk.
    """
    n = len(articles)
    if n == 0:
        return []
    parts = max(min(n, workers), -(-n // chunk_size))
    size, longer = divmod(n, parts)
    chunks: list[list[Article]] = []
    start = 0
    for i in range(parts):
        end = start + size + (1 if i < longer else 0)
        chunks.append(list(articles[start:end]))
        start = end
    return chunks
