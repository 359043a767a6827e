"""The JSON API's response and request shapes, so ``/openapi.json`` documents what is really sent.

They mirror the analysis contract (``parley.records`` ``to_dict()``) plus the ids and
counts the store adds. Unknown keys from the store are dropped rather than leaked.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator


class ErrorOut(BaseModel):
    """Every error the API returns: one message a user can act on."""

    error: str


class ActorRefOut(BaseModel):
    """Who an actor is, as quotes and events name them."""

    name: str
    country: str | None = None
    role: str | None = None


class ActorOut(ActorRefOut):
    """An actor of one article with the spans where it is mentioned."""

    id: int | None = None
    code: str | None = None
    mentions: list[list[int]] = Field(default_factory=list)


class QuoteOut(BaseModel):
    """A quotation: ``text`` is the article text between ``start`` and ``end``."""

    id: int
    text: str
    start: int
    end: int
    kind: str
    speaker: ActorRefOut | None = None
    speaker_mention: list[int] | None = None
    cue: str | None = None


class PloverOut(BaseModel):
    """An event's PLOVER type, mode and context."""

    type: str | None = None
    mode: str | None = None
    context: list[str] = Field(default_factory=list)


class EventOut(BaseModel):
    """Who did what to whom and when, with the offsets of its sentence and trigger."""

    id: int
    source: ActorRefOut | None = None
    target: ActorRefOut | None = None
    cameo: str
    cameo_root: str
    plover: PloverOut
    sentence: list[int]
    trigger: list[int]
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False
    reported: bool = False
    quote_index: int | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    confidence: float
    rule: str = ""


class QuoteRow(QuoteOut):
    """A quote in a list across articles, with the article it comes from."""

    article_id: int
    article_title: str | None = None
    published: dt.date | None = None


class EventRow(EventOut):
    """An event in a list across articles, with its article, quad class and sentence."""

    article_id: int
    article_title: str | None = None
    published: dt.date | None = None
    quad_class: int | None = None
    quote_id: int | None = None
    sentence_text: str | None = None


class ArticleSummary(BaseModel):
    """An article in a list: metadata and counts, no text (a snippet when searching)."""

    id: int
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    fetched_at: dt.datetime | None = None
    duplicate_of: int | None = None
    n_quotes: int = 0
    n_events: int = 0
    snippet: str | None = None


class ArticleDetail(BaseModel):
    """One article with its cleaned text, actors, quotes and events."""

    id: int
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    fetched_at: dt.datetime | None = None
    duplicate_of: int | None = None
    language: str | None = None
    text: str
    actors: list[ActorOut] = Field(default_factory=list)
    quotes: list[QuoteOut] = Field(default_factory=list)
    events: list[EventOut] = Field(default_factory=list)


class ActorSummary(BaseModel):
    """An actor across the dataset with how active it is."""

    id: int
    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = None
    n_mentions: int = 0
    n_quotes: int = 0
    n_events_source: int = 0
    n_events_target: int = 0


class ActorDetail(ActorSummary):
    """An actor with what it said, what it did and what was done to it, latest first."""

    quotes: list[QuoteRow] = Field(default_factory=list)
    events_as_source: list[EventRow] = Field(default_factory=list)
    events_as_target: list[EventRow] = Field(default_factory=list)


class ArticlePage(BaseModel):
    """One page of articles; ``next`` is the URL of the following page, or null at the end."""

    items: list[ArticleSummary]
    next: str | None


class QuotePage(BaseModel):
    """One page of quotes; ``next`` is the URL of the following page, or null at the end."""

    items: list[QuoteRow]
    next: str | None


class EventPage(BaseModel):
    """One page of events; ``next`` is the URL of the following page, or null at the end."""

    items: list[EventRow]
    next: str | None


class ActorPage(BaseModel):
    """One page of actors; ``next`` is the URL of the following page, or null at the end."""

    items: list[ActorSummary]
    next: str | None


class DyadPeriod(BaseModel):
    """Events between two actors in one period, in either direction."""

    period: dt.date
    cooperation: int
    conflict: int
    a_to_b: int
    b_to_a: int


class Dyad(BaseModel):
    """Cooperation and conflict between two actors over time."""

    a: str
    b: str
    bucket: str
    items: list[DyadPeriod]


class TimelinePeriod(BaseModel):
    """An actor's events and quotes in one period, with events counted per PLOVER type."""

    period: dt.date
    events: int
    quotes: int
    types: dict[str, int] = Field(default_factory=dict)


class Timeline(BaseModel):
    """An actor's activity over time."""

    actor: str
    bucket: str
    items: list[TimelinePeriod]


class Stats(BaseModel):
    """What the store holds."""

    articles: int
    duplicates: int
    failures: int
    actors: int
    mentions: int
    quotes: int
    events: int
    sources: int
    first_published: dt.date | None = None
    last_published: dt.date | None = None


MAX_INGEST_CHARS = 2_000_000


class IngestRequest(BaseModel):
    """One document to analyse and store: exactly one of ``text``, ``html`` or ``url``.

    ``title``, ``outlet`` and ``published`` supply metadata the document lacks.
    """

    text: str | None = Field(default=None, min_length=1, max_length=MAX_INGEST_CHARS)
    html: str | None = Field(default=None, min_length=1, max_length=MAX_INGEST_CHARS)
    url: str | None = Field(default=None, min_length=1, max_length=2000, pattern=r"^https?://")
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published: dt.date | None = None

    @model_validator(mode="after")
    def _exactly_one_body(self) -> IngestRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (got {', '.join(given) or 'none'})")
        return self


class IngestResult(BaseModel):
    """What became of an ingested document."""

    id: int
    url: str
