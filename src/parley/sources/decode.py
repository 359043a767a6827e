"""Bytes to text: a byte-order mark or a declared charset first, then UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from parley.errors import DecodeError

BINARY_SNIFF_BYTES = 8192

_BOMS = (
    # UTF-32 LE starts with the UTF-16 LE mark, so the longer marks are tried first.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do the pages written for them.
_WINDOWS_1252_LABELS = {"ascii", "iso8859_1"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def is_binary(data: bytes) -> bool:
    """Whether ``data`` is a binary file rather than text: a NUL byte near the start, no UTF-16/32 mark."""
    if _bom_encoding(data) is not None:
        return False
    return b"\x00" in data[:BINARY_SNIFF_BYTES]


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def decode(
    data: bytes, source: str, declared: str | None = None, *, warnings: list[str] | None = None
) -> str:
    """The text of ``data``, raising ``DecodeError`` (naming ``source``) for binary or undetectable bytes.

    A byte-order mark wins. Then UTF-8, even over a ``declared`` charset (HTTP header
    or meta tag): bytes that are valid UTF-8 and not ASCII are practically never
    meant as anything else, while pages declaring latin-1 but sending UTF-8 are
    common. Then the declared charset. Then mostly-UTF-8 text: when most non-ASCII
    characters are valid UTF-8, the few bytes that are not are replaced by U+FFFD and
    a warning is added to ``warnings`` (a whole-file guess at another
    encoding would turn every curly quote into mojibake). Then detection with
    charset-normalizer, which prefers windows-1252 among equally good guesses because
    undeclared non-UTF-8 English news is nearly always windows-1252 or its subset latin-1.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as exc:
            raise DecodeError(source, f"starts with a {bom} byte-order mark but is not {bom}") from exc
    codec = _codec(declared)
    if codec is not None and codec.startswith(("utf-16", "utf-32")):
        # Wide encodings are full of NUL bytes, so they must be tried before the binary check.
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            codec = None
    if is_binary(data):
        raise DecodeError(source, "binary file (not text, HTML, a feed or JSON Lines)")
    for encoding in ("utf-8", codec):
        if encoding is not None:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        if warnings is not None:
            plural = "s that are" if bad > 1 else " that is"
            warnings.append(f"{bad} byte{plural} not UTF-8 replaced by U+FFFD (the rest is UTF-8)")
        return text
    detected = _detect(data)
    if detected is None:
        raise DecodeError(
            source, "not UTF-8 and its encoding cannot be detected; convert it to UTF-8 or declare a charset"
        )
    return data.decode(detected)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text and number of bad bytes when valid UTF-8 characters outnumber the invalid bytes."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for char in text if "\udc80" <= char <= "\udcff")
    good = sum(1 for char in text if char > "\x7f") - bad
    if not bad or good <= bad:
        return None
    return "".join("\ufffd" if "\udc80" <= char <= "\udcff" else char for char in text), bad


def _bom_encoding(data: bytes) -> str | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    return None


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name.replace("-", "_") in _WINDOWS_1252_LABELS else name


def _detect(data: bytes) -> str | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least_chaos and "cp1252" in (match.encoding, *match.could_be_from_charset):
            return "cp1252"
    best = matches[0].encoding
    return best if isinstance(best, str) else None
