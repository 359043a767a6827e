"""Normalising a body's characters and layout so every later offset refers to stable text.

The cleaned body is NFC text whose paragraphs are separated by exactly one blank
line (``"\\n\\n"``) and whose lines carry no leading, trailing or repeated
whitespace. Nothing else changes: curly quotes, dashes and hyphenation stay as the
outlet wrote them.

Plain-text inputs come in two layouts, and the paragraphs are recovered from each:

- one paragraph per line (what aggregators and trafilatura produce, and the seed
  article): every non-empty line becomes a paragraph;
- hard-wrapped paragraphs separated by blank lines (e-mail, wire printouts): the
  lines of a block are joined with a space. A text is taken as hard-wrapped when, in
  its blocks of several lines, at least two lines and at least half of those that
  have a next line end without closing punctuation, i.e. mid-sentence.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

# Invisible characters that break tokens without meaning anything: byte-order mark,
# zero-width space and the C0/C1 controls other than tab and newline.
_INVISIBLE = re.compile("[\ufeff\u200b\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"\s+")
# A line ending in one of these finishes a sentence, a heading quote or a bracket.
_CLOSING = tuple(".!?:;…\"”’')]»")
_WRAPPED_SHARE = 0.5


def normalize_text(text: str) -> str:
    """NFC text with whitespace collapsed inside lines and one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = _SPACES.sub(" ", raw).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if _looks_wrapped(blocks):
        paragraphs = [" ".join(block) for block in blocks]
    else:
        paragraphs = [line for block in blocks for line in block]
    return "\n\n".join(paragraphs)


def _looks_wrapped(blocks: list[list[str]]) -> bool:
    """Whether line breaks inside blocks fall mid-sentence, as in hard-wrapped text."""
    inner = [line for block in blocks for line in block[:-1]]
    # One break is too little evidence: it is as likely a title line above a body.
    if len(inner) < 2:
        return False
    open_ended = sum(1 for line in inner if not line.endswith(_CLOSING))
    return open_ended / len(inner) >= _WRAPPED_SHARE
