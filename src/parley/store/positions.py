"""Positions and shifts in the store: written with their article, read back as contract dicts.

``write_positions`` runs inside the transaction that writes an article's events and
quotes. Besides the shifts within the article it records **cross-article shifts**: an
actor's first position on an issue in the article, compared with its latest stored
position on that issue from an earlier day. ``rebuild`` derives every article's
positions again from the stored events and quotes (after a lexicon change), oldest
article first, so the history is built up in order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, delete, func, select

from parley.nlp.positions import PositionOptions, default_lexicon, derive_positions, shift_between
from parley.records import ActorRef, Analysis, Event, Plover, Position, Quote, ShiftRow, StoredPosition
from parley.store.read import article_text
from parley.store.schema import actors, articles, events, positions, quotes, shifts

ActorId = Callable[[ActorRef], int]


def write_positions(
    conn: Connection,
    article_id: int,
    text: str,
    published: dt.date | None,
    analysis: Analysis,
    actor_id: ActorId,
    quote_ids: Sequence[int],
    event_ids: Sequence[int],
) -> None:
    """Insert an article's positions and shifts, and its shifts from the actors' stored history.

    ``text`` and ``published`` are the article's; ``quote_ids``/``event_ids`` the stored ids
    of its quotes and events, in the analysis's order.
    """
    ids: list[int] = []
    for position in analysis.positions:
        row = {
            "article_id": article_id,
            "actor_id": actor_id(position.actor),
            "issue": position.issue,
            "stance": position.stance,
            "condition": position.condition,
            "sentence_start": position.sentence[0],
            "sentence_end": position.sentence[1],
            "date": position.date,
            "day": position.date or published,
            "quote_ids": json.dumps([quote_ids[i] for i in position.quotes if 0 <= i < len(quote_ids)]),
            "event_ids": json.dumps([event_ids[i] for i in position.events if 0 <= i < len(event_ids)]),
            "answers_id": ids[position.answers]
            if position.answers is not None and position.answers < len(ids)
            else None,
            "confidence": position.confidence,
            "rule": position.rule,
        }
        ids.append(int(conn.execute(positions.insert().returning(positions.c.id), row).scalar_one()))
    shift_rows = [
        {
            "actor_id": actor_id(shift.actor),
            "issue": shift.issue,
            "from_stance": shift.from_stance,
            "to_stance": shift.to_stance,
            "kind": shift.kind,
            "from_position_id": ids[shift.positions[0]],
            "to_position_id": ids[shift.positions[1]],
            "article_id": article_id,
            "cue_start": shift.cue[0] if shift.cue else None,
            "cue_end": shift.cue[1] if shift.cue else None,
            "day": shift.date or published,
            "across_articles": False,
        }
        for shift in analysis.shifts
    ]
    shift_rows += _history_shifts(conn, article_id, text, analysis.positions, ids, actor_id, published)
    if shift_rows:
        conn.execute(shifts.insert(), shift_rows)


def _history_shifts(
    conn: Connection,
    article_id: int,
    text: str,
    found: Sequence[Position],
    ids: Sequence[int],
    actor_id: ActorId,
    published: dt.date | None,
) -> list[dict[str, Any]]:
    lexicon = default_lexicon()
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    for position, position_id in zip(found, ids, strict=True):
        actor = actor_id(position.actor)
        day = position.date or published
        if (actor, position.issue) in seen or day is None:
            continue
        seen.add((actor, position.issue))
        earlier = conn.execute(
            select(positions.c.id, positions.c.stance, positions.c.day)
            .where(
                positions.c.actor_id == actor,
                positions.c.issue == position.issue,
                positions.c.article_id != article_id,
                positions.c.day < day,
            )
            .order_by(positions.c.day.desc(), positions.c.id.desc())
            .limit(1)
        ).first()
        if earlier is None or earlier.stance == position.stance:
            continue
        before = Position(position.actor, position.issue, earlier.stance, (0, 0), date=earlier.day)
        after = Position(position.actor, position.issue, position.stance, position.sentence, date=day)
        change = shift_between(text, before, after, lexicon)
        if change is None:
            continue
        kind, cue = change
        rows.append(
            {
                "actor_id": actor,
                "issue": position.issue,
                "from_stance": earlier.stance,
                "to_stance": position.stance,
                "kind": kind,
                "from_position_id": earlier.id,
                "to_position_id": position_id,
                "article_id": article_id,
                "cue_start": cue[0] if cue else None,
                "cue_end": cue[1] if cue else None,
                "day": day,
                "across_articles": True,
            }
        )
    return rows


# --- reads ---------------------------------------------------------------------------


def position_select() -> Select[Any]:
    """Positions with their actor, article and sentence text, for ``position_row``."""
    return select(
        positions,
        actors.c.name.label("actor_name"),
        actors.c.country.label("actor_country"),
        actors.c.role.label("actor_role"),
        actors.c.code.label("actor_code"),
        articles.c.title.label("article_title"),
        articles.c.published,
        article_text(positions.c.sentence_start, positions.c.sentence_end).label("sentence_text"),
    ).select_from(
        positions.join(actors, actors.c.id == positions.c.actor_id).join(
            articles, articles.c.id == positions.c.article_id
        )
    )


def position_row(row: RowMapping) -> StoredPosition:
    """A stored position with its actor, article and sentence text."""
    return StoredPosition(
        id=row["id"],
        actor=ActorRef(row["actor_name"], row["actor_country"], row["actor_role"]),
        actor_code=row["actor_code"],
        issue=row["issue"],
        stance=row["stance"],
        condition=row["condition"],
        sentence=(row["sentence_start"], row["sentence_end"]),
        date=row["date"],
        day=row["day"],
        quote_ids=tuple(json.loads(row["quote_ids"])),
        event_ids=tuple(json.loads(row["event_ids"])),
        answers_id=row["answers_id"],
        confidence=row["confidence"],
        rule=row["rule"],
        article_id=row["article_id"],
        article_title=row["article_title"],
        published=row["published"],
        sentence_text=row["sentence_text"],
    )


def shift_select() -> Select[Any]:
    """Shifts with their actor, article and cue words, for ``shift_row``."""
    return select(
        shifts,
        actors.c.name.label("actor_name"),
        actors.c.country.label("actor_country"),
        actors.c.role.label("actor_role"),
        articles.c.title.label("article_title"),
        article_text(shifts.c.cue_start, shifts.c.cue_end).label("cue_text"),
    ).select_from(
        shifts.join(actors, actors.c.id == shifts.c.actor_id).join(
            articles, articles.c.id == shifts.c.article_id
        )
    )


def shift_row(row: RowMapping) -> ShiftRow:
    """A stored shift with its actor, article and cue words."""
    cue = None if row["cue_start"] is None else (row["cue_start"], row["cue_end"])
    return ShiftRow(
        id=row["id"],
        actor=ActorRef(row["actor_name"], row["actor_country"], row["actor_role"]),
        issue=row["issue"],
        from_stance=row["from_stance"],
        to_stance=row["to_stance"],
        kind=row["kind"],
        positions=(row["from_position_id"], row["to_position_id"]),
        cue=cue,
        cue_text=row["cue_text"] if cue else None,
        date=row["day"],
        across_articles=bool(row["across_articles"]),
        article_id=row["article_id"],
        article_title=row["article_title"],
    )


# --- rebuilding ----------------------------------------------------------------------


def rebuild(conn: Connection, options: PositionOptions | None = None) -> tuple[int, int]:
    """Derive every stored article's positions and shifts again; (positions, shifts) written."""
    conn.execute(delete(shifts))
    conn.execute(delete(positions))
    order = select(articles.c.id, articles.c.text, articles.c.published).order_by(
        articles.c.published.asc().nulls_last(), articles.c.id
    )
    for row in list(conn.execute(order)):
        quote_rows, quote_list = _stored_quotes(conn, row.id)
        event_rows, event_list = _stored_events(conn, row.id, quote_rows)
        found, changes = derive_positions(row.text, event_list, quote_list, options, row.published)
        analysis = Analysis(positions=found, shifts=changes)
        refs = _actor_ids(conn, found)
        write_positions(
            conn, row.id, row.text, row.published, analysis, refs.__getitem__, quote_rows, event_rows
        )
    counted = [conn.scalar(select(func.count()).select_from(t)) or 0 for t in (positions, shifts)]
    return int(counted[0]), int(counted[1])


