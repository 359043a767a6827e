"""Parley's throughput against plain spaCy on the same texts, measured in one process.

    python benchmarks/throughput.py [--articles N] [--model NAME] [--batch-size B] [--json]

(a) is the bare model: ``spacy.load(model).pipe(texts)``. (b) is Parley's whole analysis
(``Analyzer.analyze_many``: the model plus actors, quotes, events and dates). Both are warmed
up, then timed in alternation (a, b, a, b, ...) and the best run of each is kept, so a noisy
neighbour on a shared machine hurts both alike. The ratio (b)/(a) of articles per second is the
number to watch: 1.0 means Parley's own components cost nothing on top of the parse. (c) is (b)
with positions and shifts switched off (``Analyzer(positions=None)``), timed in the same rotation:
(b)/(c) in seconds is what deriving positions adds to the analysis (1.10 = 10 % more time).

Memory: the process's peak RSS (both models are loaded in this process), and, in separate
untimed runs under tracemalloc, the peak of Python-heap allocations during (a) and during (b);
their difference is what Parley's components and records add.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
CORPUS = REPO.parent / "shared" / "corpus"
PUBLISHED = dt.date(2025, 5, 3)  # a fixed date, so relative dates are resolved in (b) as in real use
MIN_DISTINCT = 20  # fewer distinct sample articles than this and more are made by recombining sentences
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class Timing:
    """The best of several timed runs of one contender."""

    name: str
    seconds: float
    articles: int
    tokens: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    import spacy

    from parley.config import model_name
    from parley.nlp.pipeline import Analyzer
    from parley.records import Article

    texts, origin = build_texts(args.articles, args.samples)
    name = model_name(args.model)
    raw = spacy.load(name)
    rss_raw = _peak_rss_mb()
    analyzer = Analyzer(args.model)
    without_positions = Analyzer(args.model, positions=None)  # the same loaded model
    rss_both = _peak_rss_mb()
    tokens = sum(len(raw.make_doc(t)) for t in texts)

    def run_raw(batch: list[str]) -> None:
        for _ in raw.pipe(batch, batch_size=args.batch_size):
            pass

    def run_parley(batch: list[str], chosen: Analyzer = analyzer) -> None:
        articles = (Article(text=t, published=PUBLISHED) for t in batch)
        for _ in chosen.analyze_many(articles, batch_size=args.batch_size):
            pass

    def run_no_positions(batch: list[str]) -> None:
        run_parley(batch, without_positions)

    warm = texts[: min(len(texts), 2 * args.batch_size)]
    run_raw(warm)
    run_parley(warm)
    best: dict[str, float] = {}
    contenders = (("a", run_raw), ("b", run_parley), ("c", run_no_positions))
    for _, (key, run) in itertools.product(range(args.rounds), contenders):
        seconds = _timed(run, texts)
        best[key] = min(best.get(key, seconds), seconds)
    timings = [
        Timing("(a) spaCy nlp.pipe", best["a"], len(texts), tokens),
        Timing("(b) Parley analyze_many", best["b"], len(texts), tokens),
        Timing("(c) Parley without positions", best["c"], len(texts), tokens),
    ]

    traced = texts[: min(len(texts), args.trace_articles)]
    trace_a, trace_b = (_traced_peak_mb(run, traced) for run in (run_raw, run_parley))

    result: dict[str, Any] = {
        "model": name,
        "articles": len(texts),
        "tokens": tokens,
        "texts_from": origin,
        "batch_size": args.batch_size,
        "rounds": args.rounds,
        "timings": [
            {
                **asdict(t),
                "articles_per_second": t.articles_per_second,
                "tokens_per_second": t.tokens_per_second,
            }
            for t in timings
        ],
        "ratio": timings[1].articles_per_second / timings[0].articles_per_second,
        "positions_ratio": timings[1].seconds / timings[2].seconds,
        "peak_rss_mb": {"after_spacy_load": rss_raw, "after_parley_load": rss_both, "end": _peak_rss_mb()},
        "traced_peak_mb": {
            "articles": len(traced),
            "spacy": trace_a,
            "parley": trace_b,
            "parley_extra": trace_b - trace_a,
        },
    }
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


def build_texts(count: int, samples: Path) -> tuple[list[str], str]:
    """``count`` article texts: the sample articles, padded by recombination, repeated as needed."""
    pool, origin = _sample_texts(samples), str(samples)
    if not pool and CORPUS.is_dir():
        pool, origin = _corpus_texts(CORPUS), str(CORPUS)
    if not pool:
        raise SystemExit(f"no article texts: {samples} has no *.txt or *.jsonl files and {CORPUS} is absent")
    if len(pool) < MIN_DISTINCT:
        pool = pool + recombine(pool, MIN_DISTINCT - len(pool))
        origin += " (plus articles recombined from their sentences)"
    return list(itertools.islice(itertools.cycle(pool), count)), origin


def recombine(texts: list[str], count: int, sentences_per_article: int = 20) -> list[str]:
    """``count`` new articles made of sentences drawn (with a fixed seed) from ``texts``."""
    sentences = [s.strip() for t in texts for s in _SENTENCE_END.split(t) if len(s.split()) >= 4]
    if not sentences:
        return []
    rng = random.Random(20250503)
    size = min(sentences_per_article, len(sentences))
    out = []
    for _ in range(count):
        picked = rng.sample(sentences, size)
        out.append("\n".join(" ".join(picked[i : i + 4]) for i in range(0, size, 4)))
    return out


def _sample_texts(folder: Path) -> list[str]:
    texts: list[str] = []
    if not folder.is_dir():
        return texts
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".jsonl":
            texts.extend(_jsonl_texts(path))
    return [t for t in texts if t.strip()]


def _jsonl_texts(path: Path) -> Iterable[str]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            yield record["text"]


def _corpus_texts(corpus: Path, sentences_per_article: int = 15) -> list[str]:
    """The shared seed article and PLOVER example sentences grouped into articles, read in place."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "seed").glob("*.txt"))]
    plover = corpus / "plover-gsr" / "dev.json"
    if plover.is_file():
        records = json.loads(plover.read_text(encoding="utf-8")).get("records", [])
        sentences = [r["text"] for r in records if isinstance(r.get("text"), str)]
        for i in range(0, len(sentences), sentences_per_article):
            texts.append(" ".join(sentences[i : i + sentences_per_article]))
    return texts


