"""Writing one article and everything found in it, on a connection inside a transaction.

The caller owns the transaction (``Store`` opens one per article, or one per batch),
so an article is either stored with all its actors, mentions, quotes, events, positions
and shifts, or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite

from parley.clean.dedupe import band_keys
from parley.errors import StoreError
from parley.ontology.cameo import cameo_root, quad_class
from parley.records import ActorRef, Analysis, Article, Event
from parley.store.positions import write_positions
from parley.store.schema import (
    actors,
    article_sources,
    articles,
    event_days,
    event_weeks,
    events,
    mentions,
    near_keys,
    quotes,
    tallies,
)

ActorKey = tuple[str, str | None, str | None]


def text_sha256(article: Article) -> str:
    """The article's text hash: the one it carries, else computed from its text."""
    return article.text_sha256 or hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def upsert_insert(conn: Connection, table: Table) -> Any:
    """The backend's own INSERT, which has the ON CONFLICT clauses both backends support."""
    return postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)


def utc_naive(value: dt.datetime | None) -> dt.datetime | None:
    """A datetime as naive UTC, the form every timestamp column holds on both backends."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def week_of(day: dt.date) -> dt.date:
    """The Monday of a day's ISO week, which names the week in ``event_weeks``."""
    return day - dt.timedelta(days=day.weekday())


def now() -> dt.datetime:
    """The current time as naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def as_date(value: dt.date | None) -> dt.date | None:
    """A date, also when a caller handed a datetime where a date belongs."""
    return value.date() if isinstance(value, dt.datetime) else value


class ActorIds:
    """Actor ids for ActorRefs within one transaction: select-or-insert on (name, country, role).

    ``known`` is shared by a store's transactions: ids of actors from committed
    transactions (actors are never deleted). The ids this transaction finds join it
    only on ``commit()``, so an insert that is rolled back is never remembered, and
    concurrent transactions never see each other's uncommitted actors. An actor
    stored without a code gets the first code a later ref brings.
    """

    def __init__(self, known: dict[ActorKey, tuple[int, bool]]) -> None:
        # key -> (id, whether the stored actor has a code)
        self._known = known
        self._pending: dict[ActorKey, tuple[int, bool]] = {}
        self.inserted = 0  # actors this transaction added, for the tallies

    def commit(self) -> None:
        """The transaction committed: share the ids it found."""
        self._known.update(self._pending)

    def get(self, conn: Connection, ref: ActorRef) -> int:
        """The id of ``ref``'s actor, inserting the actor when it is new."""
        key = (ref.name, ref.country, ref.role)
        found = self._pending.get(key) or self._known.get(key)
        if found is None or (ref.code and not found[1]):
            found = self._select_or_insert(conn, ref)
            self._pending[key] = found
        return found[0]

    def _select_or_insert(self, conn: Connection, ref: ActorRef) -> tuple[int, bool]:
        # Compared as the unique index compares them, so the lookup uses that index.
        identity = (
            actors.c.name == ref.name,
            func.coalesce(actors.c.country, "") == (ref.country or ""),
            func.coalesce(actors.c.role, "") == (ref.role or ""),
        )
        lookup = select(actors.c.id, actors.c.code).where(*identity)
        row = conn.execute(lookup).first()
        if row is None:
            values = {
                "name": ref.name,
                "name_key": ref.name.casefold(),
                "country": ref.country,
                "role": ref.role,
                "code": ref.code,
            }
            # Another writer may insert the same actor first; then the insert does nothing
            # and the lookup below finds that writer's row.
            insert = upsert_insert(conn, actors).values(values).on_conflict_do_nothing()
            new_id = conn.scalar(insert.returning(actors.c.id))
            if new_id is not None:
                self.inserted += 1
                return int(new_id), ref.code is not None
            row = conn.execute(lookup).first()
            if row is None:
                raise StoreError(f"actor {ref.name!r}: could not be inserted or found")
        if row.code is None and ref.code:
            conn.execute(actors.update().where(actors.c.id == row.id).values(code=ref.code))
        return int(row.id), row.code is not None or ref.code is not None


def actor_ids_of(conn: Connection, actor_ids: ActorIds) -> Callable[[ActorRef], int]:
    """``actor_ids.get`` on ``conn``, as a function of the ref alone."""
    return lambda ref: actor_ids.get(conn, ref)


class _Tally:
    """How much each actor's counters grow with one article."""

    def __init__(self) -> None:
        self.counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(self, actor_id: int | None, which: int, n: int = 1) -> None:
        if actor_id is not None:
            self.counts[actor_id][which] += n

    def apply(self, conn: Connection) -> None:
        if not self.counts:
            return
        # Always in id order, so concurrent PostgreSQL writers lock rows in the same order.
        rows = [
            {
                "b_id": actor_id,
                "b_mentions": c[0],
                "b_quotes": c[1],
                "b_source": c[2],
                "b_target": c[3],
                "b_activity": sum(c),
            }
            for actor_id, c in sorted(self.counts.items())
        ]
        conn.execute(_COUNT, rows)


MENTIONS, QUOTES, SOURCE, TARGET = range(4)

# What ``tallies`` counts: a row per table, plus duplicates and distinct sources.
TALLIED = (
    "articles",
    "duplicates",
    "sources",
    "actors",
    "mentions",
    "quotes",
    "events",
    "failures",
    "sources_done",
)


class Tallies:
    """How much the store's counts grow in one transaction, applied just before it commits.

    Applied last and in a fixed order, so concurrent PostgreSQL writers hold the
    counter rows only for the commit and never lock them in opposite orders.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.days: Counter[tuple[dt.date, str]] = Counter()
        self.weeks: Counter[tuple[dt.date, str]] = Counter()
        self.sources: set[str] = set()

    def apply(self, conn: Connection) -> None:
        for source in sorted(self.sources):
            insert = upsert_insert(conn, article_sources).values(source=source).on_conflict_do_nothing()
            # RETURNING gives a row only when the source is new (rowcount is -1 on psycopg).
            if conn.scalar(insert.returning(article_sources.c.source)) is not None:
                self.counts["sources"] += 1
        if self.counts:
            add_tallies(conn, self.counts)
        for table, counted in ((event_days, self.days), (event_weeks, self.weeks)):
            if not counted:
                continue
            when, kind = table.c[0], table.c.plover_type
            rows = [{when.name: d, "plover_type": t, "n": n} for (d, t), n in sorted(counted.items())]
            insert = upsert_insert(conn, table)
            conn.execute(
                insert.on_conflict_do_update(
                    index_elements=[when, kind], set_={"n": table.c.n + insert.excluded.n}
                ),
                rows,
            )


def add_tallies(conn: Connection, counts: dict[str, int]) -> None:
    """Add to the named tallies (each one of TALLIED), creating the rows they lack."""
    rows = [{"name": name, "n": n} for name, n in sorted(counts.items()) if n]
    if not rows:
        return
    insert = upsert_insert(conn, tallies)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[tallies.c.name], set_={"n": tallies.c.n + insert.excluded.n}
        ),
        rows,
    )


# Statements built once: building and hashing one per article costs more than running it.
_COUNT = (
    actors.update()
    .where(actors.c.id == bindparam("b_id"))
    .values(
        n_mentions=actors.c.n_mentions + bindparam("b_mentions"),
        n_quotes=actors.c.n_quotes + bindparam("b_quotes"),
        n_events_source=actors.c.n_events_source + bindparam("b_source"),
        n_events_target=actors.c.n_events_target + bindparam("b_target"),
        activity=actors.c.activity + bindparam("b_activity"),
    )
)
_BY_SHA = select(articles.c.id).where(articles.c.text_sha256 == bindparam("sha"))
_INSERT_ARTICLE = articles.insert().returning(articles.c.id)
_INSERT_MENTIONS = mentions.insert()
_INSERT_QUOTES = quotes.insert().returning(quotes.c.id, sort_by_parameter_order=True)
_INSERT_EVENTS = events.insert().returning(events.c.id, sort_by_parameter_order=True)
_INSERT_NEAR_KEYS = near_keys.insert()


def check(article: Article, analysis: Analysis | None) -> None:
    """StoreError if the analysis refers to quotes it does not have."""
    if analysis is None:
        return
    for n, ev in enumerate(analysis.events):
        if ev.quote_index is not None and not 0 <= ev.quote_index < len(analysis.quotes):
            raise StoreError(
                f"{article.origin or article.url or 'article'}: event {n} refers to quote "
                f"{ev.quote_index} but the analysis has {len(analysis.quotes)} quotes"
            )


def existing_id(conn: Connection, sha: str) -> int | None:
    """The id of the stored article with this text hash, if any."""
    found = conn.scalar(_BY_SHA, {"sha": sha})
    return None if found is None else int(found)


def write_article(
    conn: Connection,
    article: Article,
    analysis: Analysis | None,
    *,
    duplicate_of: int | None,
    source: str | None,
    actor_ids: ActorIds,
    tallies: Tallies,
) -> int:
    """Insert an article and its records; an article with the same text already stored is left as is.

    Returns the id of the new article, or of the stored one with the same text. An
    original (not a duplicate) with a fingerprint gets its near-duplicate band keys.
    """
    check(article, analysis)
    sha = text_sha256(article)
    found = existing_id(conn, sha)
    if found is not None:
        return found
    article_id = int(
        conn.execute(
            _INSERT_ARTICLE,
            {
                "url": article.url,
                "canonical_url": article.canonical_url,
                "origin": article.origin,
                "source": source,
                "outlet": article.outlet,
                "title": article.title,
                "published": as_date(article.published),
                "dateline": article.dateline,
                "dateline_agency": article.dateline_agency,
                "fetched_at": utc_naive(article.fetched_at),
                "language": article.language,
                "text": article.text,
                "text_sha256": sha,
                "fingerprint": article.fingerprint or None,
                "duplicate_of": duplicate_of,
                "ingested_at": now(),
            },
        ).scalar_one()
    )
    tallies.counts["articles"] += 1
    if duplicate_of is not None:
        tallies.counts["duplicates"] += 1
    else:
        keys = [{"band": b, "hash": h, "article_id": article_id} for b, h in band_keys(article.fingerprint)]
        if keys:
            conn.execute(_INSERT_NEAR_KEYS, keys)
    if source is not None:
        tallies.sources.add(source)
    if analysis is not None:
        _write_analysis(conn, article_id, article, analysis, actor_ids, tallies)
    return article_id


def _write_analysis(
    conn: Connection,
    article_id: int,
    article: Article,
    analysis: Analysis,
    actor_ids: ActorIds,
    tallies: Tallies,
) -> None:
    tally = _Tally()

    def actor_id(ref: ActorRef | None) -> int | None:
        return None if ref is None else actor_ids.get(conn, ref)

    mention_rows: list[dict[str, Any]] = []
    for actor in analysis.actors:
        aid = actor_id(actor.ref)
        tally.add(aid, MENTIONS, len(actor.mentions))
        mention_rows.extend(
            {"article_id": article_id, "actor_id": aid, "start": s, "end": e, "via": None}
            for s, e in actor.mentions
        )
    if mention_rows:
        conn.execute(_INSERT_MENTIONS, mention_rows)
    tallies.counts["mentions"] += len(mention_rows)

    quote_rows: list[dict[str, Any]] = []
    for q in analysis.quotes:
        sid = actor_id(q.speaker)
        tally.add(sid, QUOTES)
        quote_rows.append(
            {
                "article_id": article_id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "speaker_actor_id": sid,
                "speaker_start": q.speaker_mention[0] if q.speaker_mention else None,
                "speaker_end": q.speaker_mention[1] if q.speaker_mention else None,
                "cue": q.cue,
            }
        )
    quote_ids: list[int] = []
    if quote_rows:
        result = conn.execute(_INSERT_QUOTES, quote_rows)
        quote_ids = [int(i) for i in result.scalars()]
    tallies.counts["quotes"] += len(quote_rows)

    event_rows = [
        _event_row(article_id, article, ev, actor_id(ev.source), actor_id(ev.target), quote_ids)
        for ev in analysis.events
    ]
    for row in event_rows:
        tally.add(row["source_actor_id"], SOURCE)
        tally.add(row["target_actor_id"], TARGET)
        if row["day"] is not None and row["plover_type"] is not None:
            tallies.days[row["day"], row["plover_type"]] += 1
            tallies.weeks[week_of(row["day"]), row["plover_type"]] += 1
    event_ids: list[int] = []
    if event_rows:
        event_ids = [int(i) for i in conn.execute(_INSERT_EVENTS, event_rows).scalars()]
    tallies.counts["events"] += len(event_rows)
    tally.apply(conn)
    if analysis.positions:
        published = as_date(article.published)
        actor_of = actor_ids_of(conn, actor_ids)
        write_positions(conn, article_id, article.text, published, analysis, actor_of, quote_ids, event_ids)


def _quad(root: str) -> int | None:
    return quad_class(root) if len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20 else None


def _event_row(
    article_id: int,
    article: Article,
    ev: Event,
    source_id: int | None,
    target_id: int | None,
    quote_ids: list[int],
) -> dict[str, Any]:
    root = ev.cameo_root or cameo_root(ev.cameo)
    date = as_date(ev.date)
    return {
        "article_id": article_id,
        "source_actor_id": source_id,
        "target_actor_id": target_id,
        "cameo": ev.cameo,
        "cameo_root": root,
        "quad_class": _quad(root),
        "plover_type": ev.plover.type,
        "plover_mode": ev.plover.mode,
        "plover_context": json.dumps(list(ev.plover.context)),
        "sentence_start": ev.sentence[0],
        "sentence_end": ev.sentence[1],
        "trigger_start": ev.trigger[0],
        "trigger_end": ev.trigger[1],
        "negated": ev.negated,
        "conditional": ev.conditional,
        "hypothetical": ev.hypothetical,
        "reported": ev.reported,
        "quote_id": quote_ids[ev.quote_index] if ev.quote_index is not None else None,
        "date": date,
        "date_precision": ev.date_precision,
        "day": date or as_date(article.published),
        "confidence": ev.confidence,
        "rule": ev.rule,
    }
