"""Article text as HTML with quotes highlighted and event triggers marked, built from char offsets.

The text is cut at every span boundary and each piece is escaped on its own, so no
offset can split an HTML entity or let article text through as markup. Spans that are
out of range, empty or overlap an earlier span of the same layer are left unmarked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Span:
    """A marked stretch of the text: ``[start, end)`` with the attributes of its element."""

    start: int
    end: int
    css: str
    title: str
    href: str | None = None
    anchor: str | None = None


def quote_spans(quotes: Sequence[Mapping[str, Any]], actor_href: Callable[[str], str]) -> list[Span]:
    """The highlight of each quote, titled with its speaker and linked to the speaker's page."""
    spans = []
    for quote in quotes:
        speaker = quote.get("speaker")
        if speaker and speaker.get("name"):
            name = str(speaker["name"])
            spans.append(
                Span(
                    int(quote["start"]),
                    int(quote["end"]),
                    "quote",
                    name,
                    href=actor_href(name),
                    anchor=f"q{quote['id']}",
                )
            )
        else:
            spans.append(
                Span(
                    int(quote["start"]),
                    int(quote["end"]),
                    "quote unattributed",
                    "no speaker",
                    anchor=f"q{quote['id']}",
                )
            )
    return spans


def trigger_spans(events: Sequence[Mapping[str, Any]], type_css: Callable[[str | None], str]) -> list[Span]:
    """The mark of each event's trigger, classed and titled by PLOVER type and CAMEO code."""
    spans = []
    for event in events:
        start, end = event["trigger"]
        plover_type = event["plover"].get("type")
        source = (event.get("source") or {}).get("name") or "?"
        target = (event.get("target") or {}).get("name")
        who = f"{source} → {target}" if target else source
        spans.append(
            Span(
                int(start),
                int(end),
                f"trigger {type_css(plover_type)}",
                f"{plover_type or 'statement'} {event['cameo']}: {who}",
                anchor=f"e{event['id']}",
            )
        )
    return spans


def _non_overlapping(spans: Sequence[Span], length: int) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not 0 <= span.start < span.end <= length:
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _open(span: Span, tag: str) -> Markup:
    attrs = Markup(' class="{}" title="{}"').format(span.css, span.title)
    if span.anchor:
        attrs += Markup(' id="{}"').format(span.anchor)
    opening = Markup("<{}{}>").format(Markup(tag), attrs)
    if span.href:
        opening += Markup('<a href="{}">').format(span.href)
    return opening


def _close(span: Span, tag: str) -> Markup:
    closing = Markup("</a>") if span.href else Markup("")
    return closing + Markup("</{}>").format(Markup(tag))


def _inner(text: str, start: int, end: int, triggers: Sequence[Span]) -> Markup:
    """Escaped ``text[start:end]`` with the parts of triggers that fall inside it marked."""
    out = Markup("")
    pos = start
    for trigger in triggers:
        lo, hi = max(trigger.start, start), min(trigger.end, end)
        if lo >= hi:
            continue
        out += escape(text[pos:lo])
        # A trigger cut by a quote boundary gets its anchor only on its first piece.
        piece = trigger if lo == trigger.start else Span(lo, hi, trigger.css, trigger.title)
        out += _open(piece, "mark") + escape(text[lo:hi]) + _close(piece, "mark")
        pos = hi
    return out + escape(text[pos:end])


def highlight(text: str, quotes: Sequence[Span], triggers: Sequence[Span]) -> Markup:
    """The article text as safe HTML: quotes as ``<mark class="quote">``, triggers inside them."""
    kept_quotes = _non_overlapping(quotes, len(text))
    kept_triggers = _non_overlapping(triggers, len(text))
    out = Markup("")
    pos = 0
    for quote in kept_quotes:
        out += _inner(text, pos, quote.start, kept_triggers)
        out += (
            _open(quote, "mark") + _inner(text, quote.start, quote.end, kept_triggers) + _close(quote, "mark")
        )
        pos = quote.end
    return out + _inner(text, pos, len(text), kept_triggers)
