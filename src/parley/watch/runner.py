"""The watcher: fetch each due feed, ingest its new items, deliver alerts, sleep, repeat.

One round fetches the due feeds in parallel (at most ``per_host`` requests to one
host at once) and ingests each feed's items in this thread as its download arrives,
so a slow feed holds up no other. Each outcome is recorded on the feed: a 304 or a
200 schedules the next fetch one interval (with jitter) later; a failure backs off
exponentially and after ``pause_after`` failures in a row the feed is paused; a 301
moves the feed to its new URL; a 410 pauses it. Items that failed are kept and read
again in later rounds. A feed's validators are saved only once all its items are
stored, so a watcher stopped halfway reads the feed again next time.

``stopping`` (set by SIGINT/SIGTERM through ``stop_on_signals``) ends the run after
the article being written; everything the watcher does is reported as ``WatchEvent``s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import socket
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import httpx

from parley.alerts import DeliveryOptions, check_alerts, deliver
from parley.errors import ConfigError, StoreError
from parley.ingest import (
    AnalyzeBatch,
    IngestOptions,
    IngestReport,
    Originals,
    default_analyzer,
    ingest_items,
    stored_fingerprints,
)
from parley.sources import SourceItem
from parley.sources.document import Document
from parley.store import Store
from parley.store.feeds import FeedList, LockHolder, WatchedFeed, WatchLock
from parley.watch.fetching import Download, FeedDownloader
from parley.watch.schedule import backoff, jittered


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How ``parley watch`` runs."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    once: bool = False  # one round, then exit (cron, systemd timers)
    per_host: int = 2  # requests to one host at once
    parallel: int = 8  # feeds downloaded at once
    jitter: float = 0.1  # intervals vary by up to this fraction
    max_backoff: dt.timedelta = dt.timedelta(days=1)
    pause_after: int = 10  # failures in a row before a feed is paused
    retry_after: dt.timedelta = dt.timedelta(minutes=15)  # before a failed item is read again; doubles
    max_item_attempts: int = 5  # reads of a failing item before it is given up
    heartbeat: dt.timedelta = dt.timedelta(seconds=30)  # how often the lock is refreshed
    lock_stale_after: dt.timedelta = dt.timedelta(minutes=10)  # a holder silent this long is dead
    # The near-duplicate index is kept between feeds and rounds, and read again from the store
    # this often, to see articles that other processes stored meanwhile.
    reindex_every: dt.timedelta = dt.timedelta(hours=1)
    delivery: DeliveryOptions = field(default_factory=DeliveryOptions)

    def __post_init__(self) -> None:
        if self.per_host < 1 or self.parallel < 1:
            raise ConfigError(f"--per-host {self.per_host}, parallel {self.parallel}: must be at least 1")
        if not 0 <= self.jitter < 1:
            raise ConfigError(f"jitter {self.jitter}: must be a fraction from 0 to below 1")
        if self.pause_after < 1 or self.max_item_attempts < 1:
            raise ConfigError("pause_after and max_item_attempts must be at least 1")


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """Something the watcher did, for the log and the status line.

    ``kind`` is one of: started, round, fetched, not-modified, failed, paused, moved,
    article, gave-up, alert, delivery-failed, sleeping, stopped.
    """

    kind: str
    message: str
    at: dt.datetime
    feed: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.astimezone(dt.UTC).isoformat(),
            "event": self.kind,
            "feed": self.feed,
            "message": self.message,
            **self.data,
        }


@dataclass(slots=True)
class RoundReport:
    """What one round did."""

    number: int
    due: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    paused: int = 0
    new_articles: int = 0
    item_failures: int = 0
    alerts: int = 0
    stopped: bool = False


Log = Callable[[WatchEvent], None]


def _quiet(event: WatchEvent) -> None:
    return None


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Watcher:
    """Watches a store's feed list: ``Watcher(store, options).run()``.

    ``analyzer`` analyses articles (the spaCy pipeline is loaded on first need when it
    is None and ``options.ingest.analyze``); ``transport`` replaces httpx's network for
    feeds and pages; ``clock`` and ``rng`` let tests control time and jitter.
    """

    def __init__(
        self,
        store: Store,
        options: WatchOptions | None = None,
        *,
        analyzer: AnalyzeBatch | None = None,
        log: Log = _quiet,
        stopping: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], dt.datetime] = _utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.options = options or WatchOptions()
        self.feeds = FeedList(store)
        self.lock = WatchLock(store)
        self.log = log
        self.stopping = stopping or threading.Event()
        self.clock = clock
        self.rng = rng or random.Random()
        self.pid = os.getpid()
        self.host = socket.gethostname()
        self.rounds = 0
        self._analyzer = analyzer
        self._downloader = FeedDownloader(
            self.options.ingest.sources, per_host=self.options.per_host, transport=transport
        )
        self._last_heartbeat = clock()
        self._near: tuple[dt.datetime, Originals] | None = None

    # --- the run -------------------------------------------------------------------

    def run(self) -> int:
        """Hold the store's watch lock, run rounds until stopped (one with ``once``); return how many ran.

        StoreError when another watcher holds the store.
        """
        try:
            with self.holding():
                while not self.stopping.is_set():
                    self.round()
                    if self.options.once or self.stopping.is_set():
                        break
                    self._sleep()
        finally:
            self._downloader.close()
        self._emit("stopped", f"stopped after {self.rounds} round{'s' * (self.rounds != 1)}")
        return self.rounds

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Hold the store's watch lock while inside (rounds refresh it); StoreError when another has it."""
        taken_from = self.lock.acquire(self.pid, self.host, at=self.clock(), is_gone=self._is_gone)
        self._last_heartbeat = self.clock()
        try:
            if taken_from is not None:
                self._emit(
                    "started",
                    f"took over the watch lock from pid {taken_from.pid} on {taken_from.host}, which is gone",
                )
            if not self.feeds.all():
                self._emit("started", "the feed list is empty: add feeds with `parley feeds add URL`")
            yield
        finally:
            self.lock.release(self.pid, self.host)

    def round(self) -> RoundReport:
        """Fetch the due feeds, read due retries, check alerts and deliver them (inside ``holding()``)."""
        self.rounds += 1
        report = RoundReport(self.rounds)
        due = self.feeds.due(self.clock())
        report.due = len(due)
        self._emit("round", f"round {self.rounds}: {len(due)} feed{'s' * (len(due) != 1)} due", due=len(due))
        if due:
            self._fetch_all(due, report)
        if not self.stopping.is_set():
            self._retry_items(report)
        self._alerts(report)
        report.stopped = self.stopping.is_set()
        return report

    def close(self) -> None:
        """Close the connection pool (``run`` does it itself)."""
        self._downloader.close()

    # --- feeds ---------------------------------------------------------------------

    def _fetch_all(self, due: list[WatchedFeed], report: RoundReport) -> None:
        pool = ThreadPoolExecutor(
            max_workers=min(self.options.parallel, len(due)), thread_name_prefix="watch"
        )
        try:
            futures: dict[Future[Download], WatchedFeed] = {
                pool.submit(
                    self._downloader.download,
                    feed.url,
                    self.store.feed_validators(feed.url),
                    fetch_pages=feed.fetch_pages,
                    stopping=self.stopping,
                ): feed
                for feed in due
            }
            for future in as_completed(futures):
                if self.stopping.is_set():
                    break
                self._handle(futures[future], future.result(), report)
                self._heartbeat()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _handle(self, feed: WatchedFeed, download: Download, report: RoundReport) -> None:
        now = self.clock()
        url = feed.url
        if download.moved_to:
            try:
                self.feeds.move(feed.id, download.moved_to)
                url = download.moved_to
                self._emit("moved", f"{feed.label}: moved permanently to {url}", feed, url=url)
            except StoreError as exc:
                self._emit("failed", str(exc), feed)
        if download.error is not None:
            self._failed(feed, download, now, report)
            return
        next_due = now + jittered(feed.interval, self.options.jitter, self.rng)
        response = download.response
        assert response is not None
        if download.not_modified:
            self.feeds.fetched(feed.id, at=now, status="304 Not Modified", new_items=0, next_due=next_due)
            report.not_modified += 1
            self._emit("not-modified", f"{feed.label}: not modified", feed)
            return
        ingested, stopped = self._ingest(feed.id, download.items, download.documents, report)
        if stopped or not download.complete:
            # Left due, validators unsaved: the next run reads the feed again; what is stored is a no-op.
            return
        self.store.set_feed_validators(
            url, response.headers.get("etag"), response.headers.get("last-modified")
        )
        new = len(ingested.ingested) + len(ingested.duplicates)
        self.feeds.fetched(feed.id, at=now, status=str(response.status), new_items=new, next_due=next_due)
        report.fetched += 1
        self._emit(
            "fetched",
            f"{feed.label}: {download.count} items, {new} new, {len(ingested.failed)} failed",
            feed,
            new=new,
            failed=len(ingested.failed),
        )

    def _failed(self, feed: WatchedFeed, download: Download, now: dt.datetime, report: RoundReport) -> None:
        assert download.error is not None
        status = download.error.reason
        report.failed += 1
        if download.gone:
            reason = "the server says the feed is gone (HTTP 410); remove it, or resume it if it comes back"
            self.feeds.pause(feed.id, at=now, status=status, reason=reason)
            report.paused += 1
            self._emit("paused", f"{feed.label}: paused: {reason}", feed)
            return
        failures = feed.failures + 1
        if failures >= self.options.pause_after:
            reason = f"{failures} failures in a row (last: {status}); `parley feeds resume` retries it"
            self.feeds.failed(feed.id, at=now, status=status, next_due=now, pause_reason=reason)
            report.paused += 1
            self._emit("paused", f"{feed.label}: paused after {reason}", feed, failures=failures)
            return
        wait = jittered(
            backoff(feed.interval, failures, self.options.max_backoff), self.options.jitter, self.rng
        )
        self.feeds.failed(feed.id, at=now, status=status, next_due=now + wait)
        self._emit(
            "failed",
            f"{feed.label}: {status} (failure {failures} in a row; next try in {_span(wait)})",
            feed,
            failures=failures,
        )

    # --- items ---------------------------------------------------------------------

    def _ingest(
        self,
        feed_id: int,
        items: Iterable[SourceItem],
        documents: Mapping[str, Document],
        report: RoundReport,
    ) -> tuple[IngestReport, bool]:
        """Ingest items until asked to stop; keep failed items for a retry, forget stored ones."""
        stopped = False

        def until_stopped() -> Iterator[SourceItem]:
            nonlocal stopped
            for item in items:
                if self.stopping.is_set():
                    stopped = True
                    return
                yield item

        result = ingest_items(
            until_stopped(),
            self.store,
            self.options.ingest,
            analyzer=self._analyze(),
            progress=self._progress,
            near=self._near_index(),
        )
        report.new_articles += len(result.ingested) + len(result.duplicates)
        report.item_failures += len(result.failed)
        now = self.clock()
        earlier = {r.document.origin: r.attempts for r in self.feeds.retries(feed_id=feed_id)}
        done = [o for _, o in result.ingested] + [o for o, _ in result.duplicates + result.unchanged]
        given_up: list[str] = []
        for source, reason in result.failed:
            document = documents.get(source)
            if document is None:
                continue
            attempts = earlier.get(document.origin, 0) + 1
            if attempts >= self.options.max_item_attempts:
                given_up.append(document.origin)
                self._emit("gave-up", f"{document.origin}: given up after {attempts} tries: {reason}")
                continue
            wait = backoff(self.options.retry_after, attempts, self.options.max_backoff)
            self.feeds.keep_for_retry(feed_id, document, reason, attempts=attempts, next_try=now + wait)
        self.feeds.forget_retries(feed_id, [o for o in done + given_up if o in earlier])
        return result, stopped

    def _retry_items(self, report: RoundReport) -> None:
        for retry in self.feeds.retries(due=self.clock()):
            if self.stopping.is_set():
                return
            document = retry.document
            items = self._downloader.reread(document)
            known = {document.origin: document, **({document.url: document} if document.url else {})}
            self._ingest(retry.feed_id, items, known, report)

    def _progress(self, origin: str, outcome: str) -> None:
        self._heartbeat()
        if outcome in ("ingested", "duplicate", "failed"):
            self._emit("article", f"{outcome}: {origin}", outcome=outcome, origin=origin)

    def _near_index(self) -> Originals:
        now = self.clock()
        if self._near is None or now - self._near[0] >= self.options.reindex_every:
            self._near = (now, stored_fingerprints(self.store, self.options.ingest.clean))
        return self._near[1]

    def _analyze(self) -> AnalyzeBatch | None:
        if self._analyzer is None and self.options.ingest.analyze:
            self._analyzer = default_analyzer()
        return self._analyzer

    # --- alerts --------------------------------------------------------------------

    def _alerts(self, report: RoundReport) -> None:
        now = self.clock()
        checked = check_alerts(self.store, at=now)
        for match in checked.matches:
            report.alerts += 1
            self._emit("alert", match.text, alert=match.alert, payload=match.payload)
        for problem in checked.problems:
            self._emit("delivery-failed", problem)
        delivered = deliver(
            self.store,
            at=now,
            options=self.options.delivery,
            sleep=self._pause,
        )
        for failure in delivered.failed:
            self._emit("delivery-failed", failure)

    # --- the lock and sleeping -------------------------------------------------------

    def _pause(self, seconds: float) -> None:
        """Sleep between webhook tries, cut short by a stop request."""
        self.stopping.wait(seconds)

    def _is_gone(self, holder: LockHolder) -> bool:
        # On this host the process table is the truth (a long analysis may delay a heartbeat);
        # a holder elsewhere is presumed dead once its heartbeat is too old.
        if holder.host == self.host:
            return not _alive(holder.pid)
        silent = self.clock() - holder.heartbeat_at.replace(tzinfo=dt.UTC)
        return silent > self.options.lock_stale_after

    def _heartbeat(self) -> None:
        now = self.clock()
        if now - self._last_heartbeat >= self.options.heartbeat:
            self.lock.heartbeat(self.pid, self.host, at=now)
            self._last_heartbeat = now

    def _sleep(self) -> None:
        """Wait until the next feed or retry is due, waking to refresh the lock."""
        now = self.clock()
        next_due = self.feeds.next_due()
        wait = self.options.heartbeat
        if next_due is not None:
            wait = min(wait, max(next_due.replace(tzinfo=dt.UTC) - now, dt.timedelta(seconds=0.05)))
        when = now + wait
        self._emit("sleeping", f"next check at {when:%H:%M:%S}", next_check=when.isoformat())
        self.stopping.wait(wait.total_seconds())
        self._heartbeat()

    def _emit(self, kind: str, message: str, feed: WatchedFeed | None = None, **data: Any) -> None:
        self.log(WatchEvent(kind, message, self.clock(), feed.label if feed else None, data))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    return True


def _span(wait: dt.timedelta) -> str:
    seconds = int(wait.total_seconds())
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds // 60} min"
    return f"{seconds} s"


@contextmanager
def stop_on_signals(stopping: threading.Event) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM set ``stopping``; a second one stops the process at once."""

    def handle(number: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            raise KeyboardInterrupt
        stopping.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
