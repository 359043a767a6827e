"""Opening a store: URLs, migrations, the public surface."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import OperationalError

import parley.store
from parley.clean.dedupe import fingerprint
from parley.errors import ConfigError, StoreError
from parley.records import Article
from parley.store import Store, engine, migrations, schema


def test_public_surface_is_store_only() -> None:
    assert parley.store.__all__ == ["Store"]
    assert all(hasattr(parley.store, name) for name in parley.store.__all__)


@pytest.mark.parametrize(
    "url",
    ["parley.db", "mysql://u@localhost/db", "sqlite+aiosqlite:///x.db", "postgresql+pg8000://u@h/db", "::"],
)
def test_bad_url_is_a_config_error_naming_url_and_accepted_forms(url: str) -> None:
    with pytest.raises(ConfigError) as err:
        Store(url)
    message = str(err.value)
    assert url in message
    assert "sqlite:///" in message and "postgresql://" in message


def test_sqlite_file_in_a_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "parley.db"
    with pytest.raises(ConfigError, match="does not exist"):
        Store(f"sqlite:///{missing}")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not an SQLite database, just some bytes " * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(f"sqlite:///{junk}")


def test_unreachable_postgresql_is_a_store_error() -> None:
    # Port 1 on localhost: nothing listens there, so the connection is refused at once.
    with pytest.raises(StoreError, match=r"127\.0\.0\.1"):
        Store("postgresql://parley:secret@127.0.0.1:1/parley")


def test_password_is_not_shown_in_the_store_url() -> None:
    with pytest.raises(StoreError) as err:
        Store("postgresql://parley:secret@127.0.0.1:1/parley")
    assert "secret" not in str(err.value)


def test_opening_twice_applies_each_migration_once(store_url: str) -> None:
    with Store(store_url):
        pass
    with Store(store_url) as again:
        again.add_article(Article(text="Still works after reopening.", origin="x"), None)
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            versions = list(conn.scalars(select(schema.schema_version.c.version)))
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert sorted(versions) == [m.version for m in migrations.for_dialect(engine.dialect.name)]
    assert len(versions) == len(set(versions))
    assert {t.name for t in schema.metadata.sorted_tables} <= tables


def test_every_migration_version_exists_for_every_dialect() -> None:
    # Versions may leave gaps: each line of work takes its own range (positions: 20-29).
    versions = sorted({m.version for m in migrations.MIGRATIONS})
    for dialect in migrations.DIALECTS:
        assert [m.version for m in migrations.for_dialect(dialect)] == versions


def test_a_version_cannot_be_registered_twice() -> None:
    with pytest.raises(StoreError, match="already"):
        migrations.migration(1)(lambda conn: None)
    assert migrations.latest_version() == max(m.version for m in migrations.MIGRATIONS)


def test_a_database_newer_than_this_parley_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            schema.schema_version.insert().values(
                version=migrations.latest_version() + 1,
                name="from_the_future",
                applied_at=text("CURRENT_TIMESTAMP"),
            )
        )
    engine.dispose()
    with pytest.raises(StoreError, match="upgrade Parley"):
        Store(url)


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'half.db'}"

    def broken(conn: object) -> None:
        raise RuntimeError("migration failed half-way")

    # Version 2 (full text) fails after version 1 created the tables in the same transaction.
    failing = [m if m.version == 1 else migrations.Migration(m.version, m.name, broken, m.dialect)
               for m in migrations.MIGRATIONS]  # fmt: skip
    monkeypatch.setattr(migrations, "MIGRATIONS", failing)
    with pytest.raises(RuntimeError, match="half-way"):
        Store(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'p.db'}") as store, store._reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_in_memory_store_is_shared_by_threads() -> None:
    with Store("sqlite://") as store:
        store.add_article(Article(text="Written in the main thread.", origin="main"), None)
        seen: list[int] = []
        worker = threading.Thread(target=lambda: seen.append(len(store.articles())))
        worker.start()
        worker.join()
        assert seen == [1]


def test_store_is_a_context_manager_and_has_a_readable_repr(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'r.db'}") as store:
        assert "r.db" in repr(store)
        assert store.dialect == "sqlite"


def test_a_store_made_before_datelines_gets_the_columns_empty(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_article(Article(text="Stored before datelines were kept.", origin="old.txt"), None)
    # Make the database as it was before migration 40: no dateline columns, version not applied.
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            for column in ("dateline", "dateline_agency"):
                conn.execute(text(f"ALTER TABLE articles DROP COLUMN {column}"))
            conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version == 40))
    finally:
        engine.dispose()
    with Store(store_url) as store:
        new_id = store.add_article(
            Article(text="Stored after.", origin="new.txt", dateline="KYIV", dateline_agency="AP"), None
        )
        old, new = store.article(1).to_dict(), store.article(new_id).to_dict()
    assert (old["dateline"], old["dateline_agency"]) == (None, None)
    assert (new["dateline"], new["dateline_agency"]) == ("KYIV", "AP")


def test_sqlite_wal_is_checkpointed_and_kept_small(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store, store._reading() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == engine.WAL_AUTOCHECKPOINT_PAGES
        assert conn.exec_driver_sql("PRAGMA journal_size_limit").scalar() == engine.WAL_SIZE_LIMIT


def test_an_ingest_checkpoints_after_every_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parley.ingest import IngestOptions, ingest_items

    with Store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        calls: list[int] = []
        monkeypatch.setattr(store, "checkpoint", lambda: calls.append(store.stats().articles))
        articles = [
            Article(text=text, origin=f"{n}.txt", fingerprint=fingerprint(text))
            for n, text in enumerate(f"Article {n}: {' '.join(['talks'] * n)} resumed." for n in range(5))
        ]

        def as_items() -> Iterator[Article]:
            yield from articles

        monkeypatch.setattr("parley.ingest.cleaned", lambda items, options, warnings=None: as_items())
        ingest_items([], store, IngestOptions(analyze=False, batch_size=2))
    # After the batches of two, two and the last one: the WAL never holds more than a batch.
    assert calls[:3] == [2, 4, 5]


def _filled_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    with Store(url) as store:
        store.add_article(Article(text="Stored before the media became read-only.", origin="a.txt"), None)
    return url


def test_a_store_opened_read_only_reads_and_refuses_writes(tmp_path: Path) -> None:
    url = _filled_file(tmp_path)
    with Store(url, read_only=True) as store:
        assert store.stats().articles == 1
        with pytest.raises(StoreError, match="opened read-only"):
            store.record_failure("b.txt", "unreadable")
        # SQLite itself refuses too: the connection is opened with mode=ro.
        with store._engine.connect() as conn, pytest.raises(OperationalError, match="readonly"):
            conn.exec_driver_sql("DELETE FROM failures")


def test_a_store_on_read_only_media_can_be_browsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _filled_file(tmp_path)
    for leftover in tmp_path.glob("ro.db-*"):
        leftover.unlink()  # what a copy onto read-only media holds: the database file alone
    # Tests may run as root, for whom every file is writable: the media's answer is simulated.
    monkeypatch.setattr(engine.os, "access", lambda path, mode: False)
    with Store(url, read_only=True) as store:
        assert store.stats().articles == len(store.articles()) == 1
    assert not list(tmp_path.glob("ro.db-*"))
    with pytest.raises(StoreError, match=r"cannot write to the store: the file .*ro\.db is read-only"):
        Store(url)


def test_read_only_needs_an_existing_store_at_the_current_version(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(f"sqlite:///{tmp_path / 'missing.db'}", read_only=True)
    url = _filled_file(tmp_path)
    with Store(url) as store, store._writing() as conn:
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version > 1))
    with pytest.raises(StoreError, match="needs upgrading"):
        Store(url, read_only=True)
