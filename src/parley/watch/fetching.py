"""Downloading watched feeds: the sources stage's ``Fetcher``, with per-host limits and redirect history.

This is the one place ``watch`` touches HTTP. It adds two things to
``parley.sources.web.Fetcher`` without changing it: a semaphore per host, so at
most ``per_host`` requests go to one host at once (feed and page fetches alike), and
a transport that notes each hop of the current thread's request, so a watcher can
tell a permanent redirect (301/308: the feed moved) and a 410 (gone) from other
answers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import httpx

from parley.config import FetchOptions, SourceOptions
from parley.errors import InputError
from parley.sources import SourceItem
from parley.sources.document import Document
from parley.sources.feeds import Feed, feed_items, feed_of
from parley.sources.web import Fetcher, Response

PERMANENT = frozenset({301, 308})


@dataclass(frozen=True, slots=True)
class Hop:
    """One request of a download and the status it got (redirects make several)."""

    url: str
    status: int
    location: str | None


class _HopRecorder(httpx.BaseTransport):
    """Wraps a transport and records each request's hop for the thread that asked to record."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self._local = threading.local()

    @contextmanager
    def recording(self) -> Iterator[list[Hop]]:
        hops: list[Hop] = []
        self._local.hops = hops
        try:
            yield hops
        finally:
            self._local.hops = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        hops: list[Hop] | None = getattr(self._local, "hops", None)
        if hops is not None:
            hops.append(Hop(str(request.url), response.status_code, response.headers.get("location")))
        return response

    def close(self) -> None:
        self.inner.close()


class LimitedFetcher(Fetcher):
    """A ``Fetcher`` that sends at most ``per_host`` requests to one host at once, from any thread."""

    def __init__(self, options: FetchOptions, per_host: int, recorder: _HopRecorder) -> None:
        super().__init__(options, transport=recorder)
        self.per_host = per_host
        self.recorder = recorder
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._guard = threading.Lock()

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Response:
        with self._slot(url):
            return super().get(url, headers=headers)

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._guard:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
            # The connection pool is made on first use; made here, under the guard, threads share one.
            self._http()
        with slot:
            yield


@dataclass(slots=True)
class Download:
    """What fetching one feed gave: its items, or that nothing changed, or the error; and where it moved."""

    url: str  # as requested
    moved_to: str | None = None  # the new URL after permanent redirects from the requested one
    not_modified: bool = False
    response: Response | None = None
    items: list[SourceItem] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)  # each item by its origin and URL
    count: int = 0  # items in the feed
    error: InputError | None = None
    http_status: int | None = None  # the final status when the download failed on one
    complete: bool = True  # False when a stop request cut the items short

    @property
    def gone(self) -> bool:
        return self.http_status == 410


class FeedDownloader:
    """Downloads feeds (and, per feed, their items' pages) under per-host limits; thread-safe."""

    def __init__(
        self, sources: SourceOptions, *, per_host: int, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.sources = sources
        self.fetcher = LimitedFetcher(
            sources.fetch, per_host, _HopRecorder(transport or httpx.HTTPTransport())
        )

    def close(self) -> None:
        self.fetcher.close()

    def download(
        self,
        url: str,
        validators: tuple[str | None, str | None],
        *,
        fetch_pages: bool,
        stopping: threading.Event,
    ) -> Download:
        """Fetch ``url`` conditionally and read its items (stopping early when ``stopping`` is set)."""
        with self.fetcher.recorder.recording() as hops:
            try:
                response = self.fetcher.get(url, headers=conditional(*validators))
            except InputError as exc:
                return Download(
                    url, _moved(url, hops), error=exc, http_status=hops[-1].status if hops else None
                )
        moved_to = _moved(url, hops)
        if response.status == 304:
            return Download(url, moved_to, not_modified=True, response=response)
        try:
            feed = feed_of(response)
        except InputError as exc:
            return Download(url, moved_to, response=response, error=exc, http_status=response.status)
        done = Download(url, moved_to, response=response, count=len(feed.items))
        for item in feed.items:
            done.documents[item.origin] = item
            if item.url:
                done.documents.setdefault(item.url, item)
        options = replace(self.sources, fetch_pages=fetch_pages)
        for read in feed_items(feed, options, self.fetcher):
            if stopping.is_set():
                done.complete = False
                break
            done.items.append(read)
        return done

    def reread(self, document: Document) -> list[SourceItem]:
        """Read a failed feed item again, fetching its page when it has a URL."""
        single = Feed(source=document.origin.split("#", 1)[0], title=None, items=(document,))
        options = replace(self.sources, fetch_pages=document.url is not None)
        return list(feed_items(single, options, self.fetcher))


def conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The headers of a conditional GET for a feed's stored validators."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _moved(url: str, hops: list[Hop]) -> str | None:
    """Where permanent redirects from the first request lead; a temporary one ends the chain."""
    current = url
    for hop in hops:
        if hop.status not in PERMANENT or not hop.location:
            break
        current = urljoin(hop.url, hop.location)
    return current if current != url else None
