"""The records Parley produces and stores, as plain dataclasses shared by every stage.

This module is the one definition of Parley's output schema. ``to_dict()`` gives the
shapes of the analysis contract in DESIGN.md, which the store keeps, the API returns
and ``parley export --format jsonl`` writes; the API's response models
(``parley.web.models``) and the Parquet schema (``parley.export.contract``) are
generated from these classes by walking ``contract_fields``.

The first records are what the pipeline finds in one article; the ``Stored*`` records,
the rows and the summaries below them are what the store's reads return: the same
records with the ids and the few columns the store adds.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import Field, dataclass, field, fields
from typing import Any, ClassVar, Literal, Union

Span = tuple[int, int]
QuoteKind = Literal["direct", "partial", "indirect"]
# How exactly an event's date is known; "published": only the article's publication date.
DatePrecision = Literal["day", "week", "month", "year", "published"]

# Field metadata: a field the pipeline needs that is not part of the output schema.
INTERNAL: dict[str, Any] = {"contract": False}


def contract_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """The fields of a record class that its ``to_dict()`` writes, with their resolved types, in order."""
    found = _TYPED.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _TYPED[cls] = tuple((f.name, hints[f.name]) for f in _contract(cls))
    return found


def _contract(cls: type) -> tuple[Field[Any], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f for f in fields(cls) if f.metadata.get("contract", True))
    return found


def _layout(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, whether the value needs converting to JSON) for each contract field of ``cls``."""
    found = _LAYOUT.get(cls)
    if found is None:
        found = _LAYOUT[cls] = tuple((name, not _is_json(hint)) for name, hint in contract_fields(cls))
    return found


def _is_json(hint: Any) -> bool:
    """Whether a field of this type holds JSON values as they are: strings, numbers, booleans, None."""
    origin = typing.get_origin(hint)
    if origin is Literal:
        return True
    if origin is Union or origin is types.UnionType:
        return all(_is_json(a) for a in typing.get_args(hint))
    return hint in _JSON_SCALARS


_JSON_SCALARS = (str, int, float, bool, type(None))

# Per class, worked out once: the store makes a record of every row it reads.
_FIELDS: dict[type, tuple[Field[Any], ...]] = {}
_TYPED: dict[type, tuple[tuple[str, Any], ...]] = {}
_LAYOUT: dict[type, tuple[tuple[str, bool], ...]] = {}


def _plain(value: Any) -> Any:
    """A field's value as JSON: records as their dicts, dates as ISO strings, tuples as lists."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, dt.date):  # datetimes too: the store's are aware, so they carry "+00:00"
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Base of every record: ``to_dict()`` writes its contract fields as JSON-ready values."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for name, convert in _layout(type(self)):
            value = getattr(self, name)
            out[name] = _plain(value) if convert else value
        return out


@dataclass(frozen=True, slots=True)
class ActorRef(Record):
    """Who an actor is: canonical name, ISO 3166 alpha-3 country, role and CAMEO-style code.

    Quotes and events name their actors without the code; an article's actors list has it.
    """

    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = field(default=None, metadata=INTERNAL)


@dataclass(slots=True)
class Actor(Record):
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
class Quote(Record):
    """Words attributed to a speaker: ``text`` is ``article.text[start:end]``."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: ActorRef | None
    speaker_mention: Span | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class Plover(Record):
    """An event's PLOVER type, mode and context."""

    type: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event(Record):
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
    date_precision: DatePrecision | None = None
    confidence: float = 0.5
    rule: str = ""


Issue = Literal[
    "ceasefire", "talks", "mediation", "withdrawal", "territory", "sanctions", "prisoners", "arms", "aid",
    "nuclear", "other",
]  # fmt: skip
Stance = Literal["for", "against", "conditional"]
ShiftKind = Literal["walk-back", "reversal", "hardening", "softening"]
ISSUES: tuple[str, ...] = typing.get_args(Issue)
STANCES: tuple[str, ...] = typing.get_args(Stance)
SHIFT_KINDS: tuple[str, ...] = typing.get_args(ShiftKind)


