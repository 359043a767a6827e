"""Fixtures for the sources tests: a local HTTP server with pages and feeds, options, an in-memory state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from parley.config import FetchOptions, SourceOptions
from tests.httpserver import LocalServer, Reply, Request

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml"
ETAG = '"feed-v1"'
LAST_MODIFIED = "Sat, 03 May 2025 09:00:00 GMT"
MAX_BYTES = 100_000


class MemoryState:
    """A SourceState kept in dicts, with a log of what was marked done."""

    def __init__(self) -> None:
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self.done: list[str] = []

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        return self.validators.get(url, (None, None))

    def set_feed_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.validators[url] = (etag, last_modified)

    def is_source_done(self, origin: str) -> bool:
        return origin in self.done

    def mark_source_done(self, origin: str) -> None:
        self.done.append(origin)


def fixture_bytes(name: str, base: str = "") -> bytes:
    """A fixture file, with ``{base}`` replaced by the server's address (feeds link to served pages)."""
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def _conditional_feed(body: bytes) -> Callable[[Request], Reply]:
    """A feed that honours If-None-Match and If-Modified-Since, as a well-behaved server does."""

    def answer(request: Request) -> Reply:
        if request.header("if-none-match") == ETAG or request.header("if-modified-since") == LAST_MODIFIED:
            return Reply(status=304, content_type=None)
        return Reply(body=body, content_type=RSS, headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    return answer


def _huge(_: Request) -> Reply:
    chunk = b"<p>" + b"x" * 16_000 + b"</p>\n"
    return Reply(body=(chunk for _ in range(100)))  # about 1.6 MB, streamed without a Content-Length


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A local server with pages, feeds and every kind of failure the fetcher must survive."""
    with LocalServer() as srv:
        base = srv.url("")
        rss = fixture_bytes("rss.xml", base)
        srv.route("/page.html", Reply(body=fixture_bytes("article.html"), content_type=HTML))
        srv.route("/articles/talks.html", Reply(body=fixture_bytes("article.html"), content_type=HTML))
        srv.route("/articles/ceasefire.html", Reply(body=fixture_bytes("ceasefire.html"), content_type=HTML))
        srv.route(
            "/plain.txt", Reply(body=fixture_bytes("titled.txt"), content_type="text/plain; charset=utf-8")
        )
        srv.route("/moved", Reply(status=302, headers={"Location": "/page.html"}, content_type=None))
        srv.route("/loop", Reply(status=302, headers={"Location": "/loop"}, content_type=None))
        srv.route("/missing", Reply(status=404, body=b"gone", content_type="text/plain"))
        srv.route("/broken", Reply(status=500, body=b"oops", content_type="text/plain"))
        srv.route("/slow", Reply(body=b"<html>late</html>", stall=5.0))
        srv.route("/huge", _huge)
        srv.route("/huge-declared", Reply(body=b"x" * (MAX_BYTES + 1)))
        srv.route("/photo.jpg", Reply(body=b"\xff\xd8\xff\xe0" + b"\0" * 64, content_type="image/jpeg"))
        srv.route("/feed.rss", Reply(body=rss, content_type=RSS))
        srv.route("/feed-as-xml", Reply(body=rss, content_type="text/xml"))
        srv.route("/feed.atom", Reply(body=fixture_bytes("atom.xml"), content_type="application/atom+xml"))
        srv.route("/bozo.rss", Reply(body=fixture_bytes("bozo.xml"), content_type=RSS))
        srv.route("/malformed.rss", Reply(body=fixture_bytes("malformed.xml"), content_type=RSS))
        srv.route("/conditional.rss", _conditional_feed(rss))
        yield srv


@pytest.fixture
def options() -> SourceOptions:
    """Source options with limits small enough for tests: 0.5 s timeout, 100 kB, 3 redirects."""
    return SourceOptions(fetch=FetchOptions(timeout=0.5, max_bytes=MAX_BYTES, max_redirects=3))


@pytest.fixture
def state() -> MemoryState:
    return MemoryState()
