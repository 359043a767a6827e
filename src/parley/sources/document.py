"""What a source yields: one raw input, decoded but not yet cleaned, or a warning about one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from a file, page, feed item, JSON line or archive record.

    ``kind`` tells the cleaner what ``content`` is: ``"text"`` (a plain body) or
    ``"html"`` (a whole page, whose body trafilatura extracts). Metadata the source
    already knows (a feed item's title, a JSON line's date) is carried alongside and
    wins over what the cleaner would guess.
    """

    # What error messages name: a file path, a URL, "feed-url#item-id", "file.jsonl:LINE"
    # or "archive.warc.gz@OFFSET" (the record's byte offset in the archive).
    origin: str
    kind: str  # "text" or "html"
    content: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    fetched_at: dt.datetime | None = None
    # Found by crawling (a feed item, a page URL, an archive record) rather than given by the
    # user: only such bodies must reach the minimum length, since a short one is usually a
    # teaser or an error page, while a sentence given on purpose is analysed as it is.
    crawled: bool = False


@dataclass(frozen=True, slots=True)
class SourceWarning:
    """A problem that did not stop an input from being read, for the caller to log.

    For example a feed that is not well-formed XML but whose items were still read, or
    a feed item whose page could not be fetched so its summary was kept instead.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class FeedCache(Protocol):
    """Remembers each feed's HTTP validators so a second run downloads nothing new.

    The store implements it; sources only see this protocol.
    """

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) last seen for ``url``, or (None, None)."""
        ...

    def set_feed_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators a feed answered with."""
        ...


class SourceState(FeedCache, Protocol):
    """What sources remember between runs: feed validators and which sources are finished.

    The store implements it. A source is marked done only after its last item was
    handed to the consumer and the consumer asked for the next one, so a consumer
    that stores each item before asking for the next loses nothing in a crash.
    """

    def is_source_done(self, origin: str) -> bool:
        """Whether ``origin`` (for example a WARC file's absolute path) was read to the end before."""
        ...

    def mark_source_done(self, origin: str) -> None:
        """Remember that every item of ``origin`` was handed over."""
        ...