@dataclass(frozen=True, slots=True)
class Position(Record):
    """Where one actor stands on one issue, as one sentence of an article states it.

    ``quotes`` and ``events`` index ``Analysis.quotes`` and ``Analysis.events``;
    ``answers`` indexes ``Analysis.positions``: the offer a rejection answers.
    """

    actor: ActorRef
    issue: Issue
    stance: Stance
    sentence: Span
    condition: str | None = None
    date: dt.date | None = None
    quotes: tuple[int, ...] = ()
    events: tuple[int, ...] = ()
    answers: int | None = None
    confidence: float = 0.5
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Shift(Record):
    """One actor's stance on one issue changing between two positions of an article.

    ``positions`` indexes ``Analysis.positions`` (earlier, later); ``cue`` is the span of
    the words that mark the change, where the text has them. In JSON the stances are
    ``from`` and ``to``.
    """

    actor: ActorRef
    issue: Issue
    from_stance: Stance
    to_stance: Stance
    kind: ShiftKind
    positions: tuple[int, int]
    cue: Span | None = None
    date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict(),
            "issue": self.issue,
            "from": self.from_stance,
            "to": self.to_stance,
            "kind": self.kind,
            "cue": list(self.cue) if self.cue else None,
            "positions": list(self.positions),
            "date": self.date.isoformat() if self.date else None,
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
    dateline: str | None = None  # the place of the dateline, as written: "KYIV", "BRASÍLIA, Brazil"
    dateline_agency: str | None = None  # the agency of the dateline: "Reuters"
    origin: str = ""  # the file path or URL the article came from, for messages
    fetched_at: dt.datetime | None = None
    language: str = "en"
    text_sha256: str = ""
    fingerprint: bytes = b""  # MinHash signature, see parley.clean.dedupe
    republished: bool = False  # its trailer says it was first published elsewhere (a syndicated copy)


@dataclass(slots=True)
class Analysis:
    """Everything extracted from one article."""

    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)

    def to_dict(self, article: Article) -> dict[str, Any]:
        """The analysis contract: one JSON object per article."""
        return {
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "dateline": article.dateline,
            "dateline_agency": article.dateline_agency,
            "text": article.text,
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "source": article.origin,
            "positions": [p.to_dict() for p in self.positions],
            "shifts": [s.to_dict() for s in self.shifts],
        }


# --- what the store's reads return ---------------------------------------------------
#
# Each stored record is a record above with the ids the store adds; the rows of lists
# across articles also carry their article's id, title and publication date.


@dataclass(frozen=True, slots=True)
class StoredActor(Record):
    """An actor of one stored article, with the spans where the article mentions it."""

    id: int
    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredQuote(Quote):
    """A quote as stored, with its id."""

    id: int = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class QuoteRow(StoredQuote):
    """A quote in a list across articles, with the article it comes from."""

    article_id: int = field(kw_only=True)
    article_title: str | None = field(default=None, kw_only=True)
    published: dt.date | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class StoredEvent(Event):
    """An event as stored: with its id, its quote's id, its quad class and its sentence's text."""

    id: int = field(kw_only=True)
    quote_id: int | None = field(default=None, kw_only=True)
    quad_class: int | None = field(default=None, kw_only=True)  # 1-4, from the CAMEO root
    sentence_text: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class EventRow(StoredEvent):
    """An event in a list across articles, with the article it comes from."""

    article_id: int = field(kw_only=True)
    article_title: str | None = field(default=None, kw_only=True)
    published: dt.date | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class ArticleSummary(Record):
    """An article in a list: metadata and counts, no text; a snippet when the list is a search."""

    id: int
    url: str | None
    canonical_url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    fetched_at: dt.datetime | None
    duplicate_of: int | None
    n_quotes: int = 0
    n_events: int = 0
    snippet: str | None = None
    # The text, only when the list was asked for it (`parley articles --format json`).
    text: str | None = field(default=None, metadata=INTERNAL)


