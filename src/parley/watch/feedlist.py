"""The feed list as the ``parley feeds`` commands see it: add one, import and export OPML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from parley.errors import StoreError
from parley.sources.opml import OpmlFeed, read_opml, write_opml
from parley.store import Store
from parley.store.feeds import FeedList, WatchedFeed


@dataclass(slots=True)
class ImportReport:
    """What an OPML import did."""

    added: list[WatchedFeed] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, why)


def import_opml(
    store: Store,
    path: Path,
    *,
    interval: dt.timedelta,
    fetch_pages: bool = False,
    at: dt.datetime | None = None,
) -> ImportReport:
    """Add every feed of an OPML file; feeds already listed (or listed twice in the file) are skipped."""
    at = at or dt.datetime.now(dt.UTC)
    feeds = FeedList(store)
    report = ImportReport()
    for entry in read_opml(path):
        try:
            report.added.append(
                feeds.add(entry.url, name=None, interval=interval, fetch_pages=fetch_pages, at=at)
                if entry.title is None
                else _add_named(feeds, entry, interval, fetch_pages, at)
            )
        except StoreError as exc:
            report.skipped.append((entry.url, str(exc)))
    return report


def _add_named(
    feeds: FeedList, entry: OpmlFeed, interval: dt.timedelta, fetch_pages: bool, at: dt.datetime
) -> WatchedFeed:
    """Add a feed under its OPML title, or without a name when another feed already has that title."""
    try:
        return feeds.add(entry.url, name=entry.title, interval=interval, fetch_pages=fetch_pages, at=at)
    except StoreError:
        return feeds.add(entry.url, name=None, interval=interval, fetch_pages=fetch_pages, at=at)


def export_opml(store: Store, *, at: dt.datetime | None = None) -> str:
    """The feed list as an OPML 2.0 document."""
    listed = [OpmlFeed(f.url, f.name) for f in FeedList(store).all()]
    return write_opml(listed, title="Parley feeds", created=at or dt.datetime.now(dt.UTC))
