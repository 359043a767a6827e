"""Schema migrations: small functions registered in order, applied when a store opens.

Each migration has a version number; ``schema_version`` records the versions a
database has. A version may have one function for every dialect, or one function
per dialect when the SQL differs (the full-text index). Opening a store applies the
missing versions in one transaction, so a failed upgrade leaves the database as it was::

    @migration(3)
    def add_positions(conn: Connection) -> None:
        conn.execute(...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from parley.errors import StoreError
from parley.store import schema
from parley.store.watch_schema import watch_metadata

MigrationFn = Callable[[Connection], None]

DIALECTS = ("sqlite", "postgresql")


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its version, a name for the log, and the function that applies it."""

    version: int
    name: str
    apply: MigrationFn
    dialect: str | None  # None: the same function for every dialect


MIGRATIONS: list[Migration] = []


def migration(version: int, *, dialect: str | None = None) -> Callable[[MigrationFn], MigrationFn]:
    """Register a function as migration ``version`` (for one ``dialect`` only, when given)."""

    def register(fn: MigrationFn) -> MigrationFn:
        if dialect is not None and dialect not in DIALECTS:
            raise StoreError(f"migration {fn.__name__}: unknown dialect {dialect!r}")
        for m in MIGRATIONS:
            if m.version == version and (m.dialect is None or dialect is None or m.dialect == dialect):
                raise StoreError(f"migration {fn.__name__}: version {version} is already {m.name}")
        MIGRATIONS.append(Migration(version, fn.__name__, fn, dialect))
        return fn

    return register


def latest_version() -> int:
    """The version a database has once every migration is applied."""
    return max(m.version for m in MIGRATIONS)


def for_dialect(dialect: str) -> list[Migration]:
    """The migrations of one dialect, in version order, one per version."""
    chosen = {m.version: m for m in MIGRATIONS if m.dialect in (None, dialect)}
    return [chosen[v] for v in sorted(chosen)]


def applied_versions(conn: Connection) -> set[int]:
    """The versions recorded in ``schema_version`` (empty for a new database)."""
    if not conn.dialect.has_table(conn, schema.schema_version.name):
        return set()
    return set(conn.scalars(select(schema.schema_version.c.version)))


def pending(conn: Connection) -> list[Migration]:
    """The migrations this database still needs; StoreError if it is newer than this Parley."""
    done = applied_versions(conn)
    newest = latest_version()
    if done and max(done) > newest:
        raise StoreError(
            f"the database has schema version {max(done)} but this Parley knows only up to {newest}: "
            "upgrade Parley to open it"
        )
    return [m for m in for_dialect(conn.dialect.name) if m.version not in done]


