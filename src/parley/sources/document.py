"""What a source yields: one raw input, decoded but not yet cleaned."""

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

    origin: str  # file path, URL, or "feed-url#item-id": what error messages name
    kind: str  # "text" or "html"
    content: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    fetched_at: dt.datetime | None = None


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
