"""The SELECTs behind the store's reads, and the dicts their rows become.

Rows become the shapes of the analysis contract (``parley.records`` ``to_dict()``),
each with its ``id`` and a few columns the views need (article title, quad class,
the sentence's text). Dates and times are ISO strings; times are UTC.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, and_, case, func, or_, select

from parley.errors import QueryError
from parley.limits import MAX_LIMIT
from parley.store.schema import actors, articles, events, mentions, quotes

_ISO3 = re.compile(r"[A-Z]{3}")


def check_limit(limit: int) -> int:
    """``limit`` capped at MAX_LIMIT, or QueryError when it is below 1."""
    if limit < 1:
        raise QueryError(f"limit must be at least 1, not {limit}")
    return min(limit, MAX_LIMIT)


def iso_date(value: dt.date | None) -> str | None:
    """A date as "2025-05-02"."""
    return None if value is None else value.isoformat()


def iso_time(value: dt.datetime | None) -> str | None:
    """A stored (naive UTC) timestamp as "2025-05-02T10:00:00+00:00"."""
    return None if value is None else value.replace(tzinfo=dt.UTC).isoformat()


def actor_match(key: str) -> ColumnElement[bool]:
    """Actors that ``key`` names: an ISO3 country code, a CAMEO-style code, or a name in any case."""
    key = key.strip()
    conditions = [actors.c.name_key == key.casefold(), actors.c.code == key]
    if _ISO3.fullmatch(key):
        conditions.append(actors.c.country == key)
    return or_(*conditions)


def actor_ids(key: str) -> Select[tuple[int]]:
    """The ids of the actors ``key`` names, as a subquery for IN."""
    return select(actors.c.id).where(actor_match(key))


def prefix_range(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range an index can serve (LIKE often cannot)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def like_pattern(text: str) -> str:
    """A LIKE pattern finding ``text`` anywhere, with its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ref(name: str | None, country: str | None, role: str | None) -> dict[str, Any] | None:
    return None if name is None else {"name": name, "country": country, "role": role}


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


def article_summary(row: RowMapping) -> dict[str, Any]:
    """An article of a list: no text; a ``snippet`` when the list was a search."""
    out = {
        "id": row["id"],
        "url": row["url"],
        "canonical_url": row["canonical_url"],
        "title": row["title"],
        "outlet": row["outlet"],
        "published": iso_date(row["published"]),
        "fetched_at": iso_time(row["fetched_at"]),
        "duplicate_of": row["duplicate_of"],
        "n_quotes": row["n_quotes"],
        "n_events": row["n_events"],
    }
    if "snippet" in row:
        out["snippet"] = row["snippet"]
    return out


def article_full(row: RowMapping) -> dict[str, Any]:
    """One article with its text; the caller adds actors, quotes and events."""
    return {
        "id": row["id"],
        "url": row["url"],
        "canonical_url": row["canonical_url"],
        "title": row["title"],
        "outlet": row["outlet"],
        "published": iso_date(row["published"]),
        "fetched_at": iso_time(row["fetched_at"]),
        "language": row["language"],
        "origin": row["origin"],
        "source": row["source"],
        "ingested_at": iso_time(row["ingested_at"]),
        "duplicate_of": row["duplicate_of"],
        "text": row["text"],
    }


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


def group_actors(rows: Iterable[RowMapping]) -> list[dict[str, Any]]:
    """Mention rows folded into contract actor dicts, each with its ``mentions`` spans."""
    by_id: dict[int, dict[str, Any]] = {}
    for row in rows:
        actor = by_id.get(row["id"])
        if actor is None:
            actor = by_id[row["id"]] = {
                "id": row["id"],
                "name": row["name"],
                "country": row["country"],
                "role": row["role"],
                "code": row["code"],
                "mentions": [],
            }
        actor["mentions"].append([row["start"], row["end"]])
    return list(by_id.values())


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


def quote_dict(row: RowMapping) -> dict[str, Any]:
    """A contract quote dict with its id, article and the article's publication date."""
    speaker_start = row["speaker_start"]
    return {
        "id": row["id"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "kind": row["kind"],
        "speaker": _ref(row["speaker_name"], row["speaker_country"], row["speaker_role"]),
        "speaker_mention": None if speaker_start is None else [speaker_start, row["speaker_end"]],
        "cue": row["cue"],
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "published": iso_date(row["published"]),
    }


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
        func.substr(
            articles.c.text, events.c.sentence_start + 1, events.c.sentence_end - events.c.sentence_start
        ).label("sentence_text"),
        _quote_index.label("quote_index"),
    ).select_from(
        events.join(articles, articles.c.id == events.c.article_id)
        .outerjoin(_source, _source.c.id == events.c.source_actor_id)
        .outerjoin(_target, _target.c.id == events.c.target_actor_id)
    )


def event_dict(row: RowMapping) -> dict[str, Any]:
    """A contract event dict with its id, article, quad class and sentence text."""
    return {
        "id": row["id"],
        "source": _ref(row["source_name"], row["source_country"], row["source_role"]),
        "target": _ref(row["target_name"], row["target_country"], row["target_role"]),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "plover": {
            "type": row["plover_type"],
            "mode": row["plover_mode"],
            "context": json.loads(row["plover_context"]),
        },
        "sentence": [row["sentence_start"], row["sentence_end"]],
        "trigger": [row["trigger_start"], row["trigger_end"]],
        "negated": bool(row["negated"]),
        "conditional": bool(row["conditional"]),
        "hypothetical": bool(row["hypothetical"]),
        "reported": bool(row["reported"]),
        "quote_index": row["quote_index"],
        "quote_id": row["quote_id"],
        "date": iso_date(row["date"]),
        "date_precision": row["date_precision"],
        "confidence": row["confidence"],
        "rule": row["rule"],
        "quad_class": row["quad_class"],
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "published": iso_date(row["published"]),
        "sentence_text": row["sentence_text"],
    }


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


def actor_dict(row: RowMapping) -> dict[str, Any]:
    """An actor with how often it is mentioned, quoted, and the source or target of an event."""
    return {c.name: row[c.name] for c in ACTOR_COLUMNS}