def apply(conn: Connection) -> list[Migration]:
    """Apply the pending migrations on ``conn``, inside the caller's transaction; return them."""
    if conn.dialect.name == "postgresql":
        # Two processes opening a new database at once must not both create the tables.
        conn.execute(text("SELECT pg_advisory_xact_lock(7245601)"))
    schema.schema_version.create(conn, checkfirst=True)
    todo = pending(conn)
    for m in todo:
        m.apply(conn)
        conn.execute(
            schema.schema_version.insert().values(
                version=m.version,
                name=m.name,
                applied_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
        )
    return todo


@migration(1)
def create_tables(conn: Connection) -> None:
    """Every table and index of ``parley.store.schema``."""
    schema.metadata.create_all(conn)


@migration(2, dialect="sqlite")
def sqlite_full_text(conn: Connection) -> None:
    """An FTS5 index over articles' title and text, kept in step by triggers.

    External content: the index reads title and text from ``articles`` and stores
    only the terms. Porter stemming makes "threatens" find "threatened", as the
    English configuration of PostgreSQL does.
    """
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, text, content='articles', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


# to_tsvector fails on a document whose vector exceeds 1 MB; the first million
# characters of an article are plenty to find it by.
_TSVECTOR_CHARS = 1_000_000


@migration(2, dialect="postgresql")
def postgresql_full_text(conn: Connection) -> None:
    """A generated ``tsvector`` column over articles' title and text, with a GIN index."""
    conn.exec_driver_sql(
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
        "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || "
        f"left(coalesce(\"text\", ''), {_TSVECTOR_CHARS}))) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX ix_articles_search ON articles USING gin (search)")


@migration(10)
def watch_tables(conn: Connection) -> None:
    """The feed list, retries, the watcher's lock, alerts and their deliveries (``parley watch``)."""
    watch_metadata.create_all(conn)


@migration(20)
def add_positions(conn: Connection) -> None:
    """The positions and shifts tables (a database made before them gets them empty;
    ``parley rebuild positions`` fills them from the stored events and quotes)."""
    schema.positions.create(conn, checkfirst=True)
    schema.shifts.create(conn, checkfirst=True)


@migration(40)
def article_datelines(conn: Connection) -> None:
    """The place and agency of an article's dateline (NULL for articles stored before them).

    A new database already has the columns: version 1 creates the tables as they are now.
    """
    present = {c["name"] for c in inspect(conn).get_columns(schema.articles.name)}
    for column in ("dateline", "dateline_agency"):
        if column not in present:
            conn.exec_driver_sql(f"ALTER TABLE {schema.articles.name} ADD COLUMN {column} TEXT")


# Rows read per step when a migration fills a new table from existing ones.
_BACKFILL_BATCH = 5000


@migration(3)
def near_duplicate_keys(conn: Connection) -> None:
    """The LSH band keys of every stored original, so ingests query candidates instead of loading all."""
    from parley.clean.dedupe import band_keys

    schema.near_keys.create(conn, checkfirst=True)
    articles = schema.articles
    last = 0
    while True:
        rows = conn.execute(
            select(articles.c.id, articles.c.fingerprint)
            .where(
                articles.c.id > last,
                articles.c.duplicate_of.is_(None),
                articles.c.fingerprint.is_not(None),
            )
            .order_by(articles.c.id)
            .limit(_BACKFILL_BATCH)
        ).all()
        keys = [
            {"band": band, "hash": key, "article_id": row.id}
            for row in rows
            for band, key in band_keys(bytes(row.fingerprint))
        ]
        if keys:
            conn.execute(schema.near_keys.insert(), keys)
        if len(rows) < _BACKFILL_BATCH:
            return
        last = rows[-1].id


@migration(4)
def tallies_and_event_days(conn: Connection) -> None:
    """Counts kept on write for ``stats()`` and the home page chart, started from what is stored."""
    for table in (schema.tallies, schema.article_sources, schema.event_days):
        table.create(conn, checkfirst=True)
    a, e = schema.articles, schema.events
    counted = {
        "articles": select(func.count()).select_from(a),
        "duplicates": select(func.count()).select_from(a).where(a.c.duplicate_of.is_not(None)),
        "actors": select(func.count()).select_from(schema.actors),
        "mentions": select(func.count()).select_from(schema.mentions),
        "quotes": select(func.count()).select_from(schema.quotes),
        "events": select(func.count()).select_from(e),
        "failures": select(func.count()).select_from(schema.failures),
        "sources_done": select(func.count()).select_from(schema.sources_done),
    }
    conn.execute(
        schema.article_sources.insert().from_select(
            ["source"], select(a.c.source).where(a.c.source.is_not(None)).distinct()
        )
    )
    counted["sources"] = select(func.count()).select_from(schema.article_sources)
    conn.execute(
        schema.tallies.insert(), [{"name": name, "n": conn.scalar(query)} for name, query in counted.items()]
    )
    conn.execute(
        schema.event_days.insert().from_select(
            ["day", "plover_type", "n"],
            select(e.c.day, e.c.plover_type, func.count())
            .where(e.c.day.is_not(None), e.c.plover_type.is_not(None))
            .group_by(e.c.day, e.c.plover_type),
        )
    )


@migration(5, dialect="sqlite")
def sqlite_quote_search(conn: Connection) -> None:
    """A trigram FTS5 index over quotes' text, so finding a piece of a quote needs no scan.

    The trigram tokenizer matches any substring of three characters or more, in any
    case, as ``LIKE '%...%'`` did; shorter searches still scan (``parley.store.search``).
    """
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE quotes_fts USING fts5("
        "text, content='quotes', content_rowid='id', tokenize='trigram')"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
        "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
        "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN "
        "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    conn.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")


@migration(5, dialect="postgresql")
def postgresql_quote_search(conn: Connection) -> None:
    """A trigram GIN index over quotes' text (``pg_trgm``), which serves ``ILIKE '%...%'``.

    Creating the extension needs the right to create in the database (``pg_trgm`` is a
    trusted extension); where that is refused the index is left out and searches scan.
    """
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:
        return
    conn.exec_driver_sql("CREATE INDEX ix_quotes_text_trgm ON quotes USING gin (text gin_trgm_ops)")


@migration(6)
def actor_page_indexes(conn: Connection) -> None:
    """Indexes that give an actor's latest events, as source and as target, without a sort."""
    for index in (schema.ix_events_source_day, schema.ix_events_target_day):
        index.create(conn, checkfirst=True)


@migration(7)
def event_weeks(conn: Connection) -> None:
    """Events per ISO week and PLOVER type, kept on write, started from the counts per day."""
    from parley.store.write import week_of

    schema.event_weeks.create(conn, checkfirst=True)
    days = schema.event_days
    weeks: dict[tuple[dt.date, str], int] = {}
    for day, kind, n in conn.execute(select(days.c.day, days.c.plover_type, days.c.n)):
        key = (week_of(day), kind)
        weeks[key] = weeks.get(key, 0) + int(n)
    if weeks:
        conn.execute(
            schema.event_weeks.insert(),
            [{"week": w, "plover_type": t, "n": n} for (w, t), n in sorted(weeks.items())],
        )


@migration(50)
def event_list_indexes(conn: Connection) -> None:
    """Indexes that give a page of events filtered by actor or PLOVER type in id order, without a sort."""
    for index in (schema.ix_events_source_id, schema.ix_events_target_id, schema.ix_events_type_id):
        index.create(conn, checkfirst=True)
