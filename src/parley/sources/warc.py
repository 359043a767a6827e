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
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from parley.errors import DecodeError, InputError, NotFoundError, TooLargeError
from parley.sources.decode import declared_charset, decode, html_charset
from parley.sources.document import Document, SourceState, SourceWarning

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
    except FileNotFoundError:
        yield NotFoundError(str(path), "no such file or directory")
        return
    except OSError as exc:
        yield InputError(str(path), f"cannot be read ({exc.strerror or exc})")
        return
    pages = 0
    with stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if not _is_html_page(record):
                    continue
                pages += 1
                yield _page(record, f"{path}@{records.get_record_offset()}", max_page_bytes)
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error) as exc:
            # A damaged archive is not marked done, so a repaired copy is read again.
            yield DecodeError(
                str(path), f"not a readable WARC file ({exc}); read {pages} pages before the damage"
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


def _page(record: Any, origin: str, limit: int) -> Document | InputError:
    body = record.content_stream().read(limit + 1)
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
    )


def _warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
