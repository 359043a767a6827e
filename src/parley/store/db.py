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
from types import TracebackType
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping, Select, and_, case, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from parley.errors import StoreError
from parley.ontology.plover import canonical_type
from parley.records import (
    ActorDetail,
    ActorSummary,
    Analysis,
    Article,
    ArticleSummary,
    DyadPeriod,
    EventRow,
    Failure,
    QuoteRow,
    Stats,
    StoredArticle,
    TimelinePeriod,
    TypeCount,
)
from parley.store import migrations, read
from parley.store.engine import WRITE_OPTION, is_memory, make_engine, parse_url
from parley.store.periods import as_date, by_period, check_bucket
from parley.store.schema import (
    actors,
    articles,
    events,
    failures,
    feeds,
    mentions,
    quotes,
    sources_done,
)
from parley.store.search import match as search_match
from parley.store.write import ActorIds, ActorKey, existing_id, now, text_sha256, upsert_insert, write_article

# Articles per transaction in add_articles: large enough to amortise the commit,
# small enough that a failed batch costs little to retry one by one.
BATCH_SIZE = 200
# How many of an actor's quotes and events actor() returns.
ACTOR_RECORDS = 50
_FINGERPRINT_BATCH = 1000


class Store:
    """Parley's database: ``Store("sqlite:///parley.db")``, ``Store("sqlite://")`` or a PostgreSQL URL.

    Opening applies any pending migrations. Use it as a context manager, or call
    ``close()``. It implements ``parley.sources.document.FeedCache``.
    """

    def __init__(self, url: str) -> None:
        parsed = parse_url(url)
        self.url = parsed.render_as_string(hide_password=True)
        self._engine = make_engine(url)
        self.dialect: str = self._engine.dialect.name
        # An in-memory SQLite database is one connection shared by all threads, so
        # its transactions must not interleave; file and server databases need no lock.
        memory = self.dialect == "sqlite" and is_memory(parsed)
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if memory else contextlib.nullcontext()
        )
        self._actor_ids: dict[ActorKey, tuple[int, bool]] = {}
        try:
            with self._reading() as conn:
                todo = migrations.pending(conn)
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
        with self._transaction() as conn:
            ids = [
                write_article(conn, art, analysis, duplicate_of=dup, source=source, actor_ids=actor_ids)
                for art, analysis, dup in batch
            ]
        actor_ids.commit()
        return ids

    def record_failure(self, origin: str, reason: str) -> None:
        """Log an input that could not be ingested, for ``failures()`` and ``stats()``."""
        with self._writing() as conn:
            conn.execute(failures.insert().values(origin=origin, reason=reason, at=now()))

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
            conn.execute(
                upsert_insert(conn, sources_done).values(origin=origin, at=now()).on_conflict_do_nothing()
            )

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
    ) -> list[ArticleSummary]:
        """Articles, newest id first, without their text; with a ``snippet`` when searching."""
        limit = read.check_limit(limit)
        ids = select(articles.c.id)
        details = select(*read.ARTICLE_LIST_COLUMNS)
        page_of: ColumnElement[int] = articles.c.id
        if search is not None and search.strip():
            found = search_match(self.dialect, search)
            if found is None:
                return []
            ids = ids.select_from(found.source).where(found.condition)
            details = details.add_columns(found.snippet.label("snippet"))
            details = details.select_from(found.source).where(found.condition)
            page_of = found.rowid
        if outlet:
            ids = ids.where(articles.c.outlet == outlet)
        if since:
            ids = ids.where(articles.c.published >= since)
        if until:
            ids = ids.where(articles.c.published <= until)
        if after is not None:
            ids = ids.where(articles.c.id < after)
        ids = ids.order_by(articles.c.id.desc()).limit(limit)
        with self._reading() as conn:
            page = list(conn.scalars(ids))
            if not page:
                return []
            rows = conn.execute(details.where(page_of.in_(page)).order_by(articles.c.id.desc()))
            return [read.from_row(ArticleSummary, r) for r in rows.mappings()]

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

    def quotes(
        self,
        *,
        speaker: str | None = None,
        country: str | None = None,
        search: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: int | None = None,
        limit: int = 50,
        after: int | None = None,
    ) -> list[QuoteRow]:
        """Quotes, newest id first.

        ``speaker`` is a country code, actor code or name; ``country`` the speaker's
        country; ``search`` finds a piece of text in the quote, in any case;
        ``since``/``until`` compare the article's publication date.
        """
        limit = read.check_limit(limit)
        ids = select(quotes.c.id)
        if speaker:
            ids = ids.where(quotes.c.speaker_actor_id.in_(read.actor_ids(speaker)))
        if country:
            by_country = select(actors.c.id).where(actors.c.country == country.strip().upper())
            ids = ids.where(quotes.c.speaker_actor_id.in_(by_country))
        if search is not None and search.strip():
            ids = ids.where(quotes.c.text.ilike(read.like_pattern(search.strip()), escape="\\"))
        if since or until:
            ids = ids.select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
            if since:
                ids = ids.where(articles.c.published >= since)
            if until:
                ids = ids.where(articles.c.published <= until)
        if article_id is not None:
            ids = ids.where(quotes.c.article_id == article_id)
        if after is not None:
            ids = ids.where(quotes.c.id < after)
        ids = ids.order_by(quotes.c.id.desc()).limit(limit)
        with self._reading() as conn:
            return [read.quote_row(r) for r in _page(conn, ids, read.quote_select(), quotes.c.id)]

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        cameo: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: int | None = None,
        limit: int = 50,
        after: int | None = None,
    ) -> list[EventRow]:
        """Events, newest id first.

        ``source``/``target`` are an ISO3 country code, a CAMEO-style actor code or an
        actor name; ``type`` a PLOVER type (old names too); ``cameo`` a code prefix
        ("13": every threat); ``since``/``until`` compare the event's date, else its
        article's publication date.
        """
        limit = read.check_limit(limit)
        ids = select(events.c.id)
        if source:
            ids = ids.where(events.c.source_actor_id.in_(read.actor_ids(source)))
        if target:
            ids = ids.where(events.c.target_actor_id.in_(read.actor_ids(target)))
        if type:
            ids = ids.where(events.c.plover_type == canonical_type(type))
        if cameo and cameo.strip():
            ids = ids.where(read.prefix_range(events.c.cameo, cameo.strip()))
        if since:
            ids = ids.where(events.c.day >= since)
        if until:
            ids = ids.where(events.c.day <= until)
        if article_id is not None:
            ids = ids.where(events.c.article_id == article_id)
        if after is not None:
            ids = ids.where(events.c.id < after)
        ids = ids.order_by(events.c.id.desc()).limit(limit)
        with self._reading() as conn:
            return [read.event_row(r) for r in _page(conn, ids, read.event_select(), events.c.id)]

    def actors(
        self,
        *,
        country: str | None = None,
        role: str | None = None,
        search: str | None = None,
        limit: int = 50,
        after: int | None = None,
    ) -> list[ActorSummary]:
        """Actors, most active first (mentions + quotes + events); ``after`` is the last actor id seen.

        ``search`` finds a part of the name, in any case.
        """
        limit = read.check_limit(limit)
        query = select(*read.ACTOR_COLUMNS)
        if country:
            query = query.where(actors.c.country == country.strip().upper())
        if role:
            query = query.where(actors.c.role == role.strip().upper())
        if search is not None and search.strip():
            pattern = read.like_pattern(search.strip().casefold())
            query = query.where(actors.c.name_key.like(pattern, escape="\\"))
        with self._reading() as conn:
            if after is not None:
                activity = conn.scalar(select(actors.c.activity).where(actors.c.id == after))
                if activity is None:
                    raise StoreError(f"after must be the id of an actor; there is no actor {after}")
                query = query.where(
                    or_(
                        actors.c.activity < activity,
                        and_(actors.c.activity == activity, actors.c.id < after),
                    )
                )
            query = query.order_by(actors.c.activity.desc(), actors.c.id.desc()).limit(limit)
            return [read.from_row(ActorSummary, r) for r in conn.execute(query).mappings()]

    def actor(self, key: str | int) -> ActorDetail:
        """One actor, by id or by name (else code), with its latest quotes and events.

        A name shared by several actors (one per country or role) gives the most active.
        """
        if isinstance(key, int) or _is_id(key):
            query = select(*read.ACTOR_COLUMNS).where(actors.c.id == int(key))
        else:
            name = key.strip()
            by_name = actors.c.name_key == name.casefold()
            query = (
                select(*read.ACTOR_COLUMNS)
                .where(or_(by_name, actors.c.code == name))
                .order_by(case((by_name, 0), else_=1), actors.c.activity.desc(), actors.c.id)
                .limit(1)
            )
        latest_events = (events.c.day.desc().nulls_last(), events.c.id.desc())
        with self._reading() as conn:
            row = conn.execute(query).mappings().first()
            if row is None:
                raise StoreError(f"actor {key!r}: no such actor")
            said = (
                read.quote_select()
                .where(quotes.c.speaker_actor_id == row["id"])
                .order_by(articles.c.published.desc().nulls_last(), quotes.c.id.desc())
                .limit(ACTOR_RECORDS)
            )
            found_quotes = tuple(read.quote_row(r) for r in conn.execute(said).mappings())
            as_source, as_target = (
                tuple(
                    read.event_row(r)
                    for r in conn.execute(
                        read.event_select()
                        .where(column == row["id"])
                        .order_by(*latest_events)
                        .limit(ACTOR_RECORDS)
                    ).mappings()
                )
                for column in (events.c.source_actor_id, events.c.target_actor_id)
            )
        return read.from_row(
            ActorDetail,
            row,
            quotes=found_quotes,
            events_as_source=as_source,
            events_as_target=as_target,
        )

    def dyad(self, a: str, b: str, *, bucket: str = "week") -> list[DyadPeriod]:
        """Events between two actors, either way, per period.

        ``a``/``b`` are as ``events()``'s source and target. Each period counts
        cooperation (quad classes 1-2), conflict (3-4), and the events each way.
        """
        check_bucket(bucket)
        counts: dict[dt.date, Counter[str]] = {}
        with self._reading() as conn:
            a_ids = list(conn.scalars(read.actor_ids(a)))
            b_ids = list(conn.scalars(read.actor_ids(b)))
            if not a_ids or not b_ids:
                return []
            for direction, sources, targets in (("a_to_b", a_ids, b_ids), ("b_to_a", b_ids, a_ids)):
                per_day = (
                    select(events.c.day, events.c.quad_class, func.count().label("n"))
                    .where(
                        events.c.source_actor_id.in_(sources),
                        events.c.target_actor_id.in_(targets),
                        events.c.day.is_not(None),
                    )
                    .group_by(events.c.day, events.c.quad_class)
                )
                for start, quad, n in conn.execute(by_period(per_day, self.dialect, bucket)):
                    period = counts.setdefault(as_date(start), Counter())
                    period[direction] += int(n)
                    if quad in (1, 2):
                        period["cooperation"] += int(n)
                    elif quad in (3, 4):
                        period["conflict"] += int(n)
        return [
            DyadPeriod(
                period=day,
                cooperation=c["cooperation"],
                conflict=c["conflict"],
                a_to_b=c["a_to_b"],
                b_to_a=c["b_to_a"],
            )
            for day, c in sorted(counts.items())
        ]

    def timeline(self, actor: str, *, bucket: str = "week") -> list[TimelinePeriod]:
        """An actor's activity per period: the events it is source or target of, its quotes,
        and its events per PLOVER type (a key per type it has, 0 in periods without)."""
        check_bucket(bucket)
        ids = read.actor_ids(actor)
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
        per_day = (
            select(events.c.day, events.c.plover_type.label("type"), func.count().label("n"))
            .where(events.c.day.is_not(None), events.c.plover_type.is_not(None))
            .group_by(events.c.day, events.c.plover_type)
        )
        with self._reading() as conn:
            counts = [
                TypeCount(as_date(start), plover_type, int(n))
                for start, plover_type, n in conn.execute(by_period(per_day, self.dialect, bucket))
            ]
        return sorted(counts, key=lambda c: (c.period, c.type))

    def stats(self) -> Stats:
        """How much the store holds: counts of every record, and the span of publication dates."""
        counted = {
            "articles": articles,
            "failures": failures,
            "actors": actors,
            "mentions": mentions,
            "quotes": quotes,
            "events": events,
            "sources_done": sources_done,
        }
        with self._reading() as conn:
            n = {
                name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
                for name, table in counted.items()
            }
            duplicates = conn.scalar(
                select(func.count()).select_from(articles).where(articles.c.duplicate_of.is_not(None))
            )
            sources = conn.scalar(select(func.count(articles.c.source.distinct())))
            first, last = conn.execute(
                select(func.min(articles.c.published), func.max(articles.c.published))
            ).one()
        return Stats(
            **n,
            duplicates=int(duplicates or 0),
            sources=int(sources or 0),
            first_published=None if first is None else as_date(first),
            last_published=None if last is None else as_date(last),
        )

    def failures(self, limit: int = 50) -> list[Failure]:
        """The latest inputs that could not be ingested: origin, reason and when."""
        query = select(failures).order_by(failures.c.id.desc()).limit(read.check_limit(limit))
        with self._reading() as conn:
            return [read.from_row(Failure, r) for r in conn.execute(query).mappings()]


def _page(
    conn: Connection, ids: Select[tuple[int]], details: Select[Any], id_column: ColumnElement[int]
) -> list[RowMapping]:
    """The rows of ``details`` whose id is among those ``ids`` selects, newest first."""
    page = list(conn.scalars(ids))
    if not page:
        return []
    return list(conn.execute(details.where(id_column.in_(page)).order_by(id_column.desc())).mappings())


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)


def _refused(article: Article, exc: DBAPIError) -> StoreError:
    name = article.origin or article.url or article.title or "article"
    return StoreError(f"{name}: the database refused the article: {_reason(exc)}")


def _is_id(key: str) -> bool:
    """Whether a key is an actor id: ASCII digits within SQL's 64-bit integers ("²" is not)."""
    text = key.strip()
    return text.isascii() and text.isdigit() and int(text) < 2**63
