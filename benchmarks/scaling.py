"""Parallel analysis against one process, bare spaCy and Dask, measured in one run.

    python benchmarks/scaling.py [--articles N] [--workers W] [--batch-sizes 16,64] [--rounds R]
                                 [--model NAME] [--no-dask] [--no-ingest] [--json]

Analysis throughput (articles/s) on the same distinct articles, fed in batches as the
ingest loop feeds its analyzer, best of R alternating rounds:

  (a) bare spaCy ``nlp.pipe`` in this process (one core), the baseline;
  (b) Parley in this process (``--workers 1``);
  (c) ``ProcessAnalyzer(W)`` (``--workers W``), once per batch size;
  (d) ``DaskAnalyzer(None, W)``: a LocalCluster of W single-threaded worker processes;
  (e) a pool given the whole corpus as one chunk per worker: W independent processes,
      the most this machine gives W processes (on shared or virtual CPUs, less than W).

Then whole ingests into a new SQLite store (read, clean, deduplicate, analyse, write),
in process and with the pool at each batch size, with the share of the time the loop
spent waiting for analyses: the rest is the single writer's own work, during which the
workers idle. Last, the peak RSS (VmHWM) of every worker process.

Ratios printed: (c)/(b), the speed-up of W workers (the project's goal: 1.6 on two
cores); (c)/(W x a), the share of a bare parse per core that the pool keeps (goal 0.8);
(d)/(c), Dask's overhead. CPU time per article (this process and its workers) is
printed too: it shows overhead even when other programs share the machine, which
makes wall-clock figures noisy; how many CPUs they kept busy is printed with them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from parley.config import model_name
from parley.ingest import IngestOptions, cleaned, default_analyzer, ingest_items
from parley.records import Analysis, Article
from parley.scale.dask import DaskAnalyzer
from parley.scale.pool import ProcessAnalyzer
from parley.sources import Document, read_inputs
from parley.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
PUBLISHED = dt.date(2025, 5, 3)
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")

Analyze = Callable[[Sequence[Article]], list[Analysis]]


@dataclass(frozen=True)
class Contender:
    """One way of analysing the articles, and the worker processes it runs in (beside this one)."""

    label: str
    run: Callable[[], None]
    pids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Run:
    """One timed run: wall-clock seconds, and CPU seconds of this process and of the workers."""

    seconds: float
    cpu_parent: float
    cpu_workers: float

    @property
    def cpu(self) -> float:
        return self.cpu_parent + self.cpu_workers


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    import spacy

    others = OtherWork()
    articles = build_articles(args.articles, args.samples)
    name = model_name(args.model)
    raw = spacy.load(name)
    in_process = default_analyzer(args.model)
    pool = ProcessAnalyzer(args.workers, args.model)
    pool_pids = frozenset(_spawned_children())
    # One chunk per worker for the whole corpus: independent processes, the machine's ceiling.
    halves = ProcessAnalyzer(args.workers, args.model, chunk_size=-(-len(articles) // args.workers))
    halves_pids = frozenset(_spawned_children() - pool_pids)
    dask = DaskAnalyzer(None, args.workers, args.model) if args.dask else None
    dask_pids = frozenset(_spawned_children() - pool_pids - halves_pids)
    first = args.batch_sizes[0]
    try:
        texts = [a.text for a in articles]
        contenders = [
            Contender("(a) spaCy nlp.pipe, 1 process", lambda: _drain(raw.pipe(texts, batch_size=32))),
            Contender(f"(b) Parley, 1 process, batch {first}", _feeder(in_process, articles, first)),
            *(
                Contender(
                    f"(c) ProcessAnalyzer({args.workers}), batch {size}",
                    _feeder(pool, articles, size),
                    pool_pids,
                )
                for size in args.batch_sizes
            ),
        ]
        contenders.append(
            Contender(
                f"(e) {args.workers} independent processes, 1 chunk each",
                lambda: _drain(iter(halves(articles))),
                halves_pids,
            )
        )
        if dask is not None:
            contenders.append(
                Contender(
                    f"(d) Dask LocalCluster({args.workers}), batch {first}",
                    _feeder(dask, articles, first),
                    dask_pids,
                )
            )
        warm = articles[: 2 * args.workers]
        _drain(raw.pipe([a.text for a in warm]))
        for analyzer in (in_process, pool, halves, dask):
            if analyzer is not None:
                analyzer(warm)
        best: dict[str, Run] = {}
        for _ in range(args.rounds):
            for contender in contenders:
                run = _timed(contender)
                if contender.label not in best or run.seconds < best[contender.label].seconds:
                    best[contender.label] = run
        ingests = _ingests(args, articles, in_process, pool) if args.ingest else []
        other_cores = others.cores()
        memory = {
            "parent (bare spaCy + Parley loaded)": _vm_hwm_mb(os.getpid()),
            **{f"pool worker {pid}": _vm_hwm_mb(pid) for pid in sorted(pool_pids | halves_pids)},
            **{f"dask worker {pid}": _vm_hwm_mb(pid) for pid in sorted(dask_pids)},
        }
    finally:
        pool.close()
        halves.close()
        if dask is not None:
            dask.close()

    n = len(articles)
    analysis = {
        label: {
            "articles_per_second": n / run.seconds,
            "cpu_ms_per_article": 1000 * run.cpu / n,
            "cores_busy": run.cpu / run.seconds,
        }
        for label, run in best.items()
    }

    def rate(letter: str) -> float:  # the first contender of that letter
        return next(v["articles_per_second"] for k, v in analysis.items() if k.startswith(letter))

    def cpu(letter: str) -> float:
        return next(v["cpu_ms_per_article"] for k, v in analysis.items() if k.startswith(letter))

    w = args.workers
    ratios = {
        "(c)/(b) speed-up of the pool over one process": rate("(c)") / rate("(b)"),
        f"(c)/({w} x a) per core, against a bare parse": rate("(c)") / (w * rate("(a)")),
        "(b)/(a) Parley in one process against a bare parse": rate("(b)") / rate("(a)"),
        "(e)/(b) the machine's ceiling: independent processes over one": rate("(e)") / rate("(b)"),
        "(c)/(b) CPU per article, pool against one process": cpu("(c)") / cpu("(b)"),
        "(e)/(b) CPU per article, independent processes against one": cpu("(e)") / cpu("(b)"),
    }
    if dask is not None:
        ratios["(d)/(c) Dask against the pool"] = rate("(d)") / rate("(c)")
        ratios["(d)/(c) CPU per article, Dask against the pool"] = cpu("(d)") / cpu("(c)")
    result: dict[str, Any] = {
        "model": name,
        "articles": n,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "rounds": args.rounds,
        "other_work_cores": other_cores,
        "analysis": analysis,
        "ratios": ratios,
        "ingest": ingests,
        "peak_rss_mb": memory,
    }
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


def build_articles(count: int, samples: Path) -> list[Article]:
    """``count`` distinct articles: the cleaned demo articles, then articles recombined from their sentences.

    Recombined articles share too few word sequences with each other to count as
    near-duplicates, so a whole ingest analyses every one of them.
    """
    options = IngestOptions()
    originals = [
        a for a in cleaned(read_inputs([str(samples)], options.sources), options) if isinstance(a, Article)
    ]
    if not originals:
        raise SystemExit(f"no articles in {samples}")
    sentences = [s.strip() for a in originals for s in _SENTENCE_END.split(a.text) if len(s.split()) >= 4]
    rng = random.Random(20250503)
    articles = [Article(text=a.text, title=a.title, published=a.published or PUBLISHED) for a in originals]
    while len(articles) < count:
        picked = rng.sample(sentences, min(16, len(sentences)))
        text = "\n".join(" ".join(picked[i : i + 4]) for i in range(0, len(picked), 4))
        articles.append(Article(text=text, title=f"Recombined {len(articles)}", published=PUBLISHED))
    return articles[:count]


def _feed(analyzer: Analyze, articles: list[Article], batch_size: int) -> None:
    for start in range(0, len(articles), batch_size):
        analyzer(articles[start : start + batch_size])


def _feeder(analyzer: Analyze, articles: list[Article], batch_size: int) -> Callable[[], None]:
    return lambda: _feed(analyzer, articles, batch_size)


def _drain(docs: Iterator[Any]) -> None:
    for _ in docs:
        pass


def _timed(contender: Contender) -> Run:
    gc.collect()
    workers = [psutil.Process(pid) for pid in contender.pids]
    before = [_cpu(w) for w in workers]
    cpu_start, start = time.process_time(), time.perf_counter()
    contender.run()
    seconds, cpu_parent = time.perf_counter() - start, time.process_time() - cpu_start
    cpu_workers = sum(_cpu(w) - b for w, b in zip(workers, before, strict=True))
    return Run(seconds, cpu_parent, cpu_workers)


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


class _Stopwatch:
    """An analyzer that adds up the time its wrapped analyzer takes."""

    def __init__(self, analyzer: Analyze) -> None:
        self.analyzer = analyzer
        self.seconds = 0.0

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        start = time.perf_counter()
        try:
            return self.analyzer(articles)
        finally:
            self.seconds += time.perf_counter() - start


def _ingests(
    args: argparse.Namespace, articles: list[Article], in_process: Analyze, pool: ProcessAnalyzer
) -> list[dict[str, Any]]:
    """Whole ingests of the articles as text documents into new SQLite stores."""
    documents = [
        Document(origin=f"bench/{i}.txt", kind="text", content=a.text, title=a.title, published=a.published)
        for i, a in enumerate(articles)
    ]
    runs: list[tuple[str, Analyze, int]] = [("1 process", in_process, args.batch_sizes[0])]
    runs += [(f"ProcessAnalyzer({args.workers})", pool, size) for size in args.batch_sizes]
    out = []
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as folder:
        for n, (label, analyzer, size) in enumerate(runs):
            watch = _Stopwatch(analyzer)
            with Store(f"sqlite:///{folder}/ingest-{n}.db") as store:
                start = time.perf_counter()
                report = ingest_items(documents, store, IngestOptions(batch_size=size), analyzer=watch)
                seconds = time.perf_counter() - start
            out.append(
                {
                    "run": f"{label}, batch {size}",
                    "ingested": len(report.ingested),
                    "seconds": seconds,
                    "articles_per_second": len(report.ingested) / seconds,
                    "waiting_for_analyses": watch.seconds / seconds,
                }
            )
    return out


def _spawned_children() -> set[int]:
    """Pids of this process's children started by multiprocessing's spawn (analysis workers)."""
    found = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                found.add(child.pid)
        except psutil.Error:
            continue
    return found


def _vm_hwm_mb(pid: int) -> float:
    """The peak resident set size of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class OtherWork:
    """How many CPUs other programs kept busy, on average, since this was made.

    The whole machine's busy CPU time minus this process's and its children's: on a
    shared machine, the figures of a run during which others used a CPU are noisy.
    """

    def __init__(self) -> None:
        self._start = (time.perf_counter(), _machine_busy(), _own_cpu())

    def cores(self) -> float:
        wall, machine, own = self._start
        used = (_machine_busy() - machine) - (_own_cpu() - own)
        return max(0.0, used / (time.perf_counter() - wall))


