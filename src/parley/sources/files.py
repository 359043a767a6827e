"""Local inputs: plain-text and HTML files, directories of them, and JSON Lines files."""

from __future__ import annotations

import datetime as dt
import errno
import fnmatch
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from parley.errors import DecodeError, InputError, NoBodyError, NotFoundError, TooLargeError
from parley.sources.decode import decode, html_charset, is_binary
from parley.sources.document import Document

# A first "line" longer than this is a paragraph that happens to stand alone, not a headline.
MAX_TITLE_CHARS = 200
# Closing quotation marks and brackets that may follow a sentence's full stop.
CLOSING_MARKS = "\"'\u201d\u2019)]"
JSONL_FIELDS = ("url", "title", "published", "outlet", "text", "html")


def list_articles(directory: Path, include: Sequence[str]) -> list[Path]:
    """The files under ``directory`` (recursively) whose names match ``include``, sorted.

    Hidden files and directories (names starting with ".") are skipped. A pattern
    with a "/" is matched against the path relative to ``directory``.
    """
    found: list[tuple[str, Path]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(root, name)
            relative = path.relative_to(directory).as_posix()
            if any(fnmatch.fnmatch(relative if "/" in p else name, p) for p in include):
                found.append((relative, path))
    return [path for _, path in sorted(found)]


def unreadable(path: Path, exc: OSError) -> InputError:
    """The error that names a file the system would not open, and why."""
    if isinstance(exc, FileNotFoundError):
        return NotFoundError(str(path), "no such file or directory")
    if exc.errno == errno.ELOOP:
        return InputError(str(path), "a loop of symbolic links (a link that leads back to itself)")
    return InputError(str(path), f"cannot be read ({exc.strerror or exc})")


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a file, or ``TooLargeError`` when it is over ``limit`` bytes."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise TooLargeError(
                str(path),
                f"{size:,} bytes is over the limit of {limit:,} bytes; raise it (--max-bytes) to read it",
            )
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from exc


def text_document(
    text: str, origin: str, *, url: str | None = None, fetched_at: dt.datetime | None = None
) -> Document:
    """A plain-text article: its first line is the title only when a blank line follows it."""
    title, body = split_title(text)
    if not body.strip():
        raise NoBodyError(origin, "empty: no article text")
    return Document(origin=origin, kind="text", content=body, url=url, title=title, fetched_at=fetched_at)


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)`` of a plain text: a short first line followed by a blank line is a title,
    unless it ends as a sentence does (headlines carry no full stop; a one-sentence lead does)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    first, newline, rest = text.partition("\n")
    line = first.strip()
    if (
        newline
        and rest.startswith("\n")
        and line
        and len(line) <= MAX_TITLE_CHARS
        and not _ends_sentence(line)
    ):
        return line, rest.lstrip("\n")
    return None, text


def _ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSING_MARKS).endswith(".")


def read_text_file(data: bytes, origin: str, warnings: list[str] | None = None) -> Document:
    """A plain-text file as a Document of kind "text"; decoding warnings are added to ``warnings``."""
    return text_document(decode(data, origin, warnings=warnings), origin)


def read_html_file(data: bytes, origin: str, warnings: list[str] | None = None) -> Document:
    """An HTML file as a Document of kind "html" whose content is the whole page."""
    page = decode(data, origin, html_charset(data), warnings=warnings)
    if not page.strip():
        raise NoBodyError(origin, "empty file (no HTML)")
    return Document(origin=origin, kind="html", content=page)


def read_jsonl(path: Path, max_line_bytes: int) -> Iterator[Document | InputError]:
    """The articles of a JSON Lines file, one per line, streamed.

    Each line is an object with ``text`` or ``html`` (``text`` wins when both are
    there) and optionally ``url``, ``title``, ``published`` (an ISO 8601 date) and
    ``outlet``. A bad line yields an error naming ``path:LINE`` and the rest are read.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield unreadable(path, exc)
        return
    with stream:
        if is_binary(stream.read(8192)):
            yield DecodeError(str(path), "binary file (not JSON Lines)")
            return
        stream.seek(0)
        records = 0
        for number, line in _lines(stream, max_line_bytes):
            origin = f"{path}:{number}"
            if line is None:
                yield TooLargeError(origin, f"line is over the limit of {max_line_bytes:,} bytes")
                continue
            if not line.strip():
                continue
            records += 1
            try:
                yield jsonl_document(line, origin)
            except InputError as exc:
                yield exc
        if records == 0:
            yield NotFoundError(str(path), "no articles (the file has no JSON lines)")


def jsonl_document(line: bytes, origin: str) -> Document:
    """One JSON line as a Document, or an ``InputError`` naming ``origin`` and what is wrong."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(origin, "not UTF-8 (JSON Lines must be UTF-8)") from exc
    try:
        record = json.loads(decoded)
    except RecursionError:
        # The parser recurses once per level of nesting; no article record is that deep.
        raise DecodeError(origin, "JSON nested too deeply to be an article record") from None
    except json.JSONDecodeError as exc:
        # Some of the parser's messages end in "at" ("Unterminated string starting at").
        raise DecodeError(
            origin, f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"
        ) from exc
    if not isinstance(record, dict):
        raise DecodeError(origin, f"expected a JSON object, got {_json_type(record)}")
    fields: dict[str, str | None] = {}
    for key in JSONL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise DecodeError(origin, f'"{key}" must be a string, got {_json_type(value)}')
        fields[key] = value.strip() if isinstance(value, str) and value.strip() else None
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        kind, content = "text", text
    elif isinstance(html, str) and html.strip():
        kind, content = "html", html
    else:
        raise NoBodyError(origin, 'no article: the line needs a non-empty "text" or "html"')
    return Document(
        origin=origin,
        kind=kind,
        content=content,
        url=fields["url"],
        title=fields["title"],
        published=_iso_date(fields["published"], origin),
        outlet=fields["outlet"],
    )


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` pairs, with None for a line longer than ``limit`` (which is skipped)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(limit + 1)
            yield number, None
            continue
        yield number, line


def _iso_date(value: str | None, origin: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise DecodeError(origin, f'"published" {value!r} is not an ISO 8601 date like 2025-05-03') from None


def _json_type(value: Any) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value), "null")
