"""Writing generated articles into SQLite and PostgreSQL, in bulk and one by one, measured in one run.

    python benchmarks/store_ingest.py [--articles N] [--single N] [--pg URL | --no-pg] [--json]

Each article (about 1,500 characters, unique) comes with a small generated analysis:
3 actors with 2 mentions each, 2 quotes and 3 events, actors drawn from a pool of 60,
so the store's actor lookups and counters work as in a real ingest. No NLP runs.

For each backend, into a new empty database:

  bulk    ``Store.add_articles`` (one transaction per 200 articles), all N articles;
  single  ``Store.add_article`` (one transaction each), the first ``--single`` articles.

PostgreSQL is the server at ``--pg URL`` (a user allowed to create databases; the benchmark's own
are dropped at the end), or else a
throwaway cluster started with initdb/pg_ctl in a temporary folder, with the
server's default durability (fsync on). Ratios printed: bulk against single on each
backend, PostgreSQL against SQLite. On a machine shared with other work the figures
are noisy: the load average before and after is printed with them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import glob
import json
import os
import pwd
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from parley.clean.dedupe import fingerprint, text_sha256
from parley.records import Actor, ActorRef, Analysis, Article, Event, Plover, Quote
from parley.store import Store

# The vocabulary of the synthetic articles the store benchmarks write.
WORDS = [
    "talks",
    "ceasefire",
    "envoy",
    "minister",
    "sanctions",
    "border",
    "troops",
    "agreement",
    "proposal",
    "delegation",
    "summit",
    "statement",
    "government",
    "capital",
    "officials",
    "negotiations",
    "aid",
    "convoy",
    "offensive",
    "truce",
    "mediator",
]
_COUNTRIES = ("USA", "RUS", "UKR", "CHN", "FRA", "DEU", "TUR", "IRN", "ISR", "EGY", "SDN", "IND")
_ROLES = ("GOV", "MIL", "LEG", "OPP", "MED")
_EVENTS = (("036", "AGREE"), ("042", "CONSULT"), ("112", "ACCUSE"), ("130", "THREATEN"), ("190", "ASSAULT"))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    load_before = os.getloadavg()[0]
    items = generate(args.articles)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="parley-store-bench-") as folder:
        results["SQLite"] = _measure(lambda name: f"sqlite:///{folder}/{name}.db", items, args.single)
        if args.pg:
            with _databases(args.pg) as new_database:
                results["PostgreSQL"] = _measure(new_database, items, args.single)
        elif args.postgres:
            with throwaway_postgres() as server:
                if server is None:
                    print("PostgreSQL skipped: no initdb/pg_ctl could start a server", file=sys.stderr)
                else:
                    with _databases(server) as new_database:
                        results["PostgreSQL"] = _measure(new_database, items, args.single)
    ratios = {f"{backend}: bulk / single": r["bulk"] / r["single"] for backend, r in results.items()}
    if "PostgreSQL" in results:
        for mode in ("bulk", "single"):
            ratios[f"PostgreSQL / SQLite, {mode}"] = results["PostgreSQL"][mode] / results["SQLite"][mode]
    result = {
        "articles": len(items),
        "single": min(args.single, len(items)),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "articles_per_second": results,
        "ratios": ratios,
    }
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


def generate(count: int, seed: int = 20250503) -> list[tuple[Article, Analysis, None]]:
    """``count`` unique articles with small analyses, the same for a given seed."""
    rng = random.Random(seed)
    refs = [
        ActorRef(f"Official {i}", country, role, f"{country}{role}")
        for i, (country, role) in enumerate((rng.choice(_COUNTRIES), rng.choice(_ROLES)) for _ in range(60))
    ]
    sample_print = fingerprint(" ".join(rng.choice(WORDS) for _ in range(250)))
    start = dt.date(2025, 1, 1)
    items = []
    for n in range(count):
        sentences = [
            f"Report {n}, part {k}: " + " ".join(rng.choice(WORDS) for _ in range(14)) + "."
            for k in range(12)
        ]
        text = " ".join(sentences)
        spans, at = [], 0
        for sentence in sentences:
            spans.append((at, at + len(sentence)))
            at += len(sentence) + 1
        chosen = rng.sample(refs, 3)
        actors = [Actor(ref, [spans[2 * i], spans[2 * i + 1]]) for i, ref in enumerate(chosen)]
        quotes = [
            Quote(text[s:e], s, e, "direct", chosen[i], spans[2 * i], "said")
            for i, (s, e) in enumerate(spans[6:8])
        ]
        events = []
        for i, (s, e) in enumerate(spans[8:11]):
            cameo, plover = rng.choice(_EVENTS)
            events.append(
                Event(
                    source=chosen[i], target=chosen[(i + 1) % 3], cameo=cameo, cameo_root=cameo[:2],
                    plover=Plover(plover), sentence=(s, e), trigger=(s, s + 6),
                    date=start + dt.timedelta(days=n % 365), date_precision="day", confidence=0.7,
                    rule="generated", quote_index=0 if i == 0 else None,
                )
            )  # fmt: skip
        article = Article(
            text=text, title=f"Generated report {n}", outlet=f"Outlet {n % 7}",
            published=start + dt.timedelta(days=n % 365), url=f"https://bench.example/{n}",
            origin=f"bench/{n}", text_sha256=text_sha256(text), fingerprint=rng.randbytes(len(sample_print)),
        )  # fmt: skip
        items.append((article, Analysis(actors, quotes, events), None))
    return items


def _measure(
    url_for: Callable[[str], str], items: list[tuple[Article, Analysis, None]], single: int
) -> dict[str, float]:
    """Articles/s of a bulk write of every item and of one-by-one writes of the first ``single``."""
    out = {}
    with Store(url_for("bulk")) as store:
        start = time.perf_counter()
        ids = store.add_articles(items)
        out["bulk"] = len(ids) / (time.perf_counter() - start)
    with Store(url_for("single")) as store:
        some = items[:single]
        start = time.perf_counter()
        for article, analysis, _ in some:
            store.add_article(article, analysis)
        out["single"] = len(some) / (time.perf_counter() - start)
    return out


@contextlib.contextmanager
def _databases(server: str) -> Iterator[Callable[[str], str]]:
    """A function creating new databases on the PostgreSQL server at ``server``; they are dropped after."""
    import psycopg
    from sqlalchemy.engine import make_url

    created: list[str] = []

    def new_database(name: str) -> str:
        database = f"parley_bench_{os.getpid()}_{name}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {database}")
        created.append(database)
        return make_url(server).set(database=database).render_as_string(hide_password=False)

    try:
        yield new_database
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            for database in created:
                conn.execute(f"DROP DATABASE IF EXISTS {database}")


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str | None]:
    """The URL of a PostgreSQL cluster started in a temporary folder (stopped after), or None."""
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        yield None
        return
    bindir = Path(initdbs[-1]).parent
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="parley-pg-bench-"))
    if os.getuid() == 0:  # initdb refuses root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            yield None
            return
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def run(*command: str) -> bool:
        with open(folder / "commands.log", "a") as log:
            done = subprocess.run([*run_as, *command], stdout=log, stderr=subprocess.STDOUT, timeout=120)
        return done.returncode == 0

    try:
        started = run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        started = started and run(
            str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
            "-o", f"-k {folder} -p {port} -c listen_addresses=127.0.0.1", "-w", "start",
        )  # fmt: skip
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres" if started else None
    finally:
        if (data / "postmaster.pid").exists():
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def render(result: dict[str, Any]) -> str:
    """The result as plain text."""
    lines = [
        f"{result['articles']} generated articles in bulk, the first {result['single']} one by one",
        f"load average {result['load_average_before']:.1f} before, {result['load_average_after']:.1f} after, "
        f"on {os.cpu_count()} CPUs (a database server counts in it)",
        "",
    ]
    for backend, rates in result["articles_per_second"].items():
        lines.append(
            f"  {backend:<10}  bulk {rates['bulk']:6.0f} articles/s  single {rates['single']:6.0f} articles/s"
        )
    lines += ["", "ratios"]
    width = max(len(k) for k in result["ratios"])
    lines += [f"  {k.ljust(width)}  {v:5.2f}" for k, v in result["ratios"].items()]
    return "\n".join(lines)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=10_000, help="articles written in bulk (default 10000)"
    )
    parser.add_argument(
        "--single", type=int, default=10_000, help="articles written one by one (default 10000)"
    )
    parser.add_argument(
        "--pg",
        help="a PostgreSQL server URL (postgresql://user@host/postgres) instead of a throwaway cluster",
    )
    parser.add_argument("--no-pg", dest="postgres", action="store_false", help="SQLite only")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.single < 1:
        parser.error("--articles and --single must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(main())
