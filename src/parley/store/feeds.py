"""The feed list ``parley watch`` reads, its items to retry, and the lock one watcher holds.

``FeedList(store)`` adds, lists and removes feeds and records every fetch's outcome;
``WatchLock(store)`` makes sure only one watcher works on a store at a time. Times are
passed in by the caller (the watcher's clock), so tests control them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from parley.errors import StoreError
from parley.sources.document import Document
from parley.store.db import Store
from parley.store.watch_schema import feed_fetches, feed_retries, watch_lock, watched_feeds
from parley.store.write import upsert_insert, utc_naive

LOCK_NAME = "watch"
FETCHES_KEPT = 100  # per feed, in the fetch log


@dataclass(frozen=True, slots=True)
class WatchedFeed:
    """One feed of the list, with its health."""

    id: int
    url: str
    name: str | None
    interval: dt.timedelta
    fetch_pages: bool
    added_at: dt.datetime
    last_fetched_at: dt.datetime | None
    last_status: str | None
    failures: int  # consecutive
    items_seen: int  # new articles stored from it
    next_due_at: dt.datetime
    paused_at: dt.datetime | None
    pause_reason: str | None

    @property
    def label(self) -> str:
        """How messages name the feed: its name, else its URL."""
        return self.name or self.url

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def to_dict(self) -> dict[str, Any]:
        """The feed as JSON-ready values; times are ISO strings in UTC."""
        return {
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "every": format_interval(self.interval),
            "fetch_pages": self.fetch_pages,
            "added_at": iso_utc(self.added_at),
            "last_fetched_at": iso_utc(self.last_fetched_at),
            "last_status": self.last_status,
            "failures": self.failures,
            "items_seen": self.items_seen,
            "next_due_at": None if self.paused else iso_utc(self.next_due_at),
            "paused": self.paused,
            "pause_reason": self.pause_reason,
        }


@dataclass(frozen=True, slots=True)
class Retry:
    """A feed item that failed, kept to be read again: the item itself, why it failed, how often."""

    feed_id: int
    document: Document
    reason: str
    attempts: int
    next_try_at: dt.datetime


def iso_utc(value: dt.datetime | None) -> str | None:
    """A stored (naive UTC) time as ISO 8601 with its offset, to the second."""
    return None if value is None else value.replace(tzinfo=dt.UTC, microsecond=0).isoformat()


def format_interval(interval: dt.timedelta) -> str:
    """An interval in the largest unit that divides it: "15m", "2h", "1d", "90s"."""
    seconds = int(interval.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _feed(row: Any) -> WatchedFeed:
    return WatchedFeed(
        id=int(row.id),
        url=row.url,
        name=row.name,
        interval=dt.timedelta(seconds=row.interval_s),
        fetch_pages=bool(row.fetch_pages),
        added_at=row.added_at,
        last_fetched_at=row.last_fetched_at,
        last_status=row.last_status,
        failures=int(row.failures),
        items_seen=int(row.items_seen),
        next_due_at=row.next_due_at,
        paused_at=row.paused_at,
        pause_reason=row.pause_reason,
    )


def _naive(value: dt.datetime) -> dt.datetime:
    naive = utc_naive(value)
    assert naive is not None
    return naive


class FeedList:
    """The feeds a store watches: ``FeedList(store).add("https://example.org/feed.xml", ...)``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self,
        url: str,
        *,
        name: str | None,
        interval: dt.timedelta,
        fetch_pages: bool,
        at: dt.datetime,
    ) -> WatchedFeed:
        """Add a feed, due at once; StoreError when its URL or name is already listed."""
        url = url.strip()
        if not url.lower().startswith(("http://", "https://")):
            raise StoreError(f"{url!r}: a feed to watch must be an http:// or https:// URL")
        if interval.total_seconds() < 1:
            raise StoreError(f"{url}: the interval must be at least one second")
        name = (name or "").strip() or None
        with self.store._writing() as conn:
            clash = conn.execute(
                select(watched_feeds.c.url, watched_feeds.c.name).where(
                    or_(watched_feeds.c.url == url, watched_feeds.c.name == name)
                    if name
                    else watched_feeds.c.url == url
                )
            ).first()
            if clash is not None:
                what = f"the URL {url}" if clash.url == url else f"the name {name!r}"
                raise StoreError(f"{what} is already in the feed list (as {clash.name or clash.url})")
            new_id = conn.execute(
                insert(watched_feeds).values(
                    url=url,
                    name=name,
                    interval_s=int(interval.total_seconds()),
                    fetch_pages=fetch_pages,
                    added_at=_naive(at),
                    next_due_at=_naive(at),
                    failures=0,
                    items_seen=0,
                )
            ).inserted_primary_key
            assert new_id is not None
            row = conn.execute(select(watched_feeds).where(watched_feeds.c.id == new_id[0])).one()
        return _feed(row)

    def all(self, *, failing_first: bool = False) -> list[WatchedFeed]:
        """Every feed, in the order added; with ``failing_first``, paused then failing feeds lead."""
        query = select(watched_feeds)
        if failing_first:
            query = query.order_by(
                case((watched_feeds.c.paused_at.is_not(None), 0), else_=1),
                watched_feeds.c.failures.desc(),
                watched_feeds.c.id,
            )
        else:
            query = query.order_by(watched_feeds.c.id)
        with self.store._reading() as conn:
            return [_feed(r) for r in conn.execute(query)]

    def get(self, key: str | int) -> WatchedFeed:
        """A feed by id, URL or name; StoreError naming ``key`` when there is none."""
        with self.store._reading() as conn:
            row = conn.execute(select(watched_feeds).where(_key(key))).first()
        if row is None:
            raise StoreError(f"feed {key!r}: not in the feed list (see `parley feeds list`)")
        return _feed(row)

    def remove(self, key: str | int) -> WatchedFeed:
        """Remove a feed (by id, URL or name) and its items waiting to be retried."""
        feed = self.get(key)
        with self.store._writing() as conn:
            conn.execute(delete(feed_retries).where(feed_retries.c.feed_id == feed.id))
            conn.execute(delete(feed_fetches).where(feed_fetches.c.feed_id == feed.id))
            conn.execute(delete(watched_feeds).where(watched_feeds.c.id == feed.id))
        return feed

    def due(self, at: dt.datetime) -> list[WatchedFeed]:
        """The feeds to fetch now: not paused, and due at or before ``at``, most overdue first."""
        query = (
            select(watched_feeds)
            .where(watched_feeds.c.paused_at.is_(None), watched_feeds.c.next_due_at <= _naive(at))
            .order_by(watched_feeds.c.next_due_at, watched_feeds.c.id)
        )
        with self.store._reading() as conn:
            return [_feed(r) for r in conn.execute(query)]

    def next_due(self) -> dt.datetime | None:
        """When the next feed (not paused) or retry is due; None when nothing is waiting."""
        with self.store._reading() as conn:
            feed = conn.scalar(
                select(func.min(watched_feeds.c.next_due_at)).where(watched_feeds.c.paused_at.is_(None))
            )
            retry = conn.scalar(select(func.min(feed_retries.c.next_try_at)))
        times = [t for t in (feed, retry) if t is not None]
        return min(times) if times else None

    def fetched(
        self, feed_id: int, *, at: dt.datetime, status: str, new_items: int, next_due: dt.datetime
    ) -> None:
        """Record a fetch that worked (200 or 304): failures reset, next fetch scheduled."""
        self._update(
            feed_id,
            _Fetch(at, status, True, new_items),
            last_fetched_at=_naive(at),
            last_status=status,
            failures=0,
            items_seen=watched_feeds.c.items_seen + new_items,
            next_due_at=_naive(next_due),
        )

    def failed(
        self,
        feed_id: int,
        *,
        at: dt.datetime,
        status: str,
        next_due: dt.datetime,
        pause_reason: str | None = None,
    ) -> None:
        """Record a failed fetch: one more consecutive failure; paused when ``pause_reason`` is given."""
        self._update(
            feed_id,
            _Fetch(at, status, False, 0),
            last_fetched_at=_naive(at),
            last_status=status,
            failures=watched_feeds.c.failures + 1,
            next_due_at=_naive(next_due),
            paused_at=_naive(at) if pause_reason else None,
            pause_reason=pause_reason,
        )

    def pause(self, feed_id: int, *, at: dt.datetime, status: str, reason: str) -> None:
        """Pause a feed now (for example one that answered 410 Gone)."""
        self._update(
            feed_id,
            _Fetch(at, status, False, 0),
            last_fetched_at=_naive(at),
            last_status=status,
            paused_at=_naive(at),
            pause_reason=reason,
        )

    def fetches(self, key: str | int, *, limit: int = 20) -> list[dict[str, Any]]:
        """A feed's latest fetches, newest first: when, the URL, the status, and the new items."""
        feed = self.get(key)
        query = (
            select(feed_fetches)
            .where(feed_fetches.c.feed_id == feed.id)
            .order_by(feed_fetches.c.id.desc())
            .limit(limit)
        )
        with self.store._reading() as conn:
            return [
                {
                    "at": iso_utc(r.at),
                    "url": r.url,
                    "status": r.status,
                    "ok": bool(r.ok),
                    "new_items": int(r.new_items),
                }
                for r in conn.execute(query)
            ]

    def resume(self, key: str | int, *, at: dt.datetime) -> WatchedFeed:
        """Un-pause a feed: failures forgotten, due at once."""
        feed = self.get(key)
        self._update(feed.id, None, paused_at=None, pause_reason=None, failures=0, next_due_at=_naive(at))
        return self.get(feed.id)

    def move(self, feed_id: int, url: str) -> None:
        """Give a feed its new URL (it answered 301 Moved Permanently); StoreError when that URL is listed."""
        try:
            self._update(feed_id, None, url=url)
        except StoreError as exc:
            raise StoreError(f"feed {feed_id} moved to {url}, which is already in the feed list") from exc

    def _update(self, feed_id: int, fetch: _Fetch | None, **values: Any) -> None:
        """Change a feed's row and log the fetch behind the change, in one transaction."""
        try:
            with self.store._transaction() as conn:
                conn.execute(update(watched_feeds).where(watched_feeds.c.id == feed_id).values(**values))
                if fetch is not None:
                    _log_fetch(conn, feed_id, fetch)
        except IntegrityError as exc:
            raise StoreError(f"feed {feed_id}: the update was refused ({exc.orig})") from exc

    # --- items to retry ------------------------------------------------------------

    def keep_for_retry(
        self, feed_id: int, document: Document, reason: str, *, attempts: int, next_try: dt.datetime
    ) -> None:
        """Remember a failed item (replacing an earlier failure of the same item)."""
        values = {
            "kind": document.kind,
            "content": document.content,
            "url": document.url,
            "title": document.title,
            "published": document.published,
            "outlet": document.outlet,
            "reason": reason,
            "attempts": attempts,
            "next_try_at": _naive(next_try),
        }
        with self.store._writing() as conn:
            statement = upsert_insert(conn, feed_retries).values(
                feed_id=feed_id, origin=document.origin, **values
            )
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=[feed_retries.c.feed_id, feed_retries.c.origin], set_=values
                )
            )

    def retries(self, *, due: dt.datetime | None = None, feed_id: int | None = None) -> list[Retry]:
        """Items waiting to be read again: those due by ``due``, or of one feed, or all."""
        query = select(feed_retries).order_by(feed_retries.c.next_try_at, feed_retries.c.origin)
        if due is not None:
            query = query.where(feed_retries.c.next_try_at <= _naive(due))
        if feed_id is not None:
            query = query.where(feed_retries.c.feed_id == feed_id)
        with self.store._reading() as conn:
            return [
                Retry(
                    feed_id=int(r.feed_id),
                    document=Document(
                        origin=r.origin,
                        kind=r.kind,
                        content=r.content,
                        url=r.url,
                        title=r.title,
                        published=r.published,
                        outlet=r.outlet,
                    ),
                    reason=r.reason,
                    attempts=int(r.attempts),
                    next_try_at=r.next_try_at,
                )
                for r in conn.execute(query)
            ]

    def forget_retries(self, feed_id: int, origins: Sequence[str]) -> None:
        """Drop items that are now stored, or given up on."""
        if not origins:
            return
        with self.store._writing() as conn:
            conn.execute(
                delete(feed_retries).where(
                    feed_retries.c.feed_id == feed_id, feed_retries.c.origin.in_(list(origins))
                )
            )