def _actor_ids(conn: Connection, found: Sequence[Position]) -> dict[ActorRef, int]:
    """Stored ids of the positions' actors (they come from stored events and quotes, so they exist)."""
    ids: dict[ActorRef, int] = {}
    for position in found:
        ref = position.actor
        if ref not in ids:
            ids[ref] = int(
                conn.execute(
                    select(actors.c.id).where(
                        actors.c.name == ref.name,
                        func.coalesce(actors.c.country, "") == (ref.country or ""),
                        func.coalesce(actors.c.role, "") == (ref.role or ""),
                    )
                ).scalar_one()
            )
    return ids


def _ref(row: RowMapping, prefix: str) -> ActorRef | None:
    name = row[f"{prefix}_name"]
    if name is None:
        return None
    return ActorRef(name, row[f"{prefix}_country"], row[f"{prefix}_role"], row[f"{prefix}_code"])


def _stored_quotes(conn: Connection, article_id: int) -> tuple[list[int], list[Quote]]:
    speaker = actors.alias("speaker")
    query = (
        select(
            quotes,
            speaker.c.name.label("speaker_name"),
            speaker.c.country.label("speaker_country"),
            speaker.c.role.label("speaker_role"),
            speaker.c.code.label("speaker_code"),
        )
        .select_from(quotes.outerjoin(speaker, speaker.c.id == quotes.c.speaker_actor_id))
        .where(quotes.c.article_id == article_id)
        .order_by(quotes.c.id)
    )
    ids, found = [], []
    for r in conn.execute(query).mappings():
        ids.append(int(r["id"]))
        mention = None if r["speaker_start"] is None else (r["speaker_start"], r["speaker_end"])
        found.append(Quote(r["text"], r["start"], r["end"], r["kind"], _ref(r, "speaker"), mention, r["cue"]))
    return ids, found