def _timed(run: Callable[[list[str]], None], texts: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    run(texts)
    return time.perf_counter() - start


def _traced_peak_mb(run: Callable[[list[str]], None], texts: list[str]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        run(texts)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / 2**20


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    scale = 2**20 if sys.platform == "darwin" else 2**10
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def render(result: dict[str, Any]) -> str:
    """The result as a small plain-text table."""
    rows = [("run", "seconds", "articles/s", "tokens/s")]
    for t in result["timings"]:
        rows.append(
            (
                t["name"],
                f"{t['seconds']:.2f}",
                f"{t['articles_per_second']:.1f}",
                f"{t['tokens_per_second']:,.0f}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    table = [
        "  ".join([r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))])
        for r in rows
    ]
    rss, traced = result["peak_rss_mb"], result["traced_peak_mb"]
    return "\n".join(
        [
            f"model {result['model']}, {result['articles']} articles, {result['tokens']:,} tokens, "
            f"batch size {result['batch_size']}, best of {result['rounds']} alternating rounds",
            f"texts from {result['texts_from']}",
            "",
            *table,
            "",
            f"ratio (b)/(a): {result['ratio']:.2f}",
            f"positions on/off, (b)/(c) in seconds: {result['positions_ratio']:.3f}",
            f"peak RSS: {rss['after_spacy_load']:.0f} MB after loading spaCy, "
            f"{rss['after_parley_load']:.0f} MB after loading Parley too, {rss['end']:.0f} MB at the end",
            f"traced Python heap peak over {traced['articles']} articles: spaCy {traced['spacy']:.1f} MB, "
            f"Parley {traced['parley']:.1f} MB (+{traced['parley_extra']:.1f} MB)",
        ]
    )


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles per timed run (default 200)")
    parser.add_argument(
        "--model", default=None, help="spaCy pipeline (default PARLEY_MODEL or the small model)"
    )
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of each contender (default 2)")
    parser.add_argument(
        "--trace-articles", type=int, default=50, help="articles per tracemalloc run (default 50)"
    )
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="folder of sample articles")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    for flag in ("articles", "batch_size", "rounds", "trace_articles"):
        if getattr(args, flag) < 1:
            parser.error(f"--{flag.replace('_', '-')} must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(main())