@dataclass(frozen=True, slots=True)
class _Fetch:
    at: dt.datetime
    status: str
    ok: bool
    new_items: int


def _log_fetch(conn: Connection, feed_id: int, fetch: _Fetch) -> None:
    """Log a fetch under the feed's current URL, dropping all but its latest ``FETCHES_KEPT``."""
    url = select(watched_feeds.c.url).where(watched_feeds.c.id == feed_id).scalar_subquery()
    conn.execute(
        insert(feed_fetches).values(
            feed_id=feed_id,
            at=_naive(fetch.at),
            url=url,
            status=fetch.status,
            ok=fetch.ok,
            new_items=fetch.new_items,
        )
    )
    oldest_kept = (
        select(feed_fetches.c.id)
        .where(feed_fetches.c.feed_id == feed_id)
        .order_by(feed_fetches.c.id.desc())
        .offset(FETCHES_KEPT - 1)
        .limit(1)
        .scalar_subquery()
    )
    conn.execute(
        delete(feed_fetches).where(feed_fetches.c.feed_id == feed_id, feed_fetches.c.id < oldest_kept)
    )


def _key(key: str | int) -> Any:
    text = str(key).strip()
    if text.isascii() and text.isdigit():
        return watched_feeds.c.id == int(text)
    return or_(watched_feeds.c.url == text, watched_feeds.c.name == text)


