"""The records Parley produces, as plain dataclasses shared by every stage.

``to_dict()`` gives the shapes of the analysis contract in DESIGN.md, which the
store keeps, the API returns and ``parley export --format jsonl`` writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ActorRef:
    """Who an actor is: canonical name, ISO 3166 alpha-3 country, role and CAMEO-style code."""

    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "role": self.role}


@dataclass(slots=True)
class Actor:
    """An actor of one article with every span where it is mentioned."""

    ref: ActorRef
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.ref.name,
            "country": self.ref.country,
            "role": self.ref.role,
            "code": self.ref.code,
            "mentions": [list(m) for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: ``text`` is ``article.text[start:end]``."""

    text: str
    start: int
    end: int
    kind: str  # "direct", "partial" or "indirect"
    speaker: ActorRef | None
    speaker_mention: Span | None
    cue: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_mention": list(self.speaker_mention) if self.speaker_mention else None,
            "cue": self.cue,
        }


@dataclass(frozen=True, slots=True)
class Plover:
    """An event's PLOVER type, mode and context."""

    type: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": list(self.context)}


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom and when, tied to its sentence and trigger."""

    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_root: str
    plover: Plover
    sentence: Span
    trigger: Span
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False
    reported: bool = False  # claimed inside a quotation or by "analysts say", not asserted
    quote_index: int | None = None  # index into Analysis.quotes when reported in a quote
    date: dt.date | None = None
    date_precision: str | None = None  # day, week, month, year, published
    confidence: float = 0.5
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover.to_dict(),
            "sentence": list(self.sentence),
            "trigger": list(self.trigger),
            "negated": self.negated,
            "conditional": self.conditional,
            "hypothetical": self.hypothetical,
            "reported": self.reported,
            "quote_index": self.quote_index,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Article:
    """A cleaned article, ready for analysis and storage."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    canonical_url: str | None = None
    origin: str = ""  # the file path or URL the article came from, for messages
    fetched_at: dt.datetime | None = None
    language: str = "en"
    text_sha256: str = ""
    fingerprint: bytes = b""  # MinHash signature, see parley.clean.dedupe

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
        }


@dataclass(slots=True)
class Analysis:
    """Everything extracted from one article."""

    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self, article: Article) -> dict[str, Any]:
        """The analysis contract: one JSON object per article."""
        return {
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "text": article.text,
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "source": article.origin,
        }
