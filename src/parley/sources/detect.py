"""Which reader an input needs: by file extension, by HTTP content type, else by sniffing the bytes."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

SNIFF_BYTES = 65536

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
}
FEED_CONTENT_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

# The root element, after an optional XML declaration, processing instructions, comments and doctype.
_FEED_ROOT = re.compile(
    r"\A(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE
)
_HTML_START = re.compile(
    r"\A(?:\s|<!--.*?-->|<\?xml.*?\?>)*<(?:!DOCTYPE\s+html|html)\b", re.DOTALL | re.IGNORECASE
)


def kind_of_file(path: Path) -> str:
    """The kind ("text", "html", "jsonl", "feed" or "warc") of a file, from its name or else its content."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    kind = _EXTENSIONS.get(path.suffix.lower())
    if kind is not None:
        return kind
    with path.open("rb") as stream:
        return sniff(stream.read(SNIFF_BYTES))


def kind_of_response(content_type: str, body: bytes) -> str:
    """Whether a downloaded body is a "feed", an "html" page or "text", from its type and first bytes."""
    if content_type in FEED_CONTENT_TYPES or looks_like_feed(body):
        return "feed"
    if content_type == "text/plain" and not _HTML_START.match(_head_text(body)):
        return "text"
    return "html"


def sniff(head: bytes) -> str:
    """The kind of an input from its first bytes: a WARC record, a feed, HTML, JSON Lines, else text."""
    if head.startswith(b"WARC/") or _gunzipped_head(head).startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(head):
        return "feed"
    text = _head_text(head)
    if _HTML_START.match(text):
        return "html"
    if _looks_like_jsonl(text):
        return "jsonl"
    return "text"


def looks_like_feed(head: bytes) -> bool:
    """Whether the document's root element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``."""
    return _FEED_ROOT.match(_head_text(head[:SNIFF_BYTES])) is not None


def _head_text(head: bytes) -> str:
    # Sniffing only looks for ASCII markup, so undecodable bytes can be dropped.
    return head[:SNIFF_BYTES].decode("utf-8", errors="ignore").lstrip("\ufeff")


def _gunzipped_head(head: bytes) -> bytes:
    if not head.startswith(b"\x1f\x8b"):
        return b""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return b""


def _looks_like_jsonl(text: str) -> bool:
    """Whether every complete non-blank line of ``text`` is a JSON object (and there is one)."""
    lines = text.split("\n")
    if len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off by the sniff limit
    records = [line for line in lines if line.strip()]
    if not records:
        return False
    for line in records:
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except ValueError:
            return False
    return True