# --- the lock --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LockHolder:
    """The watcher holding a store: its process id, host, and when it started and last said it is alive."""

    pid: int
    host: str
    started_at: dt.datetime
    heartbeat_at: dt.datetime


class WatchLock:
    """A lock in the store itself, so it works for SQLite files and PostgreSQL alike.

    ``acquire`` takes it when free, or from a holder that ``is_gone`` says has died (a
    process that no longer exists on this host, or a heartbeat too old); otherwise it
    raises StoreError naming the holder. The holder refreshes ``heartbeat`` while it runs.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def holder(self) -> LockHolder | None:
        """Who holds the lock, if anyone."""
        with self.store._reading() as conn:
            return _holder(conn)

    def acquire(
        self, pid: int, host: str, *, at: dt.datetime, is_gone: Callable[[LockHolder], bool]
    ) -> LockHolder | None:
        """Take the lock; return the dead holder it was taken from, if any; StoreError when held."""
        now = _naive(at)
        try:
            # Not _writing(): a unique-key clash must reach the except below as itself.
            with self.store._transaction() as conn:
                held = _holder(conn)
                if held is None:
                    conn.execute(
                        insert(watch_lock).values(
                            name=LOCK_NAME, pid=pid, host=host, started_at=now, heartbeat_at=now
                        )
                    )
                    return None
                if not is_gone(held):
                    age = int((now - held.heartbeat_at).total_seconds())
                    raise StoreError(
                        f"{self.store.url}: another `parley watch` (pid {held.pid} on {held.host}, "
                        f"alive {age} s ago) is watching this store; stop it first"
                    )
                taken = conn.execute(
                    update(watch_lock)
                    .where(
                        watch_lock.c.name == LOCK_NAME,
                        watch_lock.c.pid == held.pid,
                        watch_lock.c.heartbeat_at == held.heartbeat_at,
                    )
                    .values(pid=pid, host=host, started_at=now, heartbeat_at=now)
                )
                if taken.rowcount != 1:
                    raise StoreError(f"{self.store.url}: another `parley watch` took this store just now")
                return held
        except IntegrityError as exc:
            raise StoreError(f"{self.store.url}: another `parley watch` took this store just now") from exc

    def heartbeat(self, pid: int, host: str, *, at: dt.datetime) -> None:
        """Say the holder is still alive; StoreError when the lock was taken from it."""
        with self.store._writing() as conn:
            done = conn.execute(
                update(watch_lock)
                .where(watch_lock.c.name == LOCK_NAME, watch_lock.c.pid == pid, watch_lock.c.host == host)
                .values(heartbeat_at=_naive(at))
            )
        if done.rowcount != 1:
            raise StoreError(f"{self.store.url}: this watcher lost its lock to another `parley watch`")

    def release(self, pid: int, host: str) -> None:
        """Give the lock up (only when this holder has it)."""
        with self.store._writing() as conn:
            conn.execute(
                delete(watch_lock).where(
                    watch_lock.c.name == LOCK_NAME, watch_lock.c.pid == pid, watch_lock.c.host == host
                )
            )


def _holder(conn: Connection) -> LockHolder | None:
    row = conn.execute(select(watch_lock).where(watch_lock.c.name == LOCK_NAME)).first()
    if row is None:
        return None
    return LockHolder(int(row.pid), row.host, row.started_at, row.heartbeat_at)
