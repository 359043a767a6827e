"""WARC archives built in the test with warcio: which records become Documents, and the resume log."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley.config import SourceOptions
from parley.errors import DecodeError, TooLargeError
from parley.sources import Document, SourceState, SourceWarning, read_inputs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
TALKS_URL = "https://harbour-wire.example/2025/05/envoys-resume-talks"
CEASEFIRE_URL = "https://harbour-wire.example/2025/05/ceasefire-holds"
TALKS_DATE = "2025-05-03T10:15:00Z"
CEASEFIRE_DATE = "2025-05-04T08:00:00Z"
LEGACY_PAGE = "<html><body><p>The minister’s “offer” was rejected in Genève.</p></body></html>"


def write_warc(path: Path, *, gzip: bool = True) -> None:
    """An archive of two pages plus records that must be skipped: a request, an image, a 404, metadata."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)

        def response(url: str, date: str, status: str, content_type: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)

        request = StatusAndHeaders(
            "GET /2025/05/envoys-resume-talks HTTP/1.1", [("Host", "harbour-wire.example")]
        )
        writer.write_record(writer.create_warc_record(TALKS_URL, "request", http_headers=request))
        response(
            TALKS_URL,
            TALKS_DATE,
            "200 OK",
            "text/html; charset=utf-8",
            (FIXTURES / "article.html").read_bytes(),
        )
        response(
            "https://harbour-wire.example/logo.png", TALKS_DATE, "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"
        )
        response(
            "https://harbour-wire.example/old", TALKS_DATE, "404 Not Found", "text/html", b"<html>gone</html>"
        )
        metadata = writer.create_warc_record(
            TALKS_URL, "metadata", payload=io.BytesIO(b"via: crawler"), warc_content_type="text/plain"
        )
        writer.write_record(metadata)
        response(
            CEASEFIRE_URL, CEASEFIRE_DATE, "200 OK", "text/html", (FIXTURES / "ceasefire.html").read_bytes()
        )
        response(
            "https://harbour-wire.example/legacy",
            CEASEFIRE_DATE,
            "200 OK",
            "text/html; charset=windows-1252",
            LEGACY_PAGE.encode("cp1252"),
        )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    return path


def test_only_html_pages_with_status_200_are_read(archive: Path) -> None:
    items = list(read_inputs([str(archive)], SourceOptions()))
    assert all(isinstance(item, Document) for item in items), items
    talks, ceasefire, legacy = (item for item in items if isinstance(item, Document))
    assert [d.url for d in (talks, ceasefire)] == [TALKS_URL, CEASEFIRE_URL]
    assert talks.kind == ceasefire.kind == "html"
    assert talks.content == (FIXTURES / "article.html").read_text(encoding="utf-8")
    assert ceasefire.content == (FIXTURES / "ceasefire.html").read_text(encoding="utf-8")
    assert talks.fetched_at == dt.datetime.fromisoformat(TALKS_DATE)
    assert ceasefire.fetched_at == dt.datetime.fromisoformat(CEASEFIRE_DATE)
    assert legacy.content == LEGACY_PAGE
    offsets = [int(d.origin.rpartition("@")[2]) for d in (talks, ceasefire, legacy)]
    assert all(d.origin.startswith(f"{archive}@") for d in (talks, ceasefire, legacy))
    assert offsets == sorted(set(offsets))


def test_an_uncompressed_archive_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    write_warc(path, gzip=False)
    urls = [item.url for item in read_inputs([str(path)], SourceOptions()) if isinstance(item, Document)]
    assert urls[:2] == [TALKS_URL, CEASEFIRE_URL]


def test_a_page_over_the_limit_is_an_error_and_the_rest_is_read(archive: Path) -> None:
    limit = len((FIXTURES / "ceasefire.html").read_bytes())  # the talks page is longer, the others fit
    items = list(read_inputs([str(archive)], SourceOptions(max_file_bytes=limit)))
    assert [type(item) for item in items] == [TooLargeError, Document, Document]
    assert items[0].source.startswith(f"{archive}@")  # type: ignore[union-attr]


def test_a_finished_archive_is_marked_done_and_skipped(archive: Path, state: SourceState) -> None:
    assert len(list(read_inputs([str(archive)], SourceOptions(), state))) == 3
    assert state.is_source_done(str(archive.resolve()))
    assert list(read_inputs([str(archive)], SourceOptions(), state)) == []


def test_an_archive_read_halfway_is_read_again(archive: Path, state: SourceState) -> None:
    reader = read_inputs([str(archive)], SourceOptions(), state)
    taken = list(itertools.islice(reader, 3))  # every page handed over, but the next one never asked for
    reader.close()
    assert len(taken) == 3
    assert not state.is_source_done(str(archive.resolve()))
    assert len(list(read_inputs([str(archive)], SourceOptions(), state))) == 3


def record_spans(path: Path) -> list[tuple[int, int]]:
    """(offset, length) of every record of a whole archive."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        return [(records.get_record_offset(), records.get_record_length()) for _ in records]


@pytest.mark.parametrize("gzip", [True, False])
def test_an_archive_cut_in_the_middle_of_any_record(tmp_path: Path, state: SourceState, gzip: bool) -> None:
    whole_archive = tmp_path / "whole.warc"
    write_warc(whole_archive, gzip=gzip)
    data = whole_archive.read_bytes()
    whole_pages = {
        (FIXTURES / name).read_text(encoding="utf-8") for name in ["article.html", "ceasefire.html"]
    }
    spans = record_spans(whole_archive)
    assert len(spans) == 7
    for offset, length in spans:
        path = tmp_path / f"cut-{offset}.warc"
        path.write_bytes(data[: offset + length // 2])
        *pages, error = read_inputs([str(path)], SourceOptions(), state)
        assert isinstance(error, DecodeError), (offset, error)
        assert error.source == str(path)
        assert "damaged or truncated WARC file" in error.reason
        assert all(
            isinstance(page, Document) and page.content in whole_pages for page in pages
        )  # none cut off
        assert not state.is_source_done(str(path.resolve()))


def test_an_archive_without_pages_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record("urn:x", "resource", payload=io.BytesIO(b"x")))
    [warning] = read_inputs([str(path)], SourceOptions())
    assert isinstance(warning, SourceWarning)
    assert "no HTML pages" in warning.reason
