"""Whether ingesting costs the same into a large store as into an empty one, measured in one run.

    python benchmarks/store_growth.py [--articles 200] [--sizes 0,10000,50000] [--posts 10]
                                      [--rounds 3] [--stores DIR] [--no-api] [--json]

Stores of each size are filled with synthetic articles (about 250 words of English-like
sentences each, unique, with their fingerprints, as ``parley ingest --no-analyze`` would
store them). Then, into a fresh copy of each store, in a new process each:

  ingest    the same ``--articles`` new articles, read from text files, with ``ingest()``
            and ``analyze=False`` (what ``parley ingest DIR --no-analyze`` does): wall-clock
            and CPU time per article, and the process's peak RSS;
  POST      ``--posts`` new texts through ``POST /api/ingest`` (the full analysis, after one
            warm-up request that loads the pipeline): median time per request.

Each store size is run ``--rounds`` times, alternating with the other sizes, and the best
run counts. Ratios are to the empty store. CPU time is the work the ingest did; on a busy
machine wall-clock time also holds the time spent waiting for a core and for the disk.
The issue's goal: at 50k articles, ingest time per article within 1.3x and peak RSS
within 50 MB of the empty store's, and POST within 2x. Nothing is
asserted; on a machine shared with other work the figures are noisy, so the load average
before and after is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from store_ingest import WORDS

from parley.clean.dedupe import canonical_url, fingerprint, text_sha256
from parley.records import Article
from parley.store import Store

_COUNTRIES = ("Russia", "Ukraine", "China", "France", "Turkey", "Iran", "Israel", "Egypt", "Sudan", "India")
_FILL_BATCH = 1000
_TOKEN = "benchmark-token-0123456789"


def body(n: int, rng: random.Random) -> str:
    """An English-like article of about 250 words, unique to ``n``."""
    sentences = []
    for k in range(18):
        a, b = rng.sample(_COUNTRIES, 2)
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        sentences.append(
            f"In report {n}.{k} the {words} of {a} was discussed with {b} for {rng.randrange(99)} days."
        )
    return " ".join(sentences)


def fill(url: str, start: int, stop: int, seed: int = 7) -> None:
    """Add synthetic articles ``start`` to ``stop`` (without analyses) to the store at ``url``."""
    rng = random.Random(seed * 1_000_003 + start)
    with Store(url) as store:
        batch: list[tuple[Article, None, None]] = []
        for n in range(start, stop):
            text = body(n, rng)
            link = f"https://growth.example.org/{n}"
            article = Article(
                text=text,
                title=f"Report {n}",
                url=link,
                canonical_url=canonical_url(link),
                origin=f"fill/{n}.txt",
                text_sha256=text_sha256(text),
                fingerprint=fingerprint(text),
            )
            batch.append((article, None, None))
            if len(batch) == _FILL_BATCH:
                store.add_articles(batch)
                batch = []
        if batch:
            store.add_articles(batch)


def new_articles(folder: Path, count: int) -> None:
    """The articles every run ingests: the same ``count`` text files each time."""
    rng = random.Random(424242)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"new-{n:05d}.txt").write_text(body(10_000_000 + n, rng), encoding="utf-8")


def child_ingest(db: str, folder: str) -> dict[str, Any]:
    """In a new process: ingest the folder without analysis; seconds and peak RSS."""
    from parley.ingest import IngestOptions, ingest

    with Store(db) as store:
        started, cpu = time.perf_counter(), time.process_time()
        report = ingest([folder], store, IngestOptions(analyze=False))
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "ingested": len(report.ingested),
        "failed": len(report.failed),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_post(db: str, posts: int) -> dict[str, Any]:
    """In a new process: median seconds of ``posts`` POST /api/ingest requests after a warm-up."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from parley.web import create_app

    rng = random.Random(99)
    headers = {"Authorization": f"Bearer {_TOKEN}"}
    with Store(db) as store, TestClient(create_app(store, allow_ingest=True, token=_TOKEN)) as client:
        warm = client.post("/api/ingest", json={"text": body(20_000_000, rng)}, headers=headers)
        if warm.status_code != 200:
            raise SystemExit(f"POST /api/ingest: HTTP {warm.status_code}: {warm.text}")
        times = []
        for n in range(posts):
            started = time.perf_counter()
            response = client.post("/api/ingest", json={"text": body(20_000_001 + n, rng)}, headers=headers)
            times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"POST /api/ingest: HTTP {response.status_code}: {response.text}")
    return {"median_seconds": statistics.median(times)}


