"""Quotation marks: the spans of an article's text that stand between a pair of them.

Straight, curly, angle and (carefully) single curly quotes, including quotes that run over
several paragraphs by the news convention of re-opening each paragraph with a mark. The
actors component reads them (a pronoun inside a quote may refer to anyone) and so does the
quotes component; they are found once per Doc.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

# Opening mark -> the closing marks that end it. Real copy mixes straight and curly double
# marks in one quote (opened “ and closed "), and some opens with a right mark (”Fear...”).
PAIRS: dict[str, str] = {"“": '”"', "”": '”"', "„": "“”", "«": "»", "‹": "›", '"': '"”', "‘": "’"}


OPENERS_BEFORE = " \t\n([{—–-/:;"


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """The words between a pair of quotation marks: ``text[start:end]``, marks excluded."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or of the paragraph end for an unclosed run


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every span of text inside quotation marks, in order, without nesting.

    Straight double quotes open when they follow a space or an opening bracket and close
    otherwise. A single curly quote opens only where it cannot be an apostrophe. A quote
    left open at a paragraph's end continues when the next paragraph opens with the same
    mark (the multi-paragraph convention); otherwise the stray mark is ignored.
    """
    text = _doubled_marks(text)
    spans: list[MarkedSpan] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in PAIRS and _opens(text, i):
            found = _close(text, i)
            if found is not None:
                close, nxt = found
                inner_start, inner_end = _trim(text, i + 1, close)
                if inner_end > inner_start:
                    spans.append(MarkedSpan(inner_start, inner_end, i, close))
                i = nxt
                continue
        i += 1
    return spans


def _doubled_marks(text: str) -> str:
    """The text with two apostrophes or backquotes used as one double mark ('' and ``, the style
    of some archives) written as one straight mark and a space, so that offsets stay the same."""
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    i = 0
    while i < len(chars) - 1:
        pair = text[i : i + 2]
        if pair in ("''", "``") and text[i + 2 : i + 3] != "'":
            before = text[i - 1] if i > 0 else " "
            # Where the mark opens, the space goes before it so that it stays beside its words.
            opening = pair == "``" or before in OPENERS_BEFORE
            chars[i : i + 2] = [" ", '"'] if opening else ['"', " "]
            i += 2
            continue
        i += 1
    return "".join(chars)


_MARKED_KEY = "parley_marked_spans"


def marked_spans(doc: Doc) -> list[MarkedSpan]:
    """The marked spans of a Doc, found once: the actors and the quotes components both read them.

    Kept in ``doc.user_data`` as plain tuples so a Doc still serialises.
    """
    cached = doc.user_data.get(_MARKED_KEY)
    if cached is None:
        cached = [(m.start, m.end, m.open_mark, m.close_mark) for m in find_marked_spans(doc.text)]
        doc.user_data[_MARKED_KEY] = cached
    return [MarkedSpan(*values) for values in cached]


def _opens(text: str, i: int) -> bool:
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if c in '"‘”':
        # A straight double quote, a right double mark or a single curly quote after a letter is
        # a closer or an apostrophe.
        return before in OPENERS_BEFORE or before in "“"
    return True


def _close(text: str, i: int) -> tuple[int, int] | None:
    """Where the quote opened at ``i`` closes: (closing offset, offset to resume scanning)."""
    closers = PAIRS[text[i]]
    single = text[i] == "‘"
    j = i + 1
    while j < len(text):
        c = text[j]
        if c in closers and j > i + 1 and not (single and _is_apostrophe(text, j)):
            return j, j + 1
        if text.startswith("\n\n", j) or (c == "\n" and single):
            if single:
                return None
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and text[k] == text[i]:
                j = k + 1  # the quote goes on in the next paragraph
                continue
            return None
        j += 1
    return None


def _is_apostrophe(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return after.isalpha()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_tokens(doc: Doc) -> set[int]:
    """Tokens inside quotation marks, where "he" or "it" may refer to someone else entirely."""
    inside: set[int] = set()
    for marked in marked_spans(doc):
        span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside
