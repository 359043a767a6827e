"""The store's tables, as SQLAlchemy Core metadata shared by SQLite and PostgreSQL.

Besides the columns of the records, a few are kept for the queries of the API:

- ``actors.name_key`` (the case-folded name) so names match case-insensitively the
  same way on both backends, and per-actor counters (``n_mentions``, ``n_quotes``,
  ``n_events_source``, ``n_events_target``, ``activity``) so the actor list can be
  ordered by activity and paged without aggregating every mention. Articles are
  never edited after they are written, so the counters are updated in the same
  transaction that writes an article and stay exact.
- ``events.day``: the event's own date, else its article's publication date. Every
  date filter and time bucket of events uses it, so it is stored and indexed.
- ``events.quad_class``: GDELT's quad class of the CAMEO root.

Three tables exist so that no request scans a whole table as the store grows, all
written in the transaction that writes the articles they describe:

- ``near_keys``: the MinHash LSH band keys of every article that is not a duplicate
  (``parley.clean.dedupe.band_keys``), so a new article's near-duplicate candidates are
  one indexed query instead of an index rebuilt from every stored fingerprint.
- ``tallies``: the number of rows of each table (and of duplicates and distinct
  sources), for ``stats()``; ``article_sources`` the distinct sources themselves.
- ``event_days`` and ``event_weeks``: events per day (and per ISO week, from Monday) and
  PLOVER type, for the home page chart.

The full-text indexes are not here: it differs per dialect and is created by its own
migration (see ``parley.store.migrations``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    func,
)

# BIGINT on PostgreSQL (a big archive has billions of mentions); on SQLite an
# INTEGER PRIMARY KEY is the rowid, which is already 64-bit and the fastest key.
Id = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Id, primary_key=True),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("origin", Text, nullable=False),
    Column("source", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Date),
    Column("dateline", Text),
    Column("dateline_agency", Text),
    Column("fetched_at", DateTime),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False, unique=True),
    Column("fingerprint", LargeBinary),
    Column("duplicate_of", Id, ForeignKey("articles.id")),
    Column("ingested_at", DateTime, nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_canonical_url", "canonical_url"),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_duplicate_of", "duplicate_of"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("country", String(3)),
    Column("role", String(16)),
    Column("code", String(32)),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_quotes", Integer, nullable=False, default=0),
    Column("n_events_source", Integer, nullable=False, default=0),
    Column("n_events_target", Integer, nullable=False, default=0),
    Column("activity", Integer, nullable=False, default=0),
)
# (name, country, role) identifies an actor; country and role may be NULL (IGOs), and
# NULLs are distinct in a plain UNIQUE constraint, so the index compares them as ''.
Index(
    "uq_actors_identity",
    actors.c.name,
    func.coalesce(actors.c.country, ""),
    func.coalesce(actors.c.role, ""),
    unique=True,
)
Index("ix_actors_name_key", actors.c.name_key)
Index("ix_actors_country", actors.c.country)
Index("ix_actors_code", actors.c.code)
Index("ix_actors_activity", actors.c.activity, actors.c.id)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Id, primary_key=True),
    Column("article_id", Id, ForeignKey("articles.id"), nullable=False),
    Column("actor_id", Id, ForeignKey("actors.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("via", String(16)),
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_actor", "actor_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Id, primary_key=True),
    Column("article_id", Id, ForeignKey("articles.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker_actor_id", Id, ForeignKey("actors.id")),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", Text),
    Index("ix_quotes_article", "article_id"),
    Index("ix_quotes_speaker", "speaker_actor_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Id, primary_key=True),
    Column("article_id", Id, ForeignKey("articles.id"), nullable=False),
    Column("source_actor_id", Id, ForeignKey("actors.id")),
    Column("target_actor_id", Id, ForeignKey("actors.id")),
    Column("cameo", String(8), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("quad_class", SmallInteger),
    Column("plover_type", String(16)),
    Column("plover_mode", String(32)),
    Column("plover_context", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("conditional", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("reported", Boolean, nullable=False),
    Column("quote_id", Id, ForeignKey("quotes.id")),
    Column("date", Date),
    Column("date_precision", String(16)),
    Column("day", Date),
    Column("confidence", Float, nullable=False),
    Column("rule", Text, nullable=False),
    Index("ix_events_article", "article_id"),
    Index("ix_events_day", "day", "plover_type"),
    # Type and code filters are often combined with an actor; the actor columns let the
    # index answer those without reading the table.
    Index("ix_events_type", "plover_type", "day", "source_actor_id", "target_actor_id"),
    Index("ix_events_cameo", "cameo", "source_actor_id", "target_actor_id"),
    # Cover dyad() and timeline(): seek each actor (or actor pair) and read the rest from the index.
    Index("ix_events_source", "source_actor_id", "target_actor_id", "day", "quad_class", "plover_type"),
    Index("ix_events_target", "target_actor_id", "source_actor_id", "day", "quad_class", "plover_type"),
    Index("ix_events_quote", "quote_id"),
)

# An actor's latest events (its page), newest first, read in index order.
ix_events_source_day = Index("ix_events_source_day", events.c.source_actor_id, events.c.day, events.c.id)
ix_events_target_day = Index("ix_events_target_day", events.c.target_actor_id, events.c.day, events.c.id)
# A page of the event list (id order) filtered by an actor, on either side, or by a PLOVER type,
# read in index order up to the page's end instead of sorting every matching event. The
# columns after the id (which is unique, so they do not change the order) are those of the
# other filters, which the index then answers without reading the table.
_page_filters = (
    events.c.day,
    events.c.article_id,
    events.c.negated,
    events.c.hypothetical,
    events.c.reported,
)
ix_events_source_id = Index(
    "ix_events_source_id",
    events.c.source_actor_id,
    events.c.id,
    events.c.target_actor_id,
    events.c.plover_type,
    *_page_filters,
)
ix_events_target_id = Index(
    "ix_events_target_id",
    events.c.target_actor_id,
    events.c.id,
    events.c.source_actor_id,
    events.c.plover_type,
    *_page_filters,
)
ix_events_type_id = Index(
    "ix_events_type_id",
    events.c.plover_type,
    events.c.id,
    events.c.source_actor_id,
    events.c.target_actor_id,
    *_page_filters,
)

feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime, nullable=False),
)

sources_done = Table(
    "sources_done",
    metadata,
    Column("origin", Text, primary_key=True),
    Column("at", DateTime, nullable=False),
)

near_keys = Table(
    "near_keys",
    metadata,
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("article_id", Id, ForeignKey("articles.id"), nullable=False),
    Index("ix_near_keys_band_hash", "band", "hash"),
)

tallies = Table(
    "tallies",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

article_sources = Table(
    "article_sources",
    metadata,
    Column("source", Text, primary_key=True),
)

event_days = Table(
    "event_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("plover_type", String(16), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

event_weeks = Table(
    "event_weeks",
    metadata,
    Column("week", Date, primary_key=True),  # the week's Monday
    Column("plover_type", String(16), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Id, primary_key=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

# Positions and shifts are derived from an article's events and quotes (parley.nlp.positions)
# and written with them; `parley rebuild positions` derives them again for the whole store.
# ``day`` is the position's own date, else its article's publication date.
positions = Table(
    "positions",
    metadata,
    Column("id", Id, primary_key=True),
    Column("article_id", Id, ForeignKey("articles.id"), nullable=False),
    Column("actor_id", Id, ForeignKey("actors.id"), nullable=False),
    Column("issue", String(16), nullable=False),
    Column("stance", String(16), nullable=False),
    Column("condition", Text),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date", Date),
    Column("day", Date),
    Column("quote_ids", Text, nullable=False),  # JSON list of quotes.id
    Column("event_ids", Text, nullable=False),  # JSON list of events.id
    Column("answers_id", Id, ForeignKey("positions.id")),
    Column("confidence", Float, nullable=False),
    Column("rule", Text, nullable=False),
    Index("ix_positions_article", "article_id"),
    Index("ix_positions_actor", "actor_id", "issue", "day"),
    Index("ix_positions_issue", "issue", "day"),
)

# A shift between two positions of one actor on one issue, in one article or across two
# (``cue_start``/``cue_end`` are offsets into the later position's article).
shifts = Table(
    "shifts",
    metadata,
    Column("id", Id, primary_key=True),
    Column("actor_id", Id, ForeignKey("actors.id"), nullable=False),
    Column("issue", String(16), nullable=False),
    Column("from_stance", String(16), nullable=False),
    Column("to_stance", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("from_position_id", Id, ForeignKey("positions.id"), nullable=False),
    Column("to_position_id", Id, ForeignKey("positions.id"), nullable=False),
    Column("article_id", Id, ForeignKey("articles.id"), nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("day", Date),
    Column("across_articles", Boolean, nullable=False),
    Index("ix_shifts_actor", "actor_id", "issue", "day"),
    Index("ix_shifts_day", "day"),
    Index("ix_shifts_article", "article_id"),
)
