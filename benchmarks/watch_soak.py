"""A soak test of ``parley watch``: many rounds over changing local feeds; memory should stay flat.

    python benchmarks/watch_soak.py [--rounds 200] [--feeds 20] [--db sqlite:///soak.db] [--json]

A threaded HTTP server on 127.0.0.1 serves ``--feeds`` RSS feeds with ETag/304. Each
round, every other feed gains a new item (a feed keeps its latest 10), the rest answer 304.
One ``Watcher`` runs every round (the clock moves one interval per round, so every feed is
due) with analysis off, so what is measured is the watcher, fetching, cleaning and the store;
an alert is checked every round too. The process's resident memory (VmRSS, not the peak) is
printed at round 20 and at the last round, with their ratio, and the growth per article stored
in between: the near-duplicate index holds every stored article's signature, so memory grows
with the store, not with rounds. ``--static`` keeps the feeds unchanged after the first round
(every later answer a 304): the watcher's own cost per round, which should be flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from parley.alerts import add_alert
from parley.ingest import IngestOptions
from parley.store import Store
from parley.store.feeds import FeedList
from parley.watch import Watcher, WatchOptions

WORDS = [
    *("talks", "ceasefire", "envoy", "minister", "delegation", "border", "troops", "sanctions"),
    *("agreement", "proposal", "mediator", "offer", "demand", "withdrawal", "prisoners", "exchange"),
    *("corridor", "monitoring", "violation", "truce", "summit", "capital", "parliament", "statement"),
    *("spokesman", "convoy", "shelling", "negotiators", "draft", "communique", "framework"),
]
KEEP = 10
INTERVAL = dt.timedelta(minutes=15)


def body(rng: random.Random, key: str) -> str:
    sentences = []
    for _ in range(12):
        words = rng.sample(WORDS, 9)
        sentences.append(
            f"The {words[0]} and the {words[1]} said the {words[2]} {words[3]} "
            f"would {words[4]} the {words[5]}."
        )
    return f"Report {key}. " + " ".join(sentences)


class Feeds:
    """The feeds' current items, changed between rounds; thread-safe for the server."""

    def __init__(self, count: int) -> None:
        self.lock = threading.Lock()
        self.items: list[list[tuple[str, str]]] = [[] for _ in range(count)]
        self.versions = [0] * count
        self.rng = random.Random(1)

    def grow(self, feed: int, round_number: int) -> None:
        key = f"f{feed}-r{round_number}"
        with self.lock:
            self.items[feed] = [*self.items[feed][-(KEEP - 1) :], (key, body(self.rng, key))]
            self.versions[feed] += 1

    def answer(self, feed: int, etag: str | None) -> tuple[int, bytes, str]:
        with self.lock:
            version = f'"v{self.versions[feed]}"'
            if etag == version:
                return 304, b"", version
            entries = "".join(
                f"<item><guid>urn:{key}</guid><title>{key}</title><description>{text}</description></item>"
                for key, text in self.items[feed]
            )
        xml = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
            f"{entries}</channel></rss>"
        )
        return 200, xml.encode(), version


def serve(feeds: Feeds) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, data, etag = feeds.answer(int(self.path.strip("/")), self.headers.get("If-None-Match"))
            self.send_response(status)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(data)))
            if data:
                self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--db", default=None, help="store URL (default: a SQLite file in a temporary folder)")
    parser.add_argument(
        "--static", action="store_true", help="feeds never change after the first round (all 304s)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    feeds = Feeds(args.feeds)
    for n in range(args.feeds):
        feeds.grow(n, 0)
    server = serve(feeds)
    folder = tempfile.TemporaryDirectory(prefix="parley-soak-")
    url = args.db or f"sqlite:///{Path(folder.name) / 'soak.db'}"
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    figures: dict[str, Any] = {"rounds": args.rounds, "feeds": args.feeds}
    with Store(url) as store:
        for n in range(args.feeds):
            feed_url = f"http://127.0.0.1:{server.server_address[1]}/{n}"
            FeedList(store).add(feed_url, name=f"feed {n}", interval=INTERVAL, fetch_pages=False, at=now)
        add_alert(store, "threats", "events --type THREATEN", at=now)
        watcher = Watcher(
            store,
            WatchOptions(ingest=IngestOptions(analyze=False), jitter=0.0, per_host=4),
            clock=lambda: now,
        )
        started = time.perf_counter()
        fetched = not_modified = new = 0
        with watcher.holding():
            for number in range(1, args.rounds + 1):
                report = watcher.round()
                fetched += report.fetched
                not_modified += report.not_modified
                new += report.new_articles
                if number in (20, args.rounds):
                    figures[f"rss_kib_round_{number}"] = rss_kib()
                    figures[f"articles_round_{number}"] = store.stats().articles
                    figures[f"seconds_to_round_{number}"] = round(time.perf_counter() - started, 2)
                if not args.static:
                    for n in range(number % 2, args.feeds, 2):
                        feeds.grow(n, number)
                now += INTERVAL
        watcher.close()
        figures.update(
            fetched=fetched, not_modified=not_modified, new_articles=new, articles=store.stats().articles
        )
    server.shutdown()
    folder.cleanup()
    first, last = figures.get("rss_kib_round_20"), figures.get(f"rss_kib_round_{args.rounds}")
    figures["rss_ratio_last_to_20"] = round(last / first, 3) if first and last else None
    grown = figures.get(f"articles_round_{args.rounds}", 0) - figures.get("articles_round_20", 0)
    figures["rss_kib_per_article"] = round((last - first) / grown, 1) if first and last and grown else None
    if args.json:
        print(json.dumps(figures))
        return
    print(f"watch soak: {args.rounds} rounds over {args.feeds} local feeds ({new} new articles stored)")
    print(f"  responses: {fetched} with new content, {not_modified} not modified (304)")
    print(f"  RSS at round 20:  {first / 1024:.1f} MiB" if first else "  (fewer than 20 rounds)")
    print(f"  RSS at round {args.rounds}: {last / 1024:.1f} MiB" if last else "")
    print(f"  ratio round {args.rounds} / round 20: {figures['rss_ratio_last_to_20']}")
    if figures.get("rss_kib_per_article") is not None:
        print(f"  RSS growth per article stored after round 20: {figures['rss_kib_per_article']} KiB")
    per_round = figures[f"seconds_to_round_{args.rounds}"] / args.rounds
    print(f"  {per_round * 1000:.0f} ms per round on this machine (not a threshold)")


if __name__ == "__main__":
    main()
