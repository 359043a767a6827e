"""The tables of ``parley watch``: feeds and their fetches, items to retry, the lock, alerts, deliveries.

They have their own ``MetaData`` and are created by migration 10, so a store made
before watching existed gains them on its next opening. Every timestamp is naive UTC,
as in the rest of the store. A feed's HTTP validators stay in ``schema.feeds`` (the
same ones ``parley ingest URL`` uses), keyed by its URL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

Id = BigInteger().with_variant(Integer(), "sqlite")

watch_metadata = MetaData()

watched_feeds = Table(
    "watched_feeds",
    watch_metadata,
    Column("id", Id, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("interval_s", Integer, nullable=False),
    Column("fetch_pages", Boolean, nullable=False, default=False),
    Column("added_at", DateTime, nullable=False),
    Column("last_fetched_at", DateTime),
    Column("last_status", Text),  # "200", "304", "HTTP 500 Internal Server Error", "timed out ..."
    Column("failures", Integer, nullable=False, default=0),  # consecutive
    Column("items_seen", Integer, nullable=False, default=0),  # new articles stored from it, ever
    Column("next_due_at", DateTime, nullable=False),
    Column("paused_at", DateTime),
    Column("pause_reason", Text),
    Index("ix_watched_feeds_due", "next_due_at"),
)

# Every fetch of a feed and its outcome, the latest ``FETCHES_KEPT`` per feed.
feed_fetches = Table(
    "feed_fetches",
    watch_metadata,
    Column("id", Id, primary_key=True),
    Column("feed_id", Id, ForeignKey("watched_feeds.id"), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("url", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("new_items", Integer, nullable=False),
    Index("ix_feed_fetches_feed", "feed_id", "id"),
)

# Feed items that could not be ingested (unreadable page, too short); a later round reads them again.
feed_retries = Table(
    "feed_retries",
    watch_metadata,
    Column("feed_id", Id, ForeignKey("watched_feeds.id"), primary_key=True),
    Column("origin", Text, primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("content", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("outlet", Text),
    Column("reason", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_try_at", DateTime, nullable=False),
)

# At most one row: the watcher that holds the store, and when it last said it is alive.
watch_lock = Table(
    "watch_lock",
    watch_metadata,
    Column("name", String(32), primary_key=True),
    Column("pid", Integer, nullable=False),
    Column("host", Text, nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("heartbeat_at", DateTime, nullable=False),
)

alerts = Table(
    "alerts",
    watch_metadata,
    Column("id", Id, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("query", Text, nullable=False),
    Column("output", Text),
    Column("webhook", Text),
    Column("created_at", DateTime, nullable=False),
    # Records with an id up to this one were stored before the alert could see them.
    Column("last_seen_id", Id, nullable=False),
)

alert_deliveries = Table(
    "alert_deliveries",
    watch_metadata,
    Column("id", Id, primary_key=True),
    Column("alert_id", Id, ForeignKey("alerts.id"), nullable=False),
    Column("record_id", Id, nullable=False),
    Column("payload", Text, nullable=False),  # the matched record as JSON
    Column("created_at", DateTime, nullable=False),
    Column("file_done", Boolean, nullable=False),  # True also when the alert has no file
    Column("webhook_done", Boolean, nullable=False),  # True also when the alert has no webhook
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try_at", DateTime, nullable=False),
    Column("last_error", Text),
    UniqueConstraint("alert_id", "record_id", name="uq_alert_deliveries_record"),
    Index("ix_alert_deliveries_created", "created_at"),
)