def _stored_events(
    conn: Connection, article_id: int, quote_ids: Sequence[int]
) -> tuple[list[int], list[Event]]:
    source, target = actors.alias("source"), actors.alias("target")
    query = (
        select(
            events,
            *(
                getattr(alias.c, column).label(f"{alias.name}_{column}")
                for alias in (source, target)
                for column in ("name", "country", "role", "code")
            ),
        )
        .select_from(
            events.outerjoin(source, source.c.id == events.c.source_actor_id).outerjoin(
                target, target.c.id == events.c.target_actor_id
            )
        )
        .where(events.c.article_id == article_id)
        .order_by(events.c.id)
    )
    index = {quote_id: i for i, quote_id in enumerate(quote_ids)}
    ids, found = [], []
    for r in conn.execute(query).mappings():
        ids.append(int(r["id"]))
        found.append(
            Event(
                source=_ref(r, "source"),
                target=_ref(r, "target"),
                cameo=r["cameo"],
                cameo_root=r["cameo_root"],
                plover=Plover(r["plover_type"], r["plover_mode"], tuple(json.loads(r["plover_context"]))),
                sentence=(r["sentence_start"], r["sentence_end"]),
                trigger=(r["trigger_start"], r["trigger_end"]),
                negated=bool(r["negated"]),
                conditional=bool(r["conditional"]),
                hypothetical=bool(r["hypothetical"]),
                reported=bool(r["reported"]),
                quote_index=index.get(r["quote_id"]) if r["quote_id"] is not None else None,
                date=r["date"],
                date_precision=r["date_precision"],
                confidence=r["confidence"],
                rule=r["rule"],
            )
        )
    return ids, found
