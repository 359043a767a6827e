"""The Store: every read and write of Parley's records, on SQLite or PostgreSQL.

Writes go through one path: an article and all its actors, mentions, quotes and
events are written in one transaction, and an article whose text is already
stored is not written again. Reads return the stored records of ``parley.records``,
each with its ``id``; lists are newest first and paged with a keyset cursor
(``after`` = the last id seen), so a page costs the same at any depth.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    RowMapping,
    Select,
    and_,
    case,
    false,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from parley.errors import QueryError, StoreError
from parley.nlp.positions import PositionOptions
from parley.records import (
    ISSUES,
    SHIFT_KINDS,
    ActorDetail,
    ActorSummary,
    Analysis,
    Article,
    ArticleSummary,
    DyadPeriod,
    EventRow,
    Failure,
    FeedHealth,
    Process,
    ProcessSummary,
    QuoteRow,
    ShiftRow,
    Stats,
    StoredArticle,
    StoredPosition,
    TimelinePeriod,
    TypeCount,
)
from parley.store import migrations, read
from parley.store.actors import ActorMatch, check_country, resolve
from parley.store.engine import WRITE_OPTION, check_writable, checkpoint, is_memory, make_engine, parse_url
from parley.store.periods import as_date, by_period, check_bucket
from parley.store.positions import position_row, position_select, shift_row, shift_select
from parley.store.positions import rebuild as rebuild_positions
from parley.store.processes import process as find_process
from parley.store.processes import processes as find_processes
from parley.store.query import (
    Page,
    check_cameo,
    check_dates,
    check_limit,
    check_offset,
    check_outlet,
    check_type,
    sort_order,
)
from parley.store.schema import (
    actors,
    articles,
    event_days,
    event_weeks,
    events,
    failures,
    feeds,
    near_keys,
    positions,
    quotes,
    shifts,
    sources_done,
    tallies,
)
from parley.store.search import match as search_match
from parley.store.search import quote_contains
from parley.store.write import (
    TALLIED,
    ActorIds,
    ActorKey,
    Tallies,
    add_tallies,
    existing_id,
    now,
    text_sha256,
    upsert_insert,
    write_article,
)

# Articles per transaction in add_articles: large enough to amortise the commit,
# small enough that a failed batch costs little to retry one by one.
BATCH_SIZE = 200
# Rows of each index SQLite's ANALYZE samples in refresh_statistics().
ANALYSIS_ROWS = 1000
# How many values of each facet facets() returns.
FACET_VALUES = 20
# How many of an actor's quotes and events actor() returns.
ACTOR_RECORDS = 50
# An event list filtered by actors reads its page per (column, actor) pair up to this many
# pairs (see ``_page_per_actor``), well below SQLite's 500 arms of a compound SELECT.
PAGE_PAIRS = 100
_FINGERPRINT_BATCH = 1000


class Store:
    """Parley's database: ``Store("sqlite:///parley.db")``, ``Store("sqlite://")`` or a PostgreSQL URL.

    Opening applies any pending migrations. With ``create=False`` a SQLite file that does
    not exist is a StoreError naming it instead of a new, empty database. ``read_only=True``
    opens a store only to read it (also from read-only media): nothing is migrated and
    every write is refused. Use it as a context manager, or call ``close()``. It
    implements ``parley.sources.document.FeedCache``.
    """

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        parsed = parse_url(url)
        self.url = parsed.render_as_string(hide_password=True)
        if (
            not (create and not read_only)
            and parsed.drivername.startswith("sqlite")
            and not is_memory(parsed)
        ):
            path = Path(parsed.database or "").expanduser()
            if not path.is_file():
                # Reading a store that is not there would create an empty one and show nothing.
                raise StoreError(f"{path}: no such database; create it with `parley ingest`")
        self.read_only = read_only
        if not read_only:
            check_writable(url)
        self._engine = make_engine(url, read_only=read_only)
        self.dialect: str = self._engine.dialect.name
        # An in-memory SQLite database is one connection shared by all threads, so
        # its transactions must not interleave; file and server databases need no lock.
        memory = self.dialect == "sqlite" and is_memory(parsed)
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if memory else contextlib.nullcontext()
        )
        self._actor_ids: dict[ActorKey, tuple[int, bool]] = {}
        # The busiest processes read every event: kept until the store's event count changes.
        self._processes: dict[int, tuple[int, list[ProcessSummary]]] = {}
        try:
            with self._reading() as conn:
                todo = migrations.pending(conn)
            if todo and read_only:
                raise StoreError(
                    f"{self.url}: the store needs upgrading to schema version {migrations.latest_version()}, "
                    "which opening it read-only cannot do; open it once for writing (e.g. parley ingest)"
                )
            if todo:
                with self._writing() as conn:
                    migrations.apply(conn)
        except BaseException:
            self._engine.dispose()
            raise

    # --- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._lock, self._engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"{self.url}: {_reason(exc)}") from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Connection]:
        if self.read_only:
            raise StoreError(f"{self.url}: the store was opened read-only, so nothing can be written")
        with self._lock, self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self._transaction() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"{self.url}: {_reason(exc)}") from exc

    # --- writes --------------------------------------------------------------------

    def find_duplicate(self, article: Article) -> int | None:
        """The id of a stored article with the same text, else with the same canonical URL."""
        sha = text_sha256(article)
        same_text = articles.c.text_sha256 == sha
        condition: ColumnElement[bool] = same_text
        if article.canonical_url:
            condition = or_(same_text, articles.c.canonical_url == article.canonical_url)
        query = (
            select(articles.c.id)
            .where(condition)
            .order_by(case((same_text, 0), else_=1), articles.c.id)
            .limit(1)
        )
        with self._reading() as conn:
            found = conn.scalar(query)
        return None if found is None else int(found)

    def fingerprints(self) -> Iterator[tuple[int, bytes]]:
        """(id, fingerprint) of every stored article that is not a duplicate, in id order.

        Read in batches, each in its own short transaction, so a slow consumer holds no
        connection.
        """
        last = 0
        while True:
            query = (
                select(articles.c.id, articles.c.fingerprint)
                .where(
                    articles.c.id > last,
                    articles.c.duplicate_of.is_(None),
                    articles.c.fingerprint.is_not(None),
                )
                .order_by(articles.c.id)
                .limit(_FINGERPRINT_BATCH)
            )
            with self._reading() as conn:
                rows = conn.execute(query).all()
            for row in rows:
                yield int(row.id), bytes(row.fingerprint)
            if len(rows) < _FINGERPRINT_BATCH:
                return
            last = int(rows[-1].id)

    def near_duplicate_candidates(self, keys: Sequence[tuple[int, int]]) -> list[tuple[int, bytes]]:
        """(id, fingerprint) of the stored originals sharing an LSH band key with ``keys``.

        ``keys`` are ``parley.clean.dedupe.band_keys`` of a new article's fingerprint; the
        caller decides among the candidates with ``best_match``. One indexed query, however
        large the store.
        """
        if not keys:
            return []
        # One equality pair per band, ORed: both backends seek the (band, hash) index for
        # each (SQLite scans the table for a row-value IN list).
        sharing = select(near_keys.c.article_id).where(
            or_(*(and_(near_keys.c.band == band, near_keys.c.hash == key) for band, key in keys))
        )
        query = select(articles.c.id, articles.c.fingerprint).where(
            articles.c.id.in_(sharing), articles.c.fingerprint.is_not(None)
        )
        with self._reading() as conn:
            return [(int(row.id), bytes(row.fingerprint)) for row in conn.execute(query)]

    def add_article(
        self,
        article: Article,
        analysis: Analysis | None,
        *,
        duplicate_of: int | None = None,
        source: str | None = None,
    ) -> int:
        """Store an article with everything found in it, in one transaction; return its id.

        An article whose text is already stored is not written again: the stored one's
        id is returned. ``source`` names what the article was read from (a feed, a
        folder, an archive file); ``duplicate_of`` marks a near-duplicate of a stored article.
        """
        try:
            return self._add_batch([(article, analysis, duplicate_of)], source)[0]
        except IntegrityError as exc:
            # Another writer may have stored the same text between our check and insert.
            with self._reading() as conn:
                found = existing_id(conn, text_sha256(article))
            if found is not None:
                return found
            raise _refused(article, exc) from exc
        except DBAPIError as exc:
            raise _refused(article, exc) from exc

    def add_articles(
        self, items: Sequence[tuple[Article, Analysis | None, int | None]], *, source: str | None = None
    ) -> list[int]:
        """Store many (article, analysis, duplicate_of) at once; return their ids in order.

        Same as ``add_article`` for each item, with one transaction per batch of
        articles. When a batch fails, its articles are written again one per
        transaction, so the StoreError names the article the database refused and
        every article before it is stored.
        """
        ids: list[int] = []
        for start in range(0, len(items), BATCH_SIZE):
            batch = items[start : start + BATCH_SIZE]
            try:
                ids.extend(self._add_batch(batch, source))
            except (DBAPIError, StoreError):
                ids.extend(self.add_article(a, an, duplicate_of=dup, source=source) for a, an, dup in batch)
        return ids

    def _add_batch(
        self, batch: Sequence[tuple[Article, Analysis | None, int | None]], source: str | None
    ) -> list[int]:
        actor_ids = ActorIds(self._actor_ids)
        counts = Tallies()
        with self._transaction() as conn:
            ids = [
                write_article(
                    conn, art, analysis, duplicate_of=dup, source=source, actor_ids=actor_ids, tallies=counts
                )
                for art, analysis, dup in batch
            ]
            counts.counts["actors"] += actor_ids.inserted
            counts.apply(conn)
        actor_ids.commit()
        return ids

    def checkpoint(self) -> None:
        """Fold the SQLite WAL back into the database (after a batch), so it stays small."""
        with self._lock:
            checkpoint(self._engine)

    def record_failure(self, origin: str, reason: str) -> None:
        """Log an input that could not be ingested, for ``failures()`` and ``stats()``."""
        with self._writing() as conn:
            conn.execute(failures.insert().values(origin=origin, reason=reason, at=now()))
            add_tallies(conn, {"failures": 1})

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) a feed last answered with, or (None, None)."""
        with self._reading() as conn:
            row = conn.execute(select(feeds.c.etag, feeds.c.last_modified).where(feeds.c.url == url)).first()
        return (None, None) if row is None else (row.etag, row.last_modified)

    def set_feed_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators a feed answered with."""
        values = {"url": url, "etag": etag, "last_modified": last_modified, "checked_at": now()}
        with self._writing() as conn:
            insert = upsert_insert(conn, feeds).values(values)
            conn.execute(
                insert.on_conflict_do_update(
                    index_elements=[feeds.c.url],
                    set_={"etag": etag, "last_modified": last_modified, "checked_at": values["checked_at"]},
                )
            )

    def is_source_done(self, origin: str) -> bool:
        """Whether ``mark_source_done(origin)`` was called, so a resumed ingest can skip it."""
        with self._reading() as conn:
            return (
                conn.scalar(select(sources_done.c.origin).where(sources_done.c.origin == origin)) is not None
            )

    def mark_source_done(self, origin: str) -> None:
        """Record that a whole source (e.g. a WARC file) has been ingested."""
        with self._writing() as conn:
            insert = (
                upsert_insert(conn, sources_done).values(origin=origin, at=now()).on_conflict_do_nothing()
            )
            if conn.scalar(insert.returning(sources_done.c.origin)) is not None:
                add_tallies(conn, {"sources_done": 1})

    def refresh_statistics(self) -> None:
        """Refresh the query planner's statistics after a bulk write.

        Without them SQLite picks an index for a filter that matches a large share of the
        events (a country's side, on either side) and sorts thousands of rows, where reading
        the table newest first and stopping at a page is ten times faster. SQLite samples at
        most ``ANALYSIS_ROWS`` rows of each index, so this stays quick on a large store;
        PostgreSQL samples on its own.
        """
        with self._writing() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
            conn.exec_driver_sql("ANALYZE")

    # --- reads ---------------------------------------------------------------------
    #
    # Lists are read in two steps: the ids of the page, from the filters alone (an
    # index-only query that sorts ids at most), then the page's rows with their joins,
    # sentence texts and snippets. Joining before the LIMIT would do that work for
    # every matching row.

    def articles(
        self,
        *,
        search: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        after: int | None = None,
        offset: int = 0,
        sort: str = "-id",
        count: bool = False,
        text: bool = False,
    ) -> Page[ArticleSummary]:
        """Articles, newest id first, with their ``text`` when asked; a ``snippet`` when searching.

        ``sort`` is id or published, "-" first for descending; ``after`` (the last id seen)
        pages an id order, ``offset`` any order; ``count`` sets the page's ``total``.
        """
        check_limit(limit)
        check_offset(offset)
        order = sort_order(sort, {"id": articles.c.id, "published": articles.c.published}, articles.c.id)
        details = select(*read.ARTICLE_LIST_COLUMNS)
        if text:
            details = details.add_columns(articles.c.text)
        page_of: ColumnElement[int] = articles.c.id
        with self._reading() as conn:
            ids = _article_ids(conn, self.dialect, search=search, outlet=outlet, since=since, until=until)
            if search is not None and search.strip():
                found = search_match(self.dialect, search)
                if found is None:
                    return Page(total=0 if count else None)
                details = details.add_columns(found.snippet.label("snippet"))
                details = details.select_from(found.source).where(found.condition)
                page_of = found.rowid
            total = _count(conn, ids) if count else None
            ids = _after(ids, after, sort, articles.c.id)
            page = list(conn.scalars(ids.order_by(*order).limit(limit).offset(offset)))
            rows = _in_order(conn, details, page_of, page)
            # The text is not a field of the output schema, so it is handed over by name.
            summaries = (
                read.from_row(ArticleSummary, r, **({"text": r["text"]} if text else {})) for r in rows
            )
            return Page(summaries, total=total)

    def article(self, id: int) -> StoredArticle:
        """One article with its text, actors (with mention spans), quotes and events."""
        with self._reading() as conn:
            row = conn.execute(select(articles).where(articles.c.id == id)).mappings().first()
            if row is None:
                raise StoreError(f"article {id}: no such article")
            found_actors = read.group_actors(conn.execute(read.article_actors(id)).mappings())
            quote_rows = conn.execute(
                read.quote_select().where(quotes.c.article_id == id).order_by(quotes.c.id)
            )
            found_quotes = [read.stored_quote(r) for r in quote_rows.mappings()]
            event_rows = conn.execute(
                read.event_select().where(events.c.article_id == id).order_by(events.c.id)
            )
            found_events = [read.stored_event(r) for r in event_rows.mappings()]
        return read.from_row(
            StoredArticle,
            row,
            actors=tuple(found_actors),
            quotes=tuple(found_quotes),
            events=tuple(found_events),
        )

    def resolve_actor(self, key: str, *, exact: bool = False) -> ActorMatch:
        """The actors ``key`` names, as every actor filter resolves it (see ``parley.store.actors``)."""
        with self._reading() as conn:
            return resolve(conn, key, exact=exact)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        country: str | None = None,
        exact: bool = False,
        search: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: int | None = None,
        limit: int = 50,
        after: int | None = None,
        offset: int = 0,
        sort: str = "-id",
        count: bool = False,
    ) -> Page[QuoteRow]:
        """Quotes, newest id first.

        ``speaker`` is resolved like every actor filter (name, surname, alias, code or
        country); ``country`` is the speaker's country, its side as a whole unless
        ``exact``; ``search`` finds a piece of text in the quote, in any case;
        ``since``/``until`` compare the article's publication date. ``sort`` is id or
        published; paging and ``count`` as in ``articles``.
        """
        check_limit(limit)
        check_offset(offset)
        order = sort_order(sort, {"id": quotes.c.id, "published": articles.c.published}, quotes.c.id)
        with self._reading() as conn:
            ids, matched = _quote_ids(
                conn,
                QuoteFilters(speaker, country, exact, search, outlet, since, until, article_id),
                join_articles=sort.strip().lstrip("-") == "published",
            )
            total = _count(conn, ids) if count else None
            ids = _after(ids, after, sort, quotes.c.id)
            page = list(conn.scalars(ids.order_by(*order).limit(limit).offset(offset)))
            rows = _in_order(conn, read.quote_select(), quotes.c.id, page)
            return Page((read.quote_row(r) for r in rows), total=total, matched=matched)

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
        exact: bool = False,
        type: str | None = None,
        cameo: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        asserted_only: bool = False,
        undated: bool = False,
        article_id: int | None = None,
        search: str | None = None,
        limit: int = 50,
        after: int | None = None,
        offset: int = 0,
        sort: str = "-id",
        count: bool = False,
    ) -> Page[EventRow]:
        """Events, newest id first.

        ``source``, ``target`` and ``actor`` (either side) are resolved like every actor
        filter: a country stands for its side as a whole unless ``exact``. ``type`` is a
        PLOVER type (old names too); ``cameo`` a code prefix ("13": every threat);
        ``since``/``until`` compare the event's date, else its article's publication date;
        ``asserted_only`` leaves out negated, hypothetical and reported events; ``undated``
        keeps only events with neither a date nor a publication date; ``search`` finds a
        piece of text in the event's sentence, in any case. Unknown
        values are a QueryError. ``sort`` is id or date; paging and ``count`` as in
        ``articles``; the page's ``matched`` says which actors each actor filter matched.
        """
        check_limit(limit)
        check_offset(offset)
        order = sort_order(sort, {"id": events.c.id, "date": events.c.day}, events.c.id)
        with self._reading() as conn:
            chosen = _event_ids(
                conn,
                EventFilters(
                    source,
                    target,
                    actor,
                    exact,
                    type,
                    cameo,
                    since,
                    until,
                    outlet,
                    asserted_only,
                    undated,
                    article_id,
                ),
            )
            total = _count(conn, chosen.ids()) if count else None
            if chosen.side is not None and sort.strip() in ("id", "-id"):
                others = _after(chosen.others, after, sort, events.c.id)
                query = _page_per_actor(others, chosen.side, sort.strip() == "-id", limit, offset)
            else:
                ids = _after(chosen.ids(), after, sort, events.c.id)
                query = ids.order_by(*order).limit(limit).offset(offset)
            page = list(conn.scalars(query))
            rows = _in_order(conn, read.event_select(), events.c.id, page)
            return Page((read.event_row(r) for r in rows), total=total, matched=chosen.matched)

    def facets(self, kind: str, **filters: Any) -> dict[str, list[tuple[str, int]]]:
        """How the rows a list's filters select spread over a few facets, most frequent first.

        ``kind`` is events (facets type, country of the source, outlet and month), quotes
        (country of the speaker, outlet, month), articles (outlet, month) or actors
        (country, role); ``filters``
        are those of the list method, without its paging.
        """
        n = func.count().label("n")
        with self._reading() as conn:
            joined: FromClause
            if kind == "events":
                chosen = events.c.id.in_(_event_ids(conn, EventFilters(**filters)).ids().scalar_subquery())
                joined = events.join(articles, articles.c.id == events.c.article_id).outerjoin(
                    actors, actors.c.id == events.c.source_actor_id
                )
                by = {"type": events.c.plover_type, "country": actors.c.country, "outlet": articles.c.outlet}
                day: ColumnElement[Any] | None = events.c.day
            elif kind == "quotes":
                ids, _ = _quote_ids(conn, QuoteFilters(**filters))
                chosen = quotes.c.id.in_(ids.scalar_subquery())
                joined = quotes.join(articles, articles.c.id == quotes.c.article_id).outerjoin(
                    actors, actors.c.id == quotes.c.speaker_actor_id
                )
                by = {"country": actors.c.country, "outlet": articles.c.outlet}
                day = articles.c.published
            elif kind == "actors":
                ids = _actor_ids(conn, **filters)
                chosen = actors.c.id.in_(ids.scalar_subquery())
                joined = actors
                by = {"country": actors.c.country, "role": actors.c.role}
                day = None
            elif kind == "articles":
                ids = _article_ids(conn, self.dialect, **filters)
                chosen = articles.c.id.in_(ids.scalar_subquery())
                joined = articles
                by = {"outlet": articles.c.outlet}
                day = articles.c.published
            else:
                raise QueryError(f"facets of {kind!r}: use events, quotes, articles or actors")
            out: dict[str, list[tuple[str, int]]] = {}
            for name, column in by.items():
                query = (
                    select(column, n)
                    .select_from(joined)
                    .where(chosen, column.is_not(None))
                    .group_by(column)
                    .order_by(n.desc(), column)
                    .limit(FACET_VALUES)
                )
                out[name] = [(str(value), int(count)) for value, count in conn.execute(query)]
            if day is not None:
                months: dict[str, int] = {}
                per_day = select(day, n).select_from(joined).where(chosen, day.is_not(None)).group_by(day)
                for value, count in conn.execute(per_day):
                    month = as_date(value).isoformat()[:7]
                    months[month] = months.get(month, 0) + int(count)
                out["month"] = sorted(months.items())
        return out

    def actors(
        self,
        *,
        country: str | None = None,
        role: str | None = None,
        search: str | None = None,
        limit: int = 50,
        after: int | None = None,
        offset: int = 0,
        sort: str = "-activity",
        count: bool = False,
    ) -> Page[ActorSummary]:
        """Actors, most active first (mentions + quotes + events); ``after`` is the last actor id seen.

        ``country`` is a code or name (every actor of the country, not only its side);
        ``search`` finds a part of the name, in any case. ``sort`` is activity or name.
        """
        check_limit(limit)
        check_offset(offset)
        order = sort_order(sort, {"activity": actors.c.activity, "name": actors.c.name_key}, actors.c.id)
        with self._reading() as conn:
            query = select(*read.ACTOR_COLUMNS).where(
                actors.c.id.in_(_actor_ids(conn, country=country, role=role, search=search).scalar_subquery())
            )
            total = _count(conn, query) if count else None
            if after is not None:
                if sort.strip() != "-activity":
                    raise QueryError(
                        f"after: pages only the default sort -activity, not {sort!r}; use offset"
                    )
                activity = conn.scalar(select(actors.c.activity).where(actors.c.id == after))
                if activity is None:
                    raise StoreError(f"after must be the id of an actor; there is no actor {after}")
                query = query.where(
                    or_(
                        actors.c.activity < activity,
                        and_(actors.c.activity == activity, actors.c.id < after),
                    )
                )
            query = query.order_by(*order).limit(limit).offset(offset)
            return Page((read.from_row(ActorSummary, r) for r in conn.execute(query).mappings()), total=total)

    def actor(self, key: str | int, *, exact: bool = False) -> ActorDetail:
        """An actor, or a country's side as a whole, with its latest quotes and events.

        ``key`` is resolved like every actor filter; a country stands for its side (the
        counts and records of all its ``members``) unless ``exact``. Other keys give the
        most active actor they match.
        """
        latest_events = (events.c.day.desc().nulls_last(), events.c.id.desc())
        with self._reading() as conn:
            try:
                match = resolve(conn, str(key), exact=exact)
            except QueryError as exc:
                raise StoreError(f"actor {key!r}: no such actor") from exc
            if not match.ids:
                raise StoreError(f"actor {key!r}: no such actor")
            ids = match.ids if match.country is not None else match.ids[:1]
            rows = list(
                conn.execute(
                    select(*read.ACTOR_COLUMNS)
                    .where(actors.c.id.in_(ids))
                    .order_by(actors.c.activity.desc(), actors.c.id)
                ).mappings()
            )
            head = next((r for r in rows if r["role"] is None and match.country), rows[0])
            members = tuple(read.from_row(ActorSummary, r) for r in rows)
            said = (
                read.quote_select()
                .where(quotes.c.speaker_actor_id.in_(ids))
                .order_by(articles.c.published.desc().nulls_last(), quotes.c.id.desc())
                .limit(ACTOR_RECORDS)
            )
            found_quotes = tuple(read.quote_row(r) for r in conn.execute(said).mappings())
            as_source, as_target = (
                tuple(
                    read.event_row(r)
                    for r in conn.execute(
                        read.event_select()
                        .where(column.in_(ids))
                        .order_by(*latest_events)
                        .limit(ACTOR_RECORDS)
                    ).mappings()
                )
                for column in (events.c.source_actor_id, events.c.target_actor_id)
            )
        counts: dict[str, int] = {}
        if match.side:
            for counter in ("n_mentions", "n_quotes", "n_events_source", "n_events_target"):
                counts[counter] = sum(getattr(m, counter) for m in members)
        return read.from_row(
            ActorDetail,
            head,
            **counts,
            quotes=found_quotes,
            events_as_source=as_source,
            events_as_target=as_target,
            side=match.side,
            members=members,
        )

    def dyad(
        self,
        a: str,
        b: str,
        *,
        bucket: str = "week",
        exact: bool = False,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Page[DyadPeriod]:
        """Events between two actors, either way, per period.

        ``a``/``b`` are resolved like every actor filter. Each period counts cooperation
        (quad classes 1-2), conflict (3-4), and the events each way; ``since``/``until``
        bound the event's date. Undated events cannot fall in a period: the page's
        ``undated`` counts them.
        """
        check_bucket(bucket)
        check_dates(since, until)
        counts: dict[dt.date, Counter[str]] = {}
        with self._reading() as conn:
            first, second = resolve(conn, a, exact=exact), resolve(conn, b, exact=exact)
            pairs = (("a_to_b", first.ids, second.ids), ("b_to_a", second.ids, first.ids))
            for direction, sources, targets in pairs:
                per_day = (
                    select(events.c.day, events.c.quad_class, func.count().label("n"))
                    .where(
                        _among((events.c.source_actor_id,), sources),
                        _among((events.c.target_actor_id,), targets),
                        events.c.day.is_not(None),
                    )
                    .group_by(events.c.day, events.c.quad_class)
                )
                if since:
                    per_day = per_day.where(events.c.day >= since)
                if until:
                    per_day = per_day.where(events.c.day <= until)
                for start, quad, n in conn.execute(by_period(per_day, self.dialect, bucket)):
                    period = counts.setdefault(as_date(start), Counter())
                    period[direction] += int(n)
                    if quad in (1, 2):
                        period["cooperation"] += int(n)
                    elif quad in (3, 4):
                        period["conflict"] += int(n)
            either_way = or_(
                and_(
                    _among((events.c.source_actor_id,), first.ids),
                    _among((events.c.target_actor_id,), second.ids),
                ),
                and_(
                    _among((events.c.source_actor_id,), second.ids),
                    _among((events.c.target_actor_id,), first.ids),
                ),
            )
            undated = conn.scalar(
                select(func.count()).select_from(events).where(events.c.day.is_(None), either_way)
            )
        rows = (
            DyadPeriod(
                period=day,
                cooperation=c["cooperation"],
                conflict=c["conflict"],
                a_to_b=c["a_to_b"],
                b_to_a=c["b_to_a"],
            )
            for day, c in sorted(counts.items())
        )
        return Page(rows, matched=[first, second], undated=int(undated or 0))

    def timeline(self, actor: str, *, bucket: str = "week", exact: bool = False) -> list[TimelinePeriod]:
        """An actor's activity per period: the events it is source or target of, its quotes,
        and its events per PLOVER type (a key per type it has, 0 in periods without).

        ``actor`` is resolved like every actor filter."""
        check_bucket(bucket)
        with self._reading() as conn:
            ids = resolve(conn, actor, exact=exact).ids
        per_day = select(events.c.day, events.c.plover_type, func.count().label("n")).group_by(
            events.c.day, events.c.plover_type
        )
        # Source and target side separately, each served by its own covering index; an
        # event with the actor on both sides is counted once, on the source side.
        as_source = per_day.where(events.c.source_actor_id.in_(ids), events.c.day.is_not(None))
        as_target = per_day.where(
            events.c.target_actor_id.in_(ids),
            or_(events.c.source_actor_id.is_(None), events.c.source_actor_id.not_in(ids)),
            events.c.day.is_not(None),
        )
        said = (
            select(articles.c.published.label("day"), func.count().label("n"))
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
            .where(quotes.c.speaker_actor_id.in_(ids), articles.c.published.is_not(None))
            .group_by(articles.c.published)
        )
        with self._reading() as conn:
            event_rows = [
                (as_date(start), plover_type, int(n))
                for query in (as_source, as_target)
                for start, plover_type, n in conn.execute(by_period(query, self.dialect, bucket))
            ]
            quote_rows = [
                (as_date(start), int(n)) for start, n in conn.execute(by_period(said, self.dialect, bucket))
            ]
        types = sorted({t for _, t, _ in event_rows if t})
        n_events: Counter[dt.date] = Counter()
        n_quotes: Counter[dt.date] = Counter()
        per_type: dict[dt.date, dict[str, int]] = {}
        for day, plover_type, n in event_rows:
            n_events[day] += n
            by_type = per_type.setdefault(day, dict.fromkeys(types, 0))
            if plover_type:
                by_type[plover_type] += n
        for day, n in quote_rows:
            n_quotes[day] += n
        return [
            TimelinePeriod(
                period=day,
                events=n_events[day],
                quotes=n_quotes[day],
                types=per_type.get(day) or dict.fromkeys(types, 0),
            )
            for day in sorted({*n_events, *n_quotes})
        ]

    def event_type_counts(self, *, bucket: str = "week") -> list[TypeCount]:
        """Events per period and PLOVER type, for the home page chart."""
        check_bucket(bucket)
        # Counted on write, per week and per day, so the chart costs the same at any size;
        # the weeks (the home page's bucket) are read as they are.
        if bucket == "week":
            query = select(event_weeks.c.week, event_weeks.c.plover_type, event_weeks.c.n)
        else:
            per_day = select(event_days.c.day, event_days.c.plover_type.label("type"), event_days.c.n)
            query = by_period(per_day, self.dialect, bucket)
        with self._reading() as conn:
            counts = [
                TypeCount(as_date(start), plover_type, int(n))
                for start, plover_type, n in conn.execute(query)
            ]
        return sorted(counts, key=lambda c: (c.period, c.type))

    def stats(self) -> Stats:
        """How much the store holds: counts of every record, the span of publication dates,
        the undated events, the failures by reason and each feed's health (see ``Stats``)."""
        with self._reading() as conn:
            # The counts are kept on write (``tallies``), so they cost the same at any size.
            kept = dict(conn.execute(select(tallies.c.name, tallies.c.n)).tuples().all())
            n = {name: int(kept.get(name, 0)) for name in TALLIED}
            # Two queries: SQLite reads a lone min() or max() from the index's ends, but
            # scans the whole index for both in one query.
            first = conn.scalar(select(func.min(articles.c.published)))
            last = conn.scalar(select(func.max(articles.c.published)))
            undated = conn.scalar(select(func.count()).select_from(events).where(events.c.day.is_(None)))
            count = func.count().label("n")
            by_reason = (
                select(failures.c.reason, count)
                .group_by(failures.c.reason)
                .order_by(count.desc(), failures.c.reason)
                .limit(FACET_VALUES)
            )
            reasons = {r.reason: int(r.n) for r in conn.execute(by_reason)}
            from_feed = select(func.count()).where(articles.c.source == feeds.c.url).scalar_subquery()
            failed = select(func.count()).where(failures.c.origin == feeds.c.url).scalar_subquery()
            feed_rows = select(
                feeds.c.url, feeds.c.checked_at, from_feed.label("articles"), failed.label("failures")
            ).order_by(feeds.c.url)
            health = tuple(read.from_row(FeedHealth, r) for r in conn.execute(feed_rows).mappings())
        return Stats(
            **n,
            first_published=None if first is None else as_date(first),
            last_published=None if last is None else as_date(last),
            undated_events=int(undated or 0),
            failures_by_reason=reasons,
            feeds=health,
        )

    # --- positions, shifts and processes -------------------------------------------

    def positions(
        self,
        *,
        actor: str | None = None,
        issue: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: int | None = None,
        limit: int = 50,
        after: int | None = None,
    ) -> Page[StoredPosition]:
        """Positions, newest id first. ``actor`` is resolved like every actor filter (a country's
        side, a code, a name or an alias);
        ``since``/``until`` compare the position's date, else its article's publication date."""
        check_limit(limit)
        ids = select(positions.c.id)
        if issue:
            ids = ids.where(positions.c.issue == check_issue(issue))
        if since:
            ids = ids.where(positions.c.day >= since)
        if until:
            ids = ids.where(positions.c.day <= until)
        if article_id is not None:
            ids = ids.where(positions.c.article_id == article_id)
        if after is not None:
            ids = ids.where(positions.c.id < after)
        ids = ids.order_by(positions.c.id.desc()).limit(limit)
        with self._reading() as conn:
            matched = [resolve(conn, actor)] if actor else []
            for match in matched:
                ids = ids.where(positions.c.actor_id.in_(match.ids))
            page = list(conn.scalars(ids))
            query = position_select().where(positions.c.id.in_(page)).order_by(positions.c.id.desc())
            rows = conn.execute(query).mappings() if page else ()
            return Page((position_row(r) for r in rows), matched=matched)

    def shifts(
        self,
        *,
        actor: str | None = None,
        issue: str | None = None,
        kind: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        after: int | None = None,
    ) -> Page[ShiftRow]:
        """Shifts (within and across articles), newest id first; filters as ``positions()``."""
        check_limit(limit)
        ids = select(shifts.c.id)
        if issue:
            ids = ids.where(shifts.c.issue == check_issue(issue))
        if kind:
            if kind not in SHIFT_KINDS:
                raise QueryError(f"kind must be one of {', '.join(SHIFT_KINDS)}, not {kind!r}")
            ids = ids.where(shifts.c.kind == kind)
        if since:
            ids = ids.where(shifts.c.day >= since)
        if until:
            ids = ids.where(shifts.c.day <= until)
        if after is not None:
            ids = ids.where(shifts.c.id < after)
        ids = ids.order_by(shifts.c.id.desc()).limit(limit)
        with self._reading() as conn:
            matched = [resolve(conn, actor)] if actor else []
            for match in matched:
                ids = ids.where(shifts.c.actor_id.in_(match.ids))
            page = list(conn.scalars(ids))
            query = shift_select().where(shifts.c.id.in_(page)).order_by(shifts.c.id.desc())
            rows = conn.execute(query).mappings() if page else ()
            return Page((shift_row(r) for r in rows), matched=matched)

    def processes(self, limit: int = 20) -> list[ProcessSummary]:
        """Pairs of parties with negotiation events between them (offers, demands, rejections,
        threats, talks, ceasefires), the busiest first: ``{"id": "RUS-UKR", "parties", "events"}``.
        Counted from every event once, then again only when the number of events changes."""
        with self._reading() as conn:
            version = int(conn.scalar(select(tallies.c.n).where(tallies.c.name == "events")) or 0)
            cached = self._processes.get(limit)
            if cached is not None and cached[0] == version:
                return list(cached[1])
            found = find_processes(conn, limit)
        self._processes[limit] = (version, found)
        return list(found)

    def process(self, a: str, b: str, *, mediators: Sequence[str] = ()) -> Process:
        """The process between two parties: mediators, timeline, positions, matrix and shifts.

        ``a``/``b`` (and ``mediators``, added to those found in the data) are country
        codes, actor codes, names or aliases; StoreError names one that matches no actor.
        """
        with self._reading() as conn:
            return find_process(conn, a, b, mediators)

    def rebuild_positions(self, options: PositionOptions | None = None) -> tuple[int, int]:
        """Derive every article's positions and shifts again from the stored events and quotes
        (after a lexicon change), in one transaction; returns (positions, shifts) stored."""
        with self._writing() as conn:
            return rebuild_positions(conn, options)

    def failures(self, limit: int = 50) -> list[Failure]:
        """The latest inputs that could not be ingested: origin, reason and when."""
        query = select(failures).order_by(failures.c.id.desc()).limit(check_limit(limit))
        with self._reading() as conn:
            return [read.from_row(Failure, r) for r in conn.execute(query).mappings()]


@dataclass(frozen=True, slots=True)
class EventFilters:
    """The filters of ``Store.events``, as it documents them."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    exact: bool = False
    type: str | None = None
    cameo: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    asserted_only: bool = False
    undated: bool = False
    article_id: int | None = None
    search: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """The filters of ``Store.quotes``, as it documents them."""

    speaker: str | None = None
    country: str | None = None
    exact: bool = False
    search: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article_id: int | None = None


def _among(columns: Sequence[ColumnElement[Any]], ids: Sequence[int]) -> ColumnElement[bool]:
    """Any of ``columns`` holds one of ``ids``; plainly false for no ids, which a database can
    answer without reading a row (an empty IN is evaluated row by row)."""
    if not ids:
        return false()
    return or_(*(column.in_(ids) for column in columns))


# One actor filter: the columns it looks in (both for either side) and the actors it matched.
Side = tuple[tuple[ColumnElement[Any], ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class EventSelection:
    """The events a set of filters selects: ``others`` applies every filter but the actor
    filter kept apart as ``side`` (None when there is none to keep apart), and ``matched``
    says what each actor filter matched."""

    others: Select[Any]
    side: Side | None
    matched: list[ActorMatch]

    def ids(self) -> Select[Any]:
        """The ids of every selected event, in no order."""
        return self.others if self.side is None else self.others.where(_among(*self.side))


def _event_ids(conn: Connection, f: EventFilters) -> EventSelection:
    """The events ``f`` selects, with the actor filter of fewest (column, actor) pairs kept apart
    when it has at most PAGE_PAIRS of them, so that a page can be read per pair."""
    check_dates(f.since, f.until)
    ids = select(events.c.id)
    matched: list[ActorMatch] = []
    sides: list[Side] = []
    for key, columns in (
        (f.source, (events.c.source_actor_id,)),
        (f.target, (events.c.target_actor_id,)),
        (f.actor, (events.c.source_actor_id, events.c.target_actor_id)),
    ):
        if key:
            match = resolve(conn, key, exact=f.exact)
            matched.append(match)
            sides.append((columns, match.ids))
    pairs = [len(columns) * len(actor_ids) for columns, actor_ids in sides]
    apart = None
    # A filter that matched no actor selects nothing, which the plain condition says at once.
    if sides and 0 < min(pairs) <= PAGE_PAIRS:
        apart = sides.pop(pairs.index(min(pairs)))
    for side in sides:
        ids = ids.where(_among(*side))
    if f.type:
        ids = ids.where(events.c.plover_type == check_type(f.type))
    if f.cameo and f.cameo.strip():
        ids = ids.where(read.prefix_range(events.c.cameo, check_cameo(f.cameo)))
    if f.since:
        ids = ids.where(events.c.day >= f.since)
    if f.until:
        ids = ids.where(events.c.day <= f.until)
    if f.outlet:
        from_outlet = select(articles.c.id).where(articles.c.outlet == check_outlet(conn, f.outlet))
        ids = ids.where(events.c.article_id.in_(from_outlet))
    if f.asserted_only:
        ids = ids.where(
            events.c.negated.is_(False), events.c.hypothetical.is_(False), events.c.reported.is_(False)
        )
    if f.undated:
        ids = ids.where(events.c.day.is_(None))
    if f.article_id is not None:
        ids = ids.where(events.c.article_id == f.article_id)
    if f.search is not None and f.search.strip():
        # No index holds sentences: this reads every event the other filters leave.
        sentence = read.article_text(events.c.sentence_start, events.c.sentence_end)
        ids = ids.select_from(events.join(articles, articles.c.id == events.c.article_id)).where(
            sentence.ilike(read.like_pattern(f.search.strip()), escape="\\")
        )
    return EventSelection(ids, apart, matched)


def _page_per_actor(
    others: Select[Any], side: Side, descending: bool, limit: int, offset: int
) -> Select[Any]:
    """The ids of a page in id order, of the events ``others`` selects whose ``side`` columns hold
    one of its actors.

    An index on (actor, id) gives one actor's events in id order, but not those of several
    actors or of either side: ORed IN lists make a database read and sort every matching
    event to return a page (a country's side at 10^6 events: 10^5 rows). The page is among
    the first ``offset + limit`` ids of each (column, actor) pair, which the index gives
    without a sort, so only those are sorted; the UNION drops an event found on both sides.
    """
    columns, actor_ids = side
    key = events.c.id.desc() if descending else events.c.id.asc()
    pairs = [others.where(column == actor_id).order_by(key) for column in columns for actor_id in actor_ids]
    if len(pairs) == 1:
        return pairs[0].limit(limit).offset(offset)
    # Each pair in a subquery: a compound SELECT's own arms cannot be ordered or limited.
    merged = union(*(select(p.limit(offset + limit).subquery().c.id) for p in pairs)).subquery()
    in_order = merged.c.id.desc() if descending else merged.c.id.asc()
    return select(merged.c.id).order_by(in_order).limit(limit).offset(offset)


def _quote_ids(
    conn: Connection, f: QuoteFilters, *, join_articles: bool = False
) -> tuple[Select[Any], list[ActorMatch]]:
    """The ids of the quotes ``f`` selects, and what each actor filter matched."""
    check_dates(f.since, f.until)
    ids = select(quotes.c.id)
    matched: list[ActorMatch] = []
    if f.speaker:
        match = resolve(conn, f.speaker, exact=f.exact)
        matched.append(match)
        ids = ids.where(_among((quotes.c.speaker_actor_id,), match.ids))
    if f.country:
        match = resolve(conn, check_country(f.country, conn), exact=f.exact)
        matched.append(match)
        ids = ids.where(_among((quotes.c.speaker_actor_id,), match.ids))
    if f.search is not None and f.search.strip():
        ids = ids.where(quote_contains(conn.dialect.name, f.search.strip()))
    if f.since or f.until or f.outlet or join_articles:
        ids = ids.select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
    if f.outlet:
        ids = ids.where(articles.c.outlet == check_outlet(conn, f.outlet))
    if f.since:
        ids = ids.where(articles.c.published >= f.since)
    if f.until:
        ids = ids.where(articles.c.published <= f.until)
    if f.article_id is not None:
        ids = ids.where(quotes.c.article_id == f.article_id)
    return ids, matched


def _actor_ids(
    conn: Connection, *, country: str | None = None, role: str | None = None, search: str | None = None
) -> Select[Any]:
    """The ids of the actors the filters of ``Store.actors`` select."""
    ids = select(actors.c.id)
    if country:
        ids = ids.where(actors.c.country == check_country(country, conn))
    if role:
        ids = ids.where(actors.c.role == role.strip().upper())
    if search is not None and search.strip():
        pattern = read.like_pattern(search.strip().casefold())
        ids = ids.where(actors.c.name_key.like(pattern, escape="\\"))
    return ids


def _article_ids(
    conn: Connection,
    dialect: str,
    *,
    search: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Select[Any]:
    """The ids of the articles the filters of ``Store.articles`` select."""
    check_dates(since, until)
    ids = select(articles.c.id)
    if search is not None and search.strip():
        found = search_match(dialect, search)
        # Nothing can match a search without a word: select no row.
        if found is None:
            return ids.where(articles.c.id.is_(None))
        ids = ids.select_from(found.source).where(found.condition)
    if outlet:
        ids = ids.where(articles.c.outlet == check_outlet(conn, outlet))
    if since:
        ids = ids.where(articles.c.published >= since)
    if until:
        ids = ids.where(articles.c.published <= until)
    return ids


def _count(conn: Connection, ids: Select[Any]) -> int:
    """How many rows a filtered query selects, before paging."""
    return int(conn.scalar(select(func.count()).select_from(ids.subquery())) or 0)


def _after(ids: Select[Any], after: int | None, sort: str, id_column: ColumnElement[int]) -> Select[Any]:
    """``ids`` past the keyset cursor ``after``, which pages an id order only."""
    if after is None:
        return ids
    key = sort.strip()
    if key == "-id":
        return ids.where(id_column < after)
    if key == "id":
        return ids.where(id_column > after)
    raise QueryError(f"after: pages the sorts id and -id, not {sort!r}; use offset")


def _in_order(
    conn: Connection, details: Select[Any], id_column: ColumnElement[int], page: list[int]
) -> list[RowMapping]:
    """The rows of ``details`` for the ids of a page, in the page's order."""
    if not page:
        return []
    rows = {r["id"]: r for r in conn.execute(details.where(id_column.in_(page))).mappings()}
    return [rows[i] for i in page if i in rows]


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)


def _refused(article: Article, exc: DBAPIError) -> StoreError:
    name = article.origin or article.url or article.title or "article"
    return StoreError(f"{name}: the database refused the article: {_reason(exc)}")


def check_issue(issue: str) -> str:
    """``issue`` if it is one of ISSUES, else QueryError listing them."""
    if issue not in ISSUES:
        raise QueryError(f"issue must be one of {', '.join(ISSUES)}, not {issue!r}")
    return issue
