"""Text folding for the gold comparisons: quote marks, whitespace and case never decide a match.

Gold files are typed by hand, so "We’re" in a gold quote must find "We're" in an article,
and a doubled space or a line break must not hide a sentence. Folding keeps, for every
folded character, its offset in the original text so spans can be compared in one
coordinate system.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher

DOUBLE_QUOTES = frozenset('"“”„‟«»″〝〞＂')
SINGLE_QUOTES = frozenset("'‘’‚‛‹›′`´")
# What "ignoring quotation marks and trailing punctuation" strips from the ends of a quote.
_EDGE_PUNCTUATION = frozenset(",.;:!?…—–-")
_LEADING = DOUBLE_QUOTES | SINGLE_QUOTES
_TRAILING = _LEADING | _EDGE_PUNCTUATION


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and, for each of its characters, the offset of that character in the original."""

    text: str
    origin: tuple[int, ...]

    def index(self, offset: int) -> int:
        """The folded position of an original character offset (the first folded char at or after it)."""
        return bisect_left(self.origin, offset)


def fold(text: str, *, drop_quotes: bool = False, keep_case: bool = False) -> Folded:
    """Fold ``text``: lower case, quote marks unified (or dropped), whitespace runs made one space.

    ``drop_quotes`` removes double quotation marks altogether, for comparing sentences
    where a splitter may or may not keep an opening quote mark; ``keep_case`` leaves case alone.
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        if c.isspace():
            if chars and chars[-1] == " ":
                continue
            c = " "
        elif c in DOUBLE_QUOTES:
            if drop_quotes:
                continue
            c = '"'
        elif c in SINGLE_QUOTES:
            c = "'"
        elif not keep_case:
            lower = c.lower()
            # A few characters lower-case to two; keeping them as they are keeps offsets one-to-one.
            if len(lower) == 1:
                c = lower
        chars.append(c)
        origin.append(i)
    return Folded("".join(chars), tuple(origin))


def folded(text: str, *, drop_quotes: bool = False, keep_case: bool = False) -> str:
    """The folded form of ``text``, trimmed, for equality and containment tests."""
    return fold(text, drop_quotes=drop_quotes, keep_case=keep_case).text.strip()


def core_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past surrounding spaces, quote marks and trailing punctuation."""
    while start < end and (text[start].isspace() or text[start] in _LEADING):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return start, end


def quote_core(text: str) -> str:
    """A quote's folded words without the quotation marks and trailing punctuation around them."""
    f = fold(text).text
    start, end = core_bounds(f, 0, len(f))
    return f[start:end]


def occurrences(needle: str, haystack: str) -> list[tuple[int, int]]:
    """Every (possibly overlapping) span where ``needle`` occurs in ``haystack``."""
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = haystack.find(needle)
    while at != -1:
        spans.append((at, at + len(needle)))
        at = haystack.find(needle, at + 1)
    return spans


def longest_common_substring(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
