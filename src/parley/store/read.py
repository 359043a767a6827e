"""The SELECTs behind the store's reads, and the records their rows become.

Rows become the stored records of ``parley.records``: the records of the analysis
contract with their ``id`` and a few columns the views need (article title, quad class,
the sentence's text). Stored times are naive UTC; records carry them as aware times.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, RowMapping, Select, and_, case, func, select

from parley.records import (
    ActorRef,
    EventRow,
    Plover,
    QuoteRow,
    Record,
    StoredActor,
    StoredEvent,
    StoredQuote,
    contract_fields,
)
from parley.store.schema import actors, articles, events, mentions, quotes

R = TypeVar("R", bound=Record)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored (naive UTC) timestamp as an aware one."""
    return None if value is None else value.replace(tzinfo=dt.UTC)


def prefix_range(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range an index can serve (LIKE often cannot)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def like_pattern(text: str) -> str:
    """A LIKE pattern finding ``text`` anywhere, with its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ref(name: str | None, country: str | None, role: str | None) -> ActorRef | None:
    return None if name is None else ActorRef(name, country, role)


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


# --- articles ------------------------------------------------------------------------

_n_quotes = (
    select(func.count()).select_from(quotes).where(quotes.c.article_id == articles.c.id).scalar_subquery()
)
_n_events = (
    select(func.count()).select_from(events).where(events.c.article_id == articles.c.id).scalar_subquery()
)

ARTICLE_LIST_COLUMNS = (
    articles.c.id,
    articles.c.url,
    articles.c.canonical_url,
    articles.c.title,
    articles.c.outlet,
    articles.c.published,
    articles.c.fetched_at,
    articles.c.duplicate_of,
    _n_quotes.label("n_quotes"),
    _n_events.label("n_events"),
)


def from_row(cls: type[R], row: RowMapping, **given: Any) -> R:
    """A record of ``cls`` from a row that holds its fields by name; ``given`` supplies the others.

    A field the row lacks takes its default (an article's ``snippet`` outside a search).
    """
    values = {
        name: utc(row[name]) if isinstance(row[name], dt.datetime) else row[name]
        for name, _ in contract_fields(cls)
        if name not in given and name in row
    }
    return cls(**values, **given)


def article_actors(article_id: int) -> Select[Any]:
    """The actors mentioned in an article with their spans, in the order they were written."""
    return (
        select(
            actors.c.id, actors.c.name, actors.c.country, actors.c.role, actors.c.code,
            mentions.c.start, mentions.c.end,
        )
        .select_from(mentions.join(actors, actors.c.id == mentions.c.actor_id))
        .where(mentions.c.article_id == article_id)
        .order_by(mentions.c.id)
    )  # fmt: skip


def group_actors(rows: Iterable[RowMapping]) -> list[StoredActor]:
    """Mention rows folded into the article's actors, each with its ``mentions`` spans.

    An article lists each actor once: actors with the same name and country (the United
    States as a state and, in one phrase, as its civilians) are one entry, with the role of
    the one mentioned first and every mention, in text order.
    """
    first: dict[tuple[str, str | None], RowMapping] = {}
    spans: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
    for row in rows:
        key = (row["name"], row["country"])
        first.setdefault(key, row)
        spans.setdefault(key, []).append((row["start"], row["end"]))
    return [
        StoredActor(
            row["id"], row["name"], row["country"], row["role"], row["code"], tuple(sorted(spans[key]))
        )
        for key, row in first.items()
    ]


# --- quotes --------------------------------------------------------------------------

_speaker = actors.alias("speaker")


def quote_select() -> Select[Any]:
    """Quotes with their speaker and article, for ``quote_dict``."""
    return select(
        quotes,
        _speaker.c.name.label("speaker_name"),
        _speaker.c.country.label("speaker_country"),
        _speaker.c.role.label("speaker_role"),
        articles.c.title.label("article_title"),
        articles.c.published,
    ).select_from(
        quotes.join(articles, articles.c.id == quotes.c.article_id).outerjoin(
            _speaker, _speaker.c.id == quotes.c.speaker_actor_id
        )
    )


def _article_fields(row: RowMapping) -> dict[str, Any]:
    """What a row of a list across articles says of its article."""
    return {
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "published": row["published"],
    }


def _quote_fields(row: RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "kind": row["kind"],
        "speaker": _ref(row["speaker_name"], row["speaker_country"], row["speaker_role"]),
        "speaker_mention": _span(row["speaker_start"], row["speaker_end"]),
        "cue": row["cue"],
    }


def stored_quote(row: RowMapping) -> StoredQuote:
    """A quote of one article, with its id."""
    return StoredQuote(**_quote_fields(row))


def quote_row(row: RowMapping) -> QuoteRow:
    """A quote of a list across articles: with its id, article and the article's publication date."""
    return QuoteRow(**_quote_fields(row), **_article_fields(row))


# --- events --------------------------------------------------------------------------

_source = actors.alias("source")
_target = actors.alias("target")
_earlier_quotes = quotes.alias("earlier_quotes")

# The event's quote as an index into its article's quotes, as in the contract.
_quote_index = case(
    (events.c.quote_id.is_(None), None),
    else_=select(func.count())
    .select_from(_earlier_quotes)
    .where(_earlier_quotes.c.article_id == events.c.article_id, _earlier_quotes.c.id < events.c.quote_id)
    .scalar_subquery(),
)


def article_text(start: ColumnElement[Any], end: ColumnElement[Any]) -> ColumnElement[Any]:
    """The words of the joined article between two character offsets (SQL counts from 1)."""
    return func.substr(articles.c.text, start + 1, end - start)


def event_select() -> Select[Any]:
    """Events with their actors, article and sentence text, for ``event_dict``."""
    return select(
        events,
        _source.c.name.label("source_name"),
        _source.c.country.label("source_country"),
        _source.c.role.label("source_role"),
        _target.c.name.label("target_name"),
        _target.c.country.label("target_country"),
        _target.c.role.label("target_role"),
        articles.c.title.label("article_title"),
        articles.c.published,
        article_text(events.c.sentence_start, events.c.sentence_end).label("sentence_text"),
        _quote_index.label("quote_index"),
    ).select_from(
        events.join(articles, articles.c.id == events.c.article_id)
        .outerjoin(_source, _source.c.id == events.c.source_actor_id)
        .outerjoin(_target, _target.c.id == events.c.target_actor_id)
    )


def _event_fields(row: RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "source": _ref(row["source_name"], row["source_country"], row["source_role"]),
        "target": _ref(row["target_name"], row["target_country"], row["target_role"]),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "plover": Plover(row["plover_type"], row["plover_mode"], tuple(json.loads(row["plover_context"]))),
        "sentence": (row["sentence_start"], row["sentence_end"]),
        "trigger": (row["trigger_start"], row["trigger_end"]),
        "negated": bool(row["negated"]),
        "conditional": bool(row["conditional"]),
        "hypothetical": bool(row["hypothetical"]),
        "reported": bool(row["reported"]),
        "quote_index": row["quote_index"],
        "quote_id": row["quote_id"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "confidence": row["confidence"],
        "rule": row["rule"],
        "quad_class": row["quad_class"],
        "sentence_text": row["sentence_text"],
    }


def stored_event(row: RowMapping) -> StoredEvent:
    """An event of one article, with its id, quad class and sentence text."""
    return StoredEvent(**_event_fields(row))


def event_row(row: RowMapping) -> EventRow:
    """An event of a list across articles: as ``stored_event``, with its article."""
    return EventRow(**_event_fields(row), **_article_fields(row))


# --- actors --------------------------------------------------------------------------

ACTOR_COLUMNS = (
    actors.c.id,
    actors.c.name,
    actors.c.country,
    actors.c.role,
    actors.c.code,
    actors.c.n_mentions,
    actors.c.n_quotes,
    actors.c.n_events_source,
    actors.c.n_events_target,
)
