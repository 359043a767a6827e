"""OPML: the feeds of a subscriptions file, at any depth; what Parley writes reads back the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parley.errors import InputError, NotFoundError
from parley.sources.opml import OpmlFeed, read_opml, write_opml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "subscriptions.opml"


def test_read_opml_finds_feeds_in_folders_and_prefers_titles() -> None:
    assert read_opml(FIXTURE) == [
        OpmlFeed("https://a.example/world.rss", "Wire A world news"),
        OpmlFeed("https://b.example/feed.atom", "Wire B"),
        OpmlFeed("https://ministry.example/press.xml", "Ministry statements"),
        OpmlFeed("https://a.example/world.rss", "Wire A again"),
    ]


def test_write_then_read(tmp_path: Path) -> None:
    feeds = [
        OpmlFeed("https://a.example/rss?x=1&y=2", "A & B <news>"),
        OpmlFeed("https://c.example/atom", None),
    ]
    written = write_opml(feeds, title="Parley feeds", created=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC))
    assert (
        'version="2.0"' in written and "<dateCreated>Fri, 02 Jan 2026 03:04:00 +0000</dateCreated>" in written
    )
    path = tmp_path / "out.opml"
    path.write_text(written)
    assert read_opml(path) == [feeds[0], OpmlFeed("https://c.example/atom", "https://c.example/atom")]


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        ("<opml version='2.0'><body>", InputError, "not well-formed XML"),
        ("<rss version='2.0'><channel/></rss>", InputError, "not an OPML file"),
        ("<opml version='2.0'><head/></opml>", InputError, "not an OPML file"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, content: str, error: type[Exception], message: str) -> None:
    path = tmp_path / "bad.opml"
    path.write_text(content)
    with pytest.raises(error, match=message) as raised:
        read_opml(path)
    assert str(path) in str(raised.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        read_opml(tmp_path / "none.opml")