def _in_child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the {args[0]} run failed:\n{done.stderr}{done.stdout}")
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="new articles per ingest run")
    parser.add_argument("--sizes", default="0,10000,50000", help="store sizes, comma-separated")
    parser.add_argument("--posts", type=int, default=10, help="POST /api/ingest requests per store")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each size; the best counts")
    parser.add_argument("--no-api", action="store_true", help="skip the POST /api/ingest runs")
    parser.add_argument(
        "--stores", type=Path, help="keep the filled stores in this folder and reuse them in later runs"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        out = child_ingest(*rest) if kind == "ingest" else child_post(rest[0], int(rest[1]))
        print(json.dumps(out))
        return 0

    sizes = sorted({int(s) for s in args.sizes.split(",")})
    load_before = os.getloadavg()[0]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="parley-growth-") as tmp:
        folder = Path(tmp)
        new_articles(folder / "new", args.articles)
        stores = args.stores or folder
        stores.mkdir(parents=True, exist_ok=True)
        base = folder / "base.db"
        Store(f"sqlite:///{base}").close()
        filled = 0
        for size in sizes:
            started = time.perf_counter()
            kept = stores / f"base-{size}.db"
            if kept.exists():
                shutil.copyfile(kept, base)
            else:
                fill(f"sqlite:///{base}", filled, size)
                Store(f"sqlite:///{base}").close()  # the last connection folds the WAL in
                shutil.copyfile(base, kept)
            rows.append({"store_articles": size, "fill_seconds": round(time.perf_counter() - started, 1)})
            filled = size
        run_db = folder / "run.db"
        # Rounds alternate between the sizes and the best of each counts, so a busy
        # neighbour on a shared machine slows every size rather than one.
        for _ in range(args.rounds):
            for row in rows:
                shutil.copyfile(stores / f"base-{row['store_articles']}.db", run_db)
                measured = _in_child("ingest", f"sqlite:///{run_db}", str(folder / "new"))
                ms = 1000 * measured["seconds"] / args.articles
                row["ms_per_article"] = min(ms, row.get("ms_per_article", ms))
                cpu_ms = 1000 * measured["cpu_seconds"] / args.articles
                row["cpu_ms_per_article"] = min(cpu_ms, row.get("cpu_ms_per_article", cpu_ms))
                row["peak_rss_mb"] = min(measured["peak_rss_mb"], row.get("peak_rss_mb", 1e9))
                row["ingested"] = measured["ingested"]
                if not args.no_api:
                    shutil.copyfile(stores / f"base-{row['store_articles']}.db", run_db)
                    post = 1000 * _in_child("post", f"sqlite:///{run_db}", str(args.posts))["median_seconds"]
                    row["post_ms"] = min(post, row.get("post_ms", post))
    empty = rows[0]
    for row in rows:
        row["time_ratio"] = row["ms_per_article"] / empty["ms_per_article"]
        row["cpu_ratio"] = row["cpu_ms_per_article"] / empty["cpu_ms_per_article"]
        row["rss_delta_mb"] = row["peak_rss_mb"] - empty["peak_rss_mb"]
        if "post_ms" in row:
            row["post_ratio"] = row["post_ms"] / empty["post_ms"]
    result = {
        "new_articles": args.articles,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "runs": rows,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    after = result["load_average_after"]
    print(f"{args.articles} new articles per run; load average {load_before:.1f} -> {after:.1f}")
    header = (
        f"{'store':>8} {'fill s':>7} {'ms/article':>10} {'x empty':>7} {'CPU ms':>7} {'x empty':>7}"
        f" {'peak RSS MB':>11} {'+MB':>6}"
    )
    print(header + ("" if args.no_api else f" {'POST ms':>8} {'x empty':>7}"))
    for r in rows:
        line = (
            f"{r['store_articles']:>8} {r['fill_seconds']:>7.1f} {r['ms_per_article']:>10.2f}"
            f" {r['time_ratio']:>7.2f} {r['cpu_ms_per_article']:>7.2f} {r['cpu_ratio']:>7.2f}"
            f" {r['peak_rss_mb']:>11.0f} {r['rss_delta_mb']:>+6.0f}"
        )
        if "post_ms" in r:
            line += f" {r['post_ms']:>8.1f} {r['post_ratio']:>7.2f}"
        print(line)
    print("goals at 50k: time x <= 1.3, RSS within +50 MB, POST x <= 2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
