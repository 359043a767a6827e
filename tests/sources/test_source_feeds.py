"""RSS and Atom feeds from files and URLs: items, lenient parsing, page fetching, conditional requests."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from parley.config import SourceOptions
from parley.errors import FeedError
from parley.sources import Document, SourceItem, SourceState, SourceWarning, read_inputs
from parley.sources.feeds import visible_chars
from tests.httpserver import LocalServer, Reply

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
RSS_TYPE = "application/rss+xml"


def documents(items: list[SourceItem]) -> list[Document]:
    assert all(isinstance(item, Document) for item in items), items
    return [item for item in items if isinstance(item, Document)]


def expected_items(name: str, base: str = "{base}") -> list[feedparser.FeedParserDict]:
    """What feedparser itself finds in a fixture feed (served from ``base``), to compare Documents against."""
    data = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")
    return list(feedparser.parse(data).entries)


def test_rss_file(options: SourceOptions) -> None:
    path = FIXTURES / "rss.xml"
    items = documents(list(read_inputs([str(path)], options)))
    entries = expected_items("rss.xml")
    assert [d.origin for d in items] == [f"{path}#{e.id}" for e in entries]
    assert [d.title for d in items] == [e.title for e in entries]
    assert [d.url for d in items] == [e.link for e in entries]
    assert {d.outlet for d in items} == {"Harbour Wire"}
    assert [d.published for d in items] == [dt.date(*e.published_parsed[:3]) for e in entries]
    assert all(d.kind == "html" for d in items)
    with_content, summary_only = items
    assert with_content.content == entries[0].content[0].value  # content:encoded wins over description
    assert summary_only.content == entries[1].summary


def test_atom_file(options: SourceOptions) -> None:
    path = FIXTURES / "atom.xml"
    first, second = documents(list(read_inputs([str(path)], options)))
    entries = expected_items("atom.xml")
    assert first.outlet == second.outlet == "Observer Mission Bulletin"
    assert first.published == dt.date(*entries[0].published_parsed[:3])
    assert second.published == dt.date(*entries[1].updated_parsed[:3])  # no <published>: <updated>
    assert first.kind == "html"
    assert first.content == entries[0].content[0].value
    assert second.kind == "text"  # an Atom summary without type="html" is plain text
    assert second.content == entries[1].summary
    assert second.url == entries[1].link


@pytest.mark.network
@pytest.mark.parametrize("path", ["/feed.rss", "/feed-as-xml"])
def test_a_feed_url_is_recognised(server: LocalServer, options: SourceOptions, path: str) -> None:
    url = server.url(path)
    items = documents(list(read_inputs([url], options)))
    entries = expected_items("rss.xml", server.url(""))
    assert [d.origin for d in items] == [f"{url}#{e.id}" for e in entries]
    assert [d.url for d in items] == [e.link for e in entries]
    assert all(d.fetched_at is not None for d in items)


@pytest.mark.network
def test_an_atom_url_is_recognised(server: LocalServer, options: SourceOptions) -> None:
    items = documents(list(read_inputs([server.url("/feed.atom")], options)))
    assert [d.title for d in items] == [e.title for e in expected_items("atom.xml")]


def test_a_bozo_feed_with_items_is_read_with_a_warning(options: SourceOptions) -> None:
    path = FIXTURES / "bozo.xml"
    warning, item = read_inputs([str(path)], options)
    assert isinstance(warning, SourceWarning)
    assert warning.source == str(path)
    assert "not a well-formed feed (undefined entity at line" in warning.reason
    assert isinstance(item, Document)
    assert item.outlet == "Careless Courier"
    assert item.url == "https://courier.example/talks"


def test_a_malformed_feed(options: SourceOptions) -> None:
    path = FIXTURES / "malformed.xml"
    [error] = read_inputs([str(path)], options)
    assert isinstance(error, FeedError)
    assert error.source == str(path)
    assert error.reason.startswith("not a readable feed (not well-formed")


@pytest.mark.network
def test_a_malformed_feed_url(server: LocalServer, options: SourceOptions) -> None:
    [error] = read_inputs([server.url("/malformed.rss")], options)
    assert isinstance(error, FeedError)
    assert error.source == server.url("/malformed.rss")


def test_a_page_read_as_a_feed(options: SourceOptions) -> None:
    path = FIXTURES / "article.html"
    [error] = read_inputs([str(path)], replace(options, force_kind="feed"))
    assert isinstance(error, FeedError)
    assert "not an RSS or Atom feed" in error.reason


def test_a_feed_with_no_items_is_a_warning(tmp_path: Path, options: SourceOptions) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    [warning] = read_inputs([str(path)], options)
    assert isinstance(warning, SourceWarning)
    assert warning.reason == "the feed has no items"


@pytest.mark.network
def test_fetch_pages_replaces_short_summaries(server: LocalServer, options: SourceOptions) -> None:
    fetching = replace(options, fetch_pages=True)
    long_item, short_item = documents(list(read_inputs([server.url("/feed.rss")], fetching)))
    entries = expected_items("rss.xml", server.url(""))
    assert visible_chars(entries[0].content[0].value) >= fetching.short_summary_chars
    assert long_item.content == entries[0].content[0].value
    assert server.hits("/articles/talks.html") == 0
    assert short_item.content == (FIXTURES / "ceasefire.html").read_text(encoding="utf-8")
    assert short_item.kind == "html"
    assert short_item.url == server.url("/articles/ceasefire.html")
    assert short_item.title == entries[1].title  # the feed's metadata is kept
    assert short_item.published == dt.date(*entries[1].published_parsed[:3])
    assert short_item.outlet == "Harbour Wire"


@pytest.mark.network
def test_without_fetch_pages_no_page_is_fetched(server: LocalServer, options: SourceOptions) -> None:
    list(read_inputs([server.url("/feed.rss")], options))
    assert [request.path for request in server.requests] == ["/feed.rss"]


@pytest.mark.network
def test_a_page_that_cannot_be_fetched_keeps_the_summary(server: LocalServer, options: SourceOptions) -> None:
    rss = (FIXTURES / "rss.xml").read_text(encoding="utf-8").replace("{base}", server.url(""))
    server.route(
        "/dead-links.rss", Reply(body=rss.replace("ceasefire.html", "gone").encode(), content_type=RSS_TYPE)
    )
    items = list(read_inputs([server.url("/dead-links.rss")], replace(options, fetch_pages=True)))
    assert [type(item) for item in items] == [Document, SourceWarning, Document]
    warning, summary = items[1], items[2]
    assert isinstance(warning, SourceWarning) and isinstance(summary, Document)
    assert warning.source == summary.origin
    assert "HTTP 404 Not Found" in warning.reason
    assert summary.content == expected_items("rss.xml")[1].summary


@pytest.mark.network
def test_conditional_requests_download_nothing_new(
    server: LocalServer, options: SourceOptions, state: SourceState
) -> None:
    url = server.url("/conditional.rss")
    first = documents(list(read_inputs([url], options, state)))
    assert len(first) == 2
    assert state.feed_validators(url) == ('"feed-v1"', "Sat, 03 May 2025 09:00:00 GMT")
    second = list(read_inputs([url], options, state))
    assert second == []
    assert server.hits("/conditional.rss") == 2
    last = server.requests[-1]
    assert last.header("if-none-match") == '"feed-v1"'
    assert last.header("if-modified-since") == "Sat, 03 May 2025 09:00:00 GMT"


@pytest.mark.network
def test_validators_are_kept_only_after_every_item_was_taken(
    server: LocalServer, options: SourceOptions, state: SourceState
) -> None:
    url = server.url("/conditional.rss")
    reader = read_inputs([url], options, state)
    list(itertools.islice(reader, 1))
    reader.close()  # as if the run crashed after the first item
    assert state.feed_validators(url) == (None, None)
    assert len(documents(list(read_inputs([url], options, state)))) == 2
