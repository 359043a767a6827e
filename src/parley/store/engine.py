"""Database URLs and engines: which URLs the store accepts, and how each backend is set up.

SQLite gets WAL (readers never wait for the writer), foreign keys, a busy timeout,
and transactions that Python's ``sqlite3`` module leaves alone: SQLAlchemy emits
``BEGIN`` itself, so DDL in migrations is transactional and write transactions start
with ``BEGIN IMMEDIATE`` (taking the write lock up front, which avoids the
read-then-upgrade deadlock that makes concurrent writers fail at once instead of
waiting).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from parley.errors import ConfigError

ACCEPTED = (
    "sqlite:///path/to/parley.db (a file), sqlite:// (in memory), "
    "or postgresql://user:password@host:port/database"
)

# How long a SQLite writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 15_000

# Execution option marking a connection whose transaction will write.
WRITE_OPTION = "parley_write"


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


def make_engine(url: str) -> Engine:
    """An engine for a store URL, set up for its backend."""
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "postgresql":
            return create_engine(parsed, pool_pre_ping=True)
        if is_memory(parsed):
            # One connection shared by every thread, or each thread would see its own empty
            # database; the Store serialises access to it.
            engine = create_engine(parsed, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            engine = create_engine(parsed)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"{url}: the database driver is not installed ({exc})") from exc
    _set_up_sqlite(engine, wal=not is_memory(parsed))
    return engine


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
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
