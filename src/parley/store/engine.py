"""Database URLs and engines: which URLs the store accepts, and how each backend is set up.

SQLite gets WAL (readers never wait for the writer), foreign keys, a busy timeout,
and transactions that Python's ``sqlite3`` module leaves alone: SQLAlchemy emits
``BEGIN`` itself, so DDL in migrations is transactional and write transactions start
with ``BEGIN IMMEDIATE`` (taking the write lock up front, which avoids the
read-then-upgrade deadlock that makes concurrent writers fail at once instead of
waiting). The WAL is checkpointed automatically every ``WAL_AUTOCHECKPOINT_PAGES``
and, once reset, cut back to ``WAL_SIZE_LIMIT`` bytes, so a server read during a long
ingest does not leave a WAL larger than the database.

A store opened read-only is opened so by SQLite itself (``mode=ro``); on read-only
media, where SQLite cannot create the WAL's shared-memory file, as ``immutable``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from parley.errors import ConfigError, StoreError

ACCEPTED = (
    "sqlite:///path/to/parley.db (a file), sqlite:// (in memory), "
    "or postgresql://user:password@host:port/database"
)

# How long a SQLite writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 15_000

# Execution option marking a connection whose transaction will write.
WRITE_OPTION = "parley_write"

# SQLite's own default, set explicitly since the WAL's size depends on it.
WAL_AUTOCHECKPOINT_PAGES = 1000
WAL_SIZE_LIMIT = 64 * 1024 * 1024


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL for a store URL; ConfigError naming the accepted forms otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"{url!r} is not a database URL: use {ACCEPTED}") from None
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend == "postgres":  # the scheme some hosting services hand out
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql" and driver == "psycopg":
        pass
    elif backend == "sqlite" and driver == "pysqlite":
        if is_memory(parsed):
            return parsed
        folder = Path(parsed.database or "").expanduser().resolve().parent
        if not folder.is_dir():
            raise ConfigError(f"{url}: the folder {folder} does not exist; create it or use {ACCEPTED}")
    else:
        raise ConfigError(f"{url}: unsupported database {parsed.drivername!r}; use {ACCEPTED}")
    return parsed


def is_memory(url: URL) -> bool:
    """Whether a SQLite URL names an in-memory database."""
    return url.database in (None, "", ":memory:")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database or another backend."""
    if url.get_backend_name() != "sqlite" or is_memory(url):
        return None
    return Path(url.database or "").expanduser().resolve()


def check_writable(url: str) -> None:
    """StoreError naming the reason when a SQLite store's file cannot be written."""
    path = sqlite_path(parse_url(url))
    if path is None:
        return
    if path.exists() and not os.access(path, os.W_OK):
        reason = f"the file {path} is read-only"
    elif not os.access(path.parent, os.W_OK):
        reason = f"the folder {path.parent} is read-only"
    else:
        return
    raise StoreError(
        f"{url}: cannot write to the store: {reason}; commands that only read it "
        "(parley serve without --allow-ingest, articles, show, stats, actors, quotes, events, dyad, "
        "positions, shifts, process, export, feeds list/history/export, alerts list) open it read-only"
    )


def _read_only_url(path: Path) -> URL:
    if not path.is_file():
        raise StoreError(f"sqlite:///{path}: there is no store to read at {path}")
    query = "mode=ro"
    # On read-only media SQLite cannot create the WAL's shared-memory file; nothing can
    # write there either, so the file is read as it is.
    if not os.access(path.parent, os.W_OK):
        query += "&immutable=1"
    return make_url(f"sqlite:///file:{quote(str(path))}?{query}&uri=true")


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for a store URL, set up for its backend; ``read_only`` refuses writes at the database."""
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "postgresql":
            options = {"postgresql_readonly": True} if read_only else {}
            return create_engine(parsed, pool_pre_ping=True, execution_options=options)
        path = sqlite_path(parsed)
        if path is None:
            # One connection shared by every thread, or each thread would see its own empty
            # database; the Store serialises access to it.
            engine = create_engine(parsed, poolclass=StaticPool, connect_args={"check_same_thread": False})
        elif read_only:
            engine = create_engine(_read_only_url(path))
        else:
            engine = create_engine(parsed)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"{url}: the database driver is not installed ({exc})") from exc
    _set_up_sqlite(engine, wal=path is not None and not read_only)
    return engine


def checkpoint(engine: Engine) -> None:
    """Copy a SQLite WAL's committed pages into the database, without waiting for readers."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        # On the driver's connection: SQLAlchemy would wrap the PRAGMA in a transaction.
        conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]


def _set_up_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN, see on_begin
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL loses no data on an application crash, only possibly
            # the last transactions on a power loss, and makes commits much cheaper.
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
            cursor.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