def _machine_busy() -> float:
    t = psutil.cpu_times()
    fields = ("user", "nice", "system", "irq", "softirq", "steal")  # steal: the hypervisor gave our CPUs away
    return float(sum(getattr(t, f, 0.0) for f in fields))


def _own_cpu() -> float:
    total = _cpu(psutil.Process())
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += _cpu(child)
    return total


def render(result: dict[str, Any]) -> str:
    """The result as plain-text tables."""
    lines = [
        f"model {result['model']}, {result['articles']} distinct articles, {result['workers']} workers, "
        f"{result['cpus']} CPUs, best of {result['rounds']} alternating rounds",
        f"other programs (or the hypervisor) kept {result['other_work_cores']:.2f} CPUs busy meanwhile"
        + (": the figures are noisy" if result["other_work_cores"] > 0.25 else ""),
        "",
        "analysis (CPU counts this process and the workers; cores busy = CPU seconds / wall seconds)",
    ]
    width = max(len(k) for k in result["analysis"])
    lines += [
        f"  {k.ljust(width)}  {v['articles_per_second']:6.1f} articles/s  "
        f"{v['cpu_ms_per_article']:5.0f} ms CPU per article  {v['cores_busy']:4.2f} cores busy"
        for k, v in result["analysis"].items()
    ]
    lines += ["", "ratios"]
    width = max(len(k) for k in result["ratios"])
    lines += [f"  {k.ljust(width)}  {v:5.2f}" for k, v in result["ratios"].items()]
    if result["ingest"]:
        lines += ["", "whole ingest into SQLite (read, clean, deduplicate, analyse, write)"]
        width = max(len(r["run"]) for r in result["ingest"])
        lines += [
            f"  {r['run'].ljust(width)}  {r['articles_per_second']:6.1f} articles/s  ({r['ingested']} in "
            f"{r['seconds']:.1f} s, {100 * r['waiting_for_analyses']:.0f}% of it waiting for analyses)"
            for r in result["ingest"]
        ]
    lines += ["", "peak RSS (VmHWM)"]
    width = max(len(k) for k in result["peak_rss_mb"])
    lines += [f"  {k.ljust(width)}  {v:6.0f} MB" for k, v in result["peak_rss_mb"].items()]
    return "\n".join(lines)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=150, help="distinct articles (default 150)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--batch-sizes",
        default="16,64",
        help="ingest batch sizes for the pool, comma-separated; the first also for (b) and (d)",
    )
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of each contender (default 2)")
    parser.add_argument(
        "--model", default=None, help="spaCy pipeline (default PARLEY_MODEL or the small model)"
    )
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="folder of sample articles")
    parser.add_argument("--no-dask", dest="dask", action="store_false", help="skip the Dask LocalCluster")
    parser.add_argument("--no-ingest", dest="ingest", action="store_false", help="skip the whole ingests")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        args.batch_sizes = [int(s) for s in args.batch_sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--batch-sizes must be comma-separated integers, such as 16,64")
    if not args.batch_sizes or min(args.batch_sizes) < 1:
        parser.error("--batch-sizes must be at least 1")
    for flag in ("articles", "workers", "rounds"):
        if getattr(args, flag) < 1:
            parser.error(f"--{flag} must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(main())
