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
    """``articles`` cut into consecutive chunks of about equal text length that keep ``workers`` busy.

    There are enough chunks for every worker (while there are articles enough) and
    for no chunk to hold more than ``chunk_size`` articles. Cuts fall where the text
    seen so far reaches an equal share of the batch's text, so a worker given short
    articles does not sit idle while another parses long ones.
    """
    n = len(articles)
    if n == 0:
        return []
    parts = max(min(n, workers), -(-n // chunk_size))
    total = sum(len(a.text) for a in articles) or 1
    chunks: list[list[Article]] = []
    start, seen = 0, 0
    for part in range(1, parts):
        left = parts - part  # chunks still to make after this one
        end = start + 1
        seen += len(articles[start].text)
        # Grow the chunk to its share of the text, within its size, leaving an article per later chunk.
        while (
            end < n - left
            and end - start < chunk_size
            and (seen + len(articles[end].text) / 2) * parts <= total * part
        ):
            seen += len(articles[end].text)
            end += 1
        # A chunk may have to take more than its share so later chunks stay within chunk_size.
        while n - end > left * chunk_size:
            seen += len(articles[end].text)
            end += 1
        chunks.append(list(articles[start:end]))
        start = end
    chunks.append(list(articles[start:]))
    return chunks
