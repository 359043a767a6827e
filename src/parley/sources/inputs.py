"""The sources stage's entry point: paths and URLs in, Documents (or errors and warnings) out."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import httpx

from parley.config import FetchOptions, SourceOptions
from parley.errors import InputError, NotFoundError
from parley.sources.detect import kind_of_file, kind_of_response
from parley.sources.document import Document, SourceState, SourceWarning
from parley.sources.feeds import Feed, feed_items, feed_of, parse_feed
from parley.sources.files import (
    list_articles,
    read_html_file,
    read_jsonl,
    read_limited,
    read_text_file,
    text_document,
    unreadable,
)
from parley.sources.warc import read_warc
from parley.sources.web import Fetcher, Response

SourceItem = Document | SourceWarning | InputError


def read_inputs(
    inputs: Sequence[str],
    options: SourceOptions,
    state: SourceState | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[SourceItem]:
    """Read each input (a file, a directory, a page or feed URL) and yield what it holds, in order.

    Yields a ``Document`` per article; an ``InputError`` (never raised) for each
    input, line or item that fails, so the caller records it and goes on; and a
    ``SourceWarning`` for problems that did not stop reading (a feed that is not
    well-formed, a page kept as a summary). The kind of each input is detected
    unless ``options.force_kind`` names it.

    ``state`` makes feeds conditional (a feed unchanged since the last run yields
    nothing) and lets finished WARC files be skipped. Both are recorded only after
    the input's last item was handed over and the next one asked for, so store each
    item before asking for the next. ``transport`` replaces httpx's network (tests).
    """
    with Fetcher(options.fetch, transport=transport) as fetcher:
        for name in inputs:
            if name.lower().startswith(("http://", "https://")):
                yield from _read_url(name, options, state, fetcher)
            elif not name.strip():
                yield NotFoundError(repr(name), "an empty name is not a file, directory or URL")
            else:
                yield from _read_path(Path(name), options, state, fetcher)


def read_page(url: str, options: FetchOptions, *, transport: httpx.BaseTransport | None = None) -> Document:
    """One web page, HTML or plain text, as a Document; anything else (a feed, XML) is refused.

    For callers that want exactly one article from a URL, such as ``POST /api/ingest``.
    """
    with Fetcher(options, transport=transport) as fetcher:
        response = fetcher.get(url)
    kind = kind_of_response(response.content_type, response.body)
    if kind not in ("html", "text"):
        shown = response.content_type or "none"
        raise InputError(url, f"not an HTML page or text (content type {shown}, read as {kind})")
    return _page_document(response, kind)


def _read_path(
    path: Path, options: SourceOptions, state: SourceState | None, fetcher: Fetcher
) -> Iterator[SourceItem]:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:  # missing, a symbolic link loop, no permission
        yield unreadable(path, exc)
        return
    if stat.S_ISDIR(mode):
        files = list_articles(path, options.include)
        if not files:
            yield NotFoundError(str(path), f"no articles (looked for {', '.join(options.include)})")
        for file in files:
            yield from _read_file(file, options, state, fetcher, listed=True)
    else:
        yield from _read_file(path, options, state, fetcher)


def _read_file(
    path: Path, options: SourceOptions, state: SourceState | None, fetcher: Fetcher, *, listed: bool = False
) -> Iterator[SourceItem]:
    """What one file holds; a file found in a directory that is no regular file is skipped with a warning."""
    origin = str(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield unreadable(path, exc)
        return
    if not stat.S_ISREG(mode):
        # Reading a FIFO or a device would wait for a writer, or never end.
        reason = f"not a regular file (a {_special_kind(mode)}), so it is not read"
        yield SourceWarning(origin, f"skipped: {reason}") if listed else InputError(origin, reason)
        return
    try:
        kind = options.force_kind or kind_of_file(path)
    except OSError as exc:
        yield unreadable(path, exc)
        return
    if kind == "warc":
        yield from read_warc(path, options.max_file_bytes, state)
        return
    if kind == "jsonl":
        yield from read_jsonl(path, options.max_file_bytes)
        return
    warnings: list[str] = []
    try:
        data = read_limited(path, options.max_file_bytes)
        if kind == "feed":
            read: Feed | Document = parse_feed(data, origin)
        elif kind == "html":
            read = read_html_file(data, origin, warnings)
        else:
            read = read_text_file(data, origin, warnings)
    except InputError as exc:
        yield exc
        return
    for warning in warnings:
        yield SourceWarning(origin, warning)
    if isinstance(read, Feed):
        yield from feed_items(read, options, fetcher)
    else:
        yield read


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _read_url(
    url: str, options: SourceOptions, state: SourceState | None, fetcher: Fetcher
) -> Iterator[SourceItem]:
    if options.force_kind in ("jsonl", "warc"):
        yield InputError(url, f"a URL cannot be read as {options.force_kind}; download it and pass the file")
        return
    may_be_feed = options.force_kind in (None, "feed")
    etag, last_modified = state.feed_validators(url) if state is not None and may_be_feed else (None, None)
    try:
        response = fetcher.get(url, headers=_conditional(etag, last_modified))
    except InputError as exc:
        yield exc
        return
    if response.status == 304:
        return
    kind = options.force_kind or kind_of_response(response.content_type, response.body)
    if kind == "feed":
        yield from _read_feed_response(response, options, state, fetcher)
        return
    try:
        document = _page_document(response, kind)
    except InputError as exc:
        yield exc
        return
    yield document


def _page_document(response: Response, kind: str) -> Document:
    text = response.text()
    if kind == "text":
        document = text_document(text, response.url, url=response.final_url, fetched_at=response.fetched_at)
        return replace(document, crawled=True)
    return Document(
        origin=response.url,
        kind="html",
        content=text,
        url=response.final_url,
        fetched_at=response.fetched_at,
        crawled=True,
    )


def _read_feed_response(
    response: Response, options: SourceOptions, state: SourceState | None, fetcher: Fetcher
) -> Iterator[SourceItem]:
    try:
        feed = feed_of(response)
    except InputError as exc:
        yield exc
        return
    yield from feed_items(feed, options, fetcher)
    if state is not None:
        state.set_feed_validators(
            response.url, response.headers.get("etag"), response.headers.get("last-modified")
        )


def _conditional(etag: str | None, last_modified: str | None) -> Mapping[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers
