"""Web archives (``.warc`` and ``.warc.gz``) read record by record with warcio.

Only ``response`` records with HTTP status 200 and an HTML content type become
Documents; everything else (requests, metadata, redirects, errors, images) is
skipped. Archives are streamed, so ``max_file_bytes`` limits each page, not the file.

Resume: a WARC file is marked done in the ``SourceState`` (under its absolute
path) only when the consumer asks for the next item after the file's last page.
A consumer that stores each article before asking for the next loses nothing when
a run crashes: the re-run reads the unfinished file again from the start and the
store recognises the articles it already has. Files marked done are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from parley.errors import DecodeError, InputError, TooLargeError
from parley.sources.decode import declared_charset, decode, html_charset
from parley.sources.document import Document, SourceState, SourceWarning
from parley.sources.files import unreadable

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_warc(
    path: Path, max_page_bytes: int, state: SourceState | None = None
) -> Iterator[Document | SourceWarning | InputError]:
    """The HTML pages archived in a WARC file, as Documents of kind "html" (see the module docstring)."""
    key = str(path.resolve())
    if state is not None and state.is_source_done(key):
        return
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield unreadable(path, exc)
        return
    pages = 0
    problem: str | None = None
    with stream:
        records = ArchiveIterator(stream)
        end = 0
        try:
            for record in records:
                if not record.rec_type or record.length is None:  # warcio's reading of a cut-off header
                    problem = f"the record at byte {records.get_record_offset()} has an incomplete header"
                    break
                body = record.content_stream().read(max_page_bytes + 1) if _is_html_page(record) else None
                # Only after the read: asking for the offset first would consume the record.
                offset = records.get_record_offset()
                if _cut_off(record):
                    problem = f"the record at byte {offset} is cut off"
                    break
                end = offset + records.get_record_length()
                if body is not None:
                    pages += 1
                    yield _page(record, body, f"{path}@{offset}", max_page_bytes)
            else:
                problem = _unread_tail(stream, end)
        except Exception as exc:  # warcio raises assorted errors on damaged input, even AttributeError
            problem = f"{type(exc).__name__}: {exc}"
    if problem is not None:
        # Not marked done, so a repaired copy is read again.
        yield DecodeError(
            str(path), f"damaged or truncated WARC file ({problem}); read {pages} pages before it"
        )
        return
    if pages == 0:
        yield SourceWarning(str(path), "the archive holds no HTML pages with HTTP status 200")
    if state is not None:
        state.mark_source_done(key)


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = record.http_headers.get_header("content-type") or ""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _cut_off(record: Any) -> bool:
    """Whether the archive ends before the record's declared length, which warcio does not report."""
    stream = record.raw_stream
    while stream.read(65536):
        pass
    return int(getattr(stream, "limit", 0)) > 0


def _unread_tail(stream: BinaryIO, end: int) -> str | None:
    """Why the bytes after the last whole record are not just padding, or None when they are.

    warcio stops quietly at a record cut off in its headers, so a truncated file
    shows up as bytes left over after the last record it returned.
    """
    stream.seek(end)
    tail = stream.read()
    return f"{len(tail):,} bytes after byte {end} are not a whole record" if tail.strip(b"\r\n") else None


def _page(record: Any, body: bytes, origin: str, limit: int) -> Document | InputError:
    if len(body) > limit:
        return TooLargeError(origin, f"the archived page is over the limit of {limit:,} bytes")
    content_type = record.http_headers.get_header("content-type") or ""
    declared = declared_charset(content_type) or html_charset(body)
    try:
        page = decode(body, origin, declared)
    except DecodeError as exc:
        return exc
    return Document(
        origin=origin,
        kind="html",
        content=page,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        crawled=True,
    )


def _warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
