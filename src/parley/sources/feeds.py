"""RSS and Atom feeds, parsed leniently with feedparser; each item becomes a Document.

feedparser only ever sees bytes (``web.Fetcher`` downloads them, with a timeout
and limits feedparser lacks). A feed that is not well-formed but still yields
items is read, with a ``SourceWarning`` saying what was wrong; one that yields
nothing is a ``FeedError``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from xml.sax import SAXParseException

import feedparser

from parley.config import SourceOptions
from parley.errors import FeedError, InputError, NoBodyError
from parley.sources.decode import declared_charset
from parley.sources.detect import looks_like_feed
from parley.sources.document import Document, SourceWarning
from parley.sources.web import Fetcher, Response

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_PLAIN_TYPES = frozenset({"text/plain"})


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title, its items, and why it is not well-formed when it is not.

    An item's ``content`` is empty when the feed carries neither content nor summary.
    """

    source: str
    title: str | None
    items: tuple[Document, ...]
    problem: str | None = None


def feed_of(response: Response) -> Feed:
    """The feed a download holds, read with what the response says of it; InputError when it is
    no feed."""
    return parse_feed(
        response.body,
        response.url,
        base_url=response.final_url,
        content_type=response.headers.get("content-type"),
        fetched_at=response.fetched_at,
    )


def parse_feed(
    data: bytes,
    source: str,
    *,
    base_url: str | None = None,
    content_type: str | None = None,
    fetched_at: dt.datetime | None = None,
) -> Feed:
    """Parse the bytes of an RSS or Atom feed; raises ``FeedError`` naming ``source`` when nothing parses.

    ``base_url`` resolves relative links; ``content_type`` (the HTTP header) lets
    feedparser honour a declared charset.
    """
    # feedparser wants a content type beside a base URL. It takes text/xml without a charset
    # as us-ascii (RFC 3023) and text/html as "not XML", warning on good feeds, so it gets
    # application/xml with only the declared charset, and the XML declaration decides otherwise.
    charset = declared_charset(content_type or "")
    response_headers = {
        "content-type": f"application/xml; charset={charset}" if charset else "application/xml"
    }
    if base_url:
        response_headers["content-location"] = base_url
    parsed = feedparser.parse(data, response_headers=response_headers)
    problem = _describe(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not parsed.entries:
        if not looks_like_feed(data):
            raise FeedError(source, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
        if problem is not None or not parsed.get("version"):
            raise FeedError(source, f"not a readable feed ({problem or 'unknown feed format'})")
    outlet = _clean(parsed.feed.get("title"))
    items = tuple(
        _item(entry, number, source, outlet, fetched_at) for number, entry in enumerate(parsed.entries, 1)
    )
    return Feed(source=source, title=outlet, items=items, problem=problem)


def feed_items(
    feed: Feed, options: SourceOptions, fetcher: Fetcher
) -> Iterator[Document | SourceWarning | InputError]:
    """The feed's items as Documents, after a warning when the feed was not well-formed.

    With ``options.fetch_pages``, an item whose text is shorter than
    ``options.short_summary_chars`` is replaced by its page (the feed's title, date
    and outlet are kept); when the page cannot be fetched the summary is kept and a
    warning says why.
    """
    if feed.problem is not None:
        count = len(feed.items)
        yield SourceWarning(
            feed.source,
            f"not a well-formed feed ({feed.problem}); read its {count} item{'s' * (count != 1)} anyway",
        )
    if not feed.items:
        yield SourceWarning(feed.source, "the feed has no items")
    for item in feed.items:
        if options.fetch_pages and item.url and visible_chars(item.content) < options.short_summary_chars:
            yield from _with_page(item, item.url, fetcher)
        elif item.content.strip():
            yield item
        else:
            yield NoBodyError(item.origin, "feed item has neither content nor summary (try fetching pages)")


def visible_chars(markup: str) -> int:
    """How many characters of text an HTML fragment shows (tags dropped, entities and spaces folded)."""
    return len(_SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip())


def _with_page(item: Document, url: str, fetcher: Fetcher) -> Iterator[Document | SourceWarning | InputError]:
    try:
        response = fetcher.get(url)
        page = response.text()
    except InputError as exc:
        if not item.content.strip():
            yield exc
            return
        yield SourceWarning(item.origin, f"page {url} not fetched ({exc.reason}); kept the feed's summary")
        yield item
        return
    yield replace(
        item,
        kind="text" if response.content_type in _PLAIN_TYPES else "html",
        content=page,
        url=response.final_url,
        fetched_at=response.fetched_at,
    )


def _item(
    entry: Any, number: int, source: str, outlet: str | None, fetched_at: dt.datetime | None
) -> Document:
    content = entry.get("content") or []
    if content and content[0].get("value"):
        body, media_type = content[0]["value"], content[0].get("type", "text/html")
    else:
        body = entry.get("summary") or ""
        media_type = (entry.get("summary_detail") or {}).get("type", "text/html")
    link = entry.get("link") or None
    key = entry.get("id") or link or str(number)
    return Document(
        origin=f"{source}#{key}",
        kind="text" if media_type in _PLAIN_TYPES else "html",
        content=body,
        url=link,
        title=_clean(entry.get("title")),
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        outlet=outlet,
        fetched_at=fetched_at,
        crawled=True,
    )


def _date(parsed: time.struct_time | None) -> dt.date | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _clean(value: str | None) -> str | None:
    folded = _SPACE.sub(" ", value).strip() if value else ""
    return folded or None


def _describe(error: BaseException | None) -> str:
    if isinstance(error, SAXParseException):
        return f"{error.getMessage()} at line {error.getLineNumber()}, column {error.getColumnNumber()}"
    return str(error) or type(error).__name__