@dataclass(frozen=True, slots=True)
class StoredArticle(Record):
    """One stored article with its cleaned text, actors, quotes and events.

    ``origin`` is the path or URL it was read from, ``source`` what it was ingested as
    part of (a feed, a folder, an archive), ``ingested_at`` when it was stored (UTC).
    ``dateline`` is the place of the dateline the cleaned text was opened by, as written,
    and ``dateline_agency`` its agency (see ``parley.clean.dateline``).
    """

    id: int
    url: str | None
    canonical_url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    dateline: str | None = field(default=None, kw_only=True)
    dateline_agency: str | None = field(default=None, kw_only=True)
    fetched_at: dt.datetime | None
    language: str | None
    origin: str | None
    source: str | None
    ingested_at: dt.datetime | None
    duplicate_of: int | None
    text: str
    actors: tuple[StoredActor, ...] = ()
    quotes: tuple[StoredQuote, ...] = ()
    events: tuple[StoredEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorSummary(Record):
    """An actor across the dataset: how often it is mentioned, quoted, and source or target of an event."""

    id: int
    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = None
    n_mentions: int = 0
    n_quotes: int = 0
    n_events_source: int = 0
    n_events_target: int = 0


@dataclass(frozen=True, slots=True)
class ActorDetail(ActorSummary):
    """An actor with what it said, what it did and what was done to it, latest first."""

    quotes: tuple[QuoteRow, ...] = ()
    events_as_source: tuple[EventRow, ...] = ()
    events_as_target: tuple[EventRow, ...] = ()
    # A country's side as a whole (its state, government, officials and forces): the
    # counts and records above are those of all its members.
    side: bool = False
    members: tuple[ActorSummary, ...] = ()


@dataclass(frozen=True, slots=True)
class DyadPeriod(Record):
    """Events between two actors in one period (named by its first day), in either direction.

    ``cooperation`` counts quad classes 1-2, ``conflict`` 3-4.
    """

    period: dt.date
    cooperation: int = 0
    conflict: int = 0
    a_to_b: int = 0
    b_to_a: int = 0


@dataclass(frozen=True, slots=True)
class TimelinePeriod(Record):
    """An actor's events and quotes in one period, with its events counted per PLOVER type."""

    period: dt.date
    events: int = 0
    quotes: int = 0
    types: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TypeCount(Record):
    """How many events of one PLOVER type fell in one period."""

    period: dt.date
    type: str
    n: int


@dataclass(frozen=True, slots=True)
class FeedHealth(Record):
    """A feed: when it was last read (UTC), the articles it gave and the reads that failed."""

    url: str
    checked_at: dt.datetime | None = None
    articles: int = 0
    failures: int = 0


@dataclass(frozen=True, slots=True)
class Stats(Record):
    """What the store holds: counts of every record, and the span of publication dates.

    ``sources`` counts the distinct ``source`` values articles were added with;
    ``sources_done`` the entries of the resume log. ``undated_events`` have neither a
    date nor a publication date (charts and dyads leave them out); ``failures_by_reason``
    counts failed inputs per reason, most frequent first; ``feeds`` says how each feed fares.
    """

    articles: int
    duplicates: int
    failures: int
    actors: int
    mentions: int
    quotes: int
    events: int
    sources: int
    sources_done: int
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    undated_events: int = 0
    failures_by_reason: dict[str, int] = field(default_factory=dict)
    feeds: tuple[FeedHealth, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure(Record):
    """An input that could not be ingested: what it was, why, and when (UTC)."""

    id: int
    origin: str
    reason: str
    at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class StoredPosition(Record):
    """A position as stored: its actor, the ids of the records it rests on, and its article.

    ``day`` is its date, else its article's publication date; ``answers_id`` the stored
    position (an offer) a rejection answers.
    """

    id: int
    actor: ActorRef
    issue: Issue
    stance: Stance
    sentence: Span
    condition: str | None = None
    date: dt.date | None = None
    day: dt.date | None = None
    actor_code: str | None = None
    quote_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()
    answers_id: int | None = None
    confidence: float = 0.5
    rule: str = ""
    article_id: int = 0
    article_title: str | None = None
    published: dt.date | None = None
    sentence_text: str | None = None


@dataclass(frozen=True, slots=True)
class ShiftRow(Record):
    """A shift as stored, within one article or across two: ``positions`` are the stored ids of
    the earlier and the later position; ``cue`` is in the later one's article. In JSON the
    stances are ``from`` and ``to``, as in the analysis contract."""

    id: int
    actor: ActorRef
    issue: Issue
    from_stance: Stance
    to_stance: Stance
    kind: ShiftKind
    positions: tuple[int, int]
    cue: Span | None = None
    cue_text: str | None = None
    date: dt.date | None = None
    across_articles: bool = False
    article_id: int = 0
    article_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = Record.to_dict(self)
        out["from"], out["to"] = out.pop("from_stance"), out.pop("to_stance")
        return out


@dataclass(frozen=True, slots=True)
class ProcessSummary(Record):
    """A process in the list: its id (``RUS-UKR``), its parties and the negotiation events between them."""

    id: str
    parties: tuple[str, ...]
    events: int


@dataclass(frozen=True, slots=True)
class TimelineStep(EventRow):
    """An event of a process's timeline, with the step of a negotiation it is ("offer", "rejection")."""

    kind: str = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class MatrixCell(Record):
    """One actor's stance on one issue: its latest position and every position, oldest first."""

    latest: StoredPosition
    history: tuple[StoredPosition, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow(Record):
    """A party's or mediator's stances, per issue."""

    actor: str
    issues: dict[str, MatrixCell] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Process(Record):
    """A conflict seen as a negotiation: parties, mediators, the timeline, every position of
    its actors (and their matrix, parties then mediators by issue) and their shifts."""

    id: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    timeline: tuple[TimelineStep, ...] = ()
    positions: tuple[StoredPosition, ...] = ()
    shifts: tuple[ShiftRow, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()
