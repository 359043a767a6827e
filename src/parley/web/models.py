"""The JSON API's response and request shapes, so ``/openapi.json`` documents what is really sent.

The records are generated from ``parley.records`` (``model_of``), so the API cannot drift
from what the store returns; only the envelopes (pages, dyad, timeline, errors) and the
ingest request are declared here. A record's fields that are not part of the output
schema, and the article fields that would disclose the server's paths, are not sent.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Collection, Mapping
from dataclasses import is_dataclass
from functools import cache
from typing import Any, Union

from pydantic import BaseModel, Field, create_model, model_validator

from parley import records
from parley.limits import Bucket
from parley.records import contract_fields


def model_of(
    record: type,
    *,
    name: str | None = None,
    exclude: Collection[str] = (),
    replace: Mapping[str, Any] | None = None,
) -> type[BaseModel]:
    """A Pydantic model of a record class: its contract fields, with records nested as models.

    A field that may be None defaults to None; spans and tuples become JSON arrays.
    ``exclude`` leaves fields out; ``replace`` gives some fields another API type.
    """
    fields: dict[str, Any] = {}
    for field_name, hint in contract_fields(record):
        if field_name not in exclude:
            api_type = (replace or {}).get(field_name) or _api_type(hint)
            fields[field_name] = (api_type, None if _optional(hint) else ...)
    model: type[BaseModel] = create_model(name or record.__name__, __doc__=record.__doc__, **fields)
    return model


@cache
def _nested(record: type) -> type[BaseModel]:
    return model_of(record)


def _optional(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType) and type(None) in typing.get_args(hint)


def _api_type(hint: Any) -> Any:
    if isinstance(hint, type) and is_dataclass(hint):
        return _nested(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return Union[tuple(_api_type(a) for a in args)]  # noqa: UP007 (built at run time)
    if origin is tuple:
        item = args[0] if len(args) == 2 and args[1] is Ellipsis else Union[tuple(args)]  # noqa: UP007
        return list[_api_type(item)]  # type: ignore[misc]
    if origin is list:
        return list[_api_type(args[0])]  # type: ignore[misc]
    if origin is dict:
        return dict[str, _api_type(args[1])]  # type: ignore[misc]
    return hint


class ErrorOut(BaseModel):
    """Every error the API returns: one message a user can act on."""

    error: str


ArticleSummary = _nested(records.ArticleSummary)
QuoteRow = _nested(records.QuoteRow)
EventRow = _nested(records.EventRow)
ActorSummary = _nested(records.ActorSummary)
ActorDetail = _nested(records.ActorDetail)
# The resume log is an ingest detail.
Stats = model_of(records.Stats, exclude=("sources_done",))
# An article's events need not repeat what the article itself shows (their sentence's
# text) or holds (the quote an event is reported in, by index); lists of events have them.
ArticleEvent = model_of(
    records.StoredEvent, name="ArticleEvent", exclude=("quote_id", "quad_class", "sentence_text")
)
# The article's origin and source name files and folders on the server: not for callers.
ArticleDetail = model_of(
    records.StoredArticle,
    name="ArticleDetail",
    exclude=("origin", "source", "ingested_at"),
    replace={"events": list[ArticleEvent]},  # type: ignore[valid-type]
)
DyadPeriod = _nested(records.DyadPeriod)
TimelinePeriod = _nested(records.TimelinePeriod)


class ArticlePage(BaseModel):
    """One page of articles; ``next`` is the URL of the following page, or null at the end.

    Every page has ``total``, the number of items of all pages, when asked for with
    ``count``, and ``matched``, a line saying which actors each actor filter matched.
    """

    items: list[ArticleSummary]  # type: ignore[valid-type]
    next: str | None
    total: int | None = None
    matched: list[str] = Field(default_factory=list)


class QuotePage(BaseModel):
    """One page of quotes; ``next`` is the URL of the following page, or null at the end."""

    items: list[QuoteRow]  # type: ignore[valid-type]
    next: str | None
    total: int | None = None
    matched: list[str] = Field(default_factory=list)


class EventPage(BaseModel):
    """One page of events; ``next`` is the URL of the following page, or null at the end."""

    items: list[EventRow]  # type: ignore[valid-type]
    next: str | None
    total: int | None = None
    matched: list[str] = Field(default_factory=list)


class ActorPage(BaseModel):
    """One page of actors; ``next`` is the URL of the following page, or null at the end."""

    items: list[ActorSummary]  # type: ignore[valid-type]
    next: str | None
    total: int | None = None
    matched: list[str] = Field(default_factory=list)


class Dyad(BaseModel):
    """Cooperation and conflict between two actors over time; ``undated`` counts their events
    without a date, which no period can hold."""

    a: str
    b: str
    bucket: Bucket
    items: list[DyadPeriod]  # type: ignore[valid-type]
    undated: int = 0
    matched: list[str] = Field(default_factory=list)


class Timeline(BaseModel):
    """An actor's activity over time."""

    actor: str
    bucket: Bucket
    items: list[TimelinePeriod]  # type: ignore[valid-type]


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


PositionRow = _nested(records.StoredPosition)
ProcessSummary = _nested(records.ProcessSummary)
# A shift's stances are "from" and "to" in JSON, as in the analysis contract.
ShiftRow = create_model(  # type: ignore[call-overload]
    "ShiftRow",
    __doc__=records.ShiftRow.__doc__,
    **{
        ("from" if name == "from_stance" else "to" if name == "to_stance" else name): (
            _api_type(hint),
            None if _optional(hint) else ...,
        )
        for name, hint in contract_fields(records.ShiftRow)
    },
)
Process = model_of(records.Process, replace={"shifts": list[ShiftRow]})  # type: ignore[valid-type]


class PositionPage(BaseModel):
    """One page of positions; ``next`` is the URL of the following page, or null at the end."""

    items: list[PositionRow]  # type: ignore[valid-type]
    next: str | None
    total: int | None = None
    matched: list[str] = Field(default_factory=list)


class ShiftPage(BaseModel):
    """One page of shifts; ``next`` is the URL of the following page, or null at the end."""

    items: list[ShiftRow]  # type: ignore[valid-type]
    next: str | None
    total: int | None = None
    matched: list[str] = Field(default_factory=list)


class ProcessList(BaseModel):
    """The processes found in the store, the busiest first."""

    items: list[ProcessSummary]  # type: ignore[valid-type]
