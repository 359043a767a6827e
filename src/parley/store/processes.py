"""Processes: a conflict seen as a negotiation, found in the stored events and positions.

A process is named by its two **parties** (``"RUS-UKR"``: actors are grouped by country,
or by name when they have none). Its **mediators** are the other actors that mediate,
host talks or broker deals with either party (CAMEO 039, 043-045, 057 with a party as
target, see MEDIATION_CODES) or that take a position on the issue ``mediation`` in an
article where a party takes a position or acts. Its **timeline** is every event
between the parties and mediators (or by a party with no target) whose CAMEO code says
what happened in the negotiation: appeals, offers, demands, rejections, threats, ceasefires
declared and broken, talks held, mediation and agreements signed (TIMELINE_KINDS).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from parley.records import (
    MatrixCell,
    MatrixRow,
    Process,
    ProcessSummary,
    StoredPosition,
    TimelineStep,
    contract_fields,
)
from parley.store import read
from parley.store.actors import country_code, resolve
from parley.store.positions import position_row, position_select, shift_row, shift_select
from parley.store.query import check_limit
from parley.store.schema import actors, events, positions, shifts

# CAMEO code prefixes whose source, acting towards a party, is a mediator.
MEDIATION_CODES = ("039", "043", "044", "045", "057")
# CAMEO code prefix -> the kind of step in a negotiation an event is (the longest prefix wins).
TIMELINE_KINDS = {
    "03": "offer",
    "036": "offer of talks",
    "02": "appeal",
    "039": "mediation",
    "04": "talks",
    "045": "mediation",
    "057": "agreement",
    "0871": "ceasefire declared",
    "087": "de-escalation",
    "10": "demand",
    "12": "rejection",
    "13": "threat",
    "18": "attack",
    "19": "fighting",
    "20": "mass violence",
}
# Violence in a sentence that names a truce is a ceasefire broken.
_TRUCE_WORDS = ("ceasefire", "cease-fire", "truce", "armistice")
# Events of a process between its parties for it to be listed.
MIN_EVENTS = 2


def timeline_kind(cameo: str, sentence: str = "") -> str | None:
    """What step of a negotiation an event of ``cameo`` is, or None when it is none."""
    for length in range(len(cameo), 1, -1):
        kind = TIMELINE_KINDS.get(cameo[:length])
        if kind is not None:
            if cameo[:2] in ("18", "19", "20") and any(w in sentence.lower() for w in _TRUCE_WORDS):
                return "ceasefire broken"
            return kind
    return None


def party_key(row: Any, prefix: str) -> str | None:
    """The key an actor column set groups by: its country, else its name."""
    key = row[f"{prefix}_country"] or row[f"{prefix}_name"]
    return None if key is None else str(key)


def _ids(conn: Connection, key: str) -> list[int]:
    """The actors a party or mediator key stands for: a country's side when the key names a
    country, or names actors of one country only ("Zelensky"); else the actors it names."""
    match = resolve(conn, key)
    if match.country is not None:
        return list(match.ids)
    countries = {c for c in conn.scalars(select(actors.c.country).where(actors.c.id.in_(match.ids))) if c}
    return list(resolve(conn, countries.pop()).ids) if len(countries) == 1 else list(match.ids)


def _key_of(conn: Connection, key: str, ids: Sequence[int]) -> str:
    """The process name of an actor key: the country its actors share, else the key as given."""
    countries = {c for c in conn.scalars(select(actors.c.country).where(actors.c.id.in_(ids))) if c}
    return countries.pop() if len(countries) == 1 else key.strip()


def process(conn: Connection, a: str, b: str, mediators: Iterable[str] = ()) -> Process:
    """The process between ``a`` and ``b`` (country codes, actor codes, names or aliases)."""
    a_ids, b_ids = _ids(conn, a), _ids(conn, b)
    party_ids = [*a_ids, *b_ids]
    given = {m: _ids(conn, m) for m in mediators}
    found = _mediators(conn, party_ids)
    mediator_ids: dict[str, list[int]] = {_key_of(conn, m, ids): ids for m, ids in given.items()}
    for key, ids in found.items():
        # A country that mediates does so through its whole side ("Washington", "Trump").
        country = list(resolve(conn, key).ids) if country_code(key) else []
        known = mediator_ids.setdefault(key, [])
        known.extend(i for i in [*ids, *country] if i not in known)
    parties = [_key_of(conn, a, a_ids), _key_of(conn, b, b_ids)]
    for party in parties:
        mediator_ids.pop(party, None)
    everyone = party_ids + [i for ids in mediator_ids.values() for i in ids]
    between = or_(
        and_(events.c.source_actor_id.in_(everyone), events.c.target_actor_id.in_(party_ids)),
        and_(events.c.source_actor_id.in_(party_ids), events.c.target_actor_id.in_(everyone)),
        and_(events.c.source_actor_id.in_(everyone), events.c.target_actor_id.is_(None)),
    )
    query = read.event_select().where(between).order_by(events.c.day.asc().nulls_last(), events.c.id)
    timeline = []
    for row in conn.execute(query).mappings():
        kind = timeline_kind(row["cameo"], row["sentence_text"] or "")
        if kind is None or (row["hypothetical"] and not row["conditional"]):
            continue
        if row["reported"] and row["quote_id"] is None:
            continue  # claimed by analysts or speculation, not done or said by anyone in the process
        event = read.event_row(row)
        values = {name: getattr(event, name) for name, _ in contract_fields(type(event))}
        # An event without a date of its own is placed at its article's publication.
        values["date"] = event.date or event.published
        timeline.append(TimelineStep(**values, kind=kind))
    held = position_select().where(positions.c.actor_id.in_(everyone))
    stances = [
        position_row(r) for r in conn.execute(held.order_by(positions.c.day, positions.c.id)).mappings()
    ]
    moved = shift_select().where(shifts.c.actor_id.in_(everyone)).order_by(shifts.c.day, shifts.c.id)
    return Process(
        id="-".join(parties),
        parties=tuple(parties),
        mediators=tuple(sorted(mediator_ids)),
        timeline=tuple(timeline),
        positions=tuple(stances),
        shifts=tuple(shift_row(r) for r in conn.execute(moved).mappings()),
        matrix=matrix(stances, [*parties, *sorted(mediator_ids)]),
    )


def _mediators(conn: Connection, party_ids: Sequence[int]) -> dict[str, list[int]]:
    """Mediators found in the data: by their events towards a party, or their mediation positions."""
    source = actors.alias("source")
    acting = (
        select(
            source.c.id.label("source_id"),
            source.c.country.label("source_country"),
            source.c.name.label("source_name"),
        )
        .select_from(events.join(source, source.c.id == events.c.source_actor_id))
        .where(
            events.c.target_actor_id.in_(party_ids),
            events.c.source_actor_id.not_in(party_ids),
            or_(*(read.prefix_range(events.c.cameo, code) for code in MEDIATION_CODES)),
        )
    )
    articles_of_parties = select(events.c.article_id).where(
        or_(events.c.source_actor_id.in_(party_ids), events.c.target_actor_id.in_(party_ids))
    )
    stating = (
        select(
            actors.c.id.label("source_id"),
            actors.c.country.label("source_country"),
            actors.c.name.label("source_name"),
        )
        .select_from(positions.join(actors, actors.c.id == positions.c.actor_id))
        .where(
            positions.c.issue == "mediation",
            positions.c.stance.in_(("for", "conditional")),
            positions.c.actor_id.not_in(party_ids),
            positions.c.article_id.in_(articles_of_parties),
        )
    )
    found: dict[str, list[int]] = defaultdict(list)
    for query in (acting, stating):
        for row in conn.execute(query).mappings():
            key = party_key(row, "source")
            if key is not None and row["source_id"] not in found[key]:
                found[key].append(row["source_id"])
    return dict(found)


def matrix(stances: Sequence[StoredPosition], who: Sequence[str]) -> tuple[MatrixRow, ...]:
    """Per actor (parties first, then mediators) and issue: the latest stance and its history."""
    cells: dict[tuple[str, str], list[StoredPosition]] = defaultdict(list)
    for p in stances:
        cells[(p.actor.country or p.actor.name, p.issue)].append(p)
    rows = []
    for actor in who:
        issues = {}
        for (key, issue), history in cells.items():
            if key == actor:
                latest = max(history, key=lambda p: (p.day or dt.date.min, p.id))
                issues[issue] = MatrixCell(latest=latest, history=tuple(history))
        rows.append(MatrixRow(actor=actor, issues=issues))
    return tuple(rows)


def processes(conn: Connection, limit: int = 20) -> list[ProcessSummary]:
    """Pairs of parties with negotiation events between them, the busiest first."""
    source, target = actors.alias("source"), actors.alias("target")
    query = (
        select(
            source.c.country.label("source_country"),
            source.c.name.label("source_name"),
            target.c.country.label("target_country"),
            target.c.name.label("target_name"),
            events.c.cameo,
            func.count().label("n"),
        )
        .select_from(
            events.join(source, source.c.id == events.c.source_actor_id).join(
                target, target.c.id == events.c.target_actor_id
            )
        )
        .group_by(source.c.country, source.c.name, target.c.country, target.c.name, events.c.cameo)
    )
    pairs: Counter[tuple[str, str]] = Counter()
    for row in conn.execute(query).mappings():
        a, b = party_key(row, "source"), party_key(row, "target")
        if a is None or b is None or a == b or timeline_kind(row["cameo"]) is None:
            continue
        if row["cameo"].startswith(MEDIATION_CODES):
            continue
        pairs[(min(a, b), max(a, b))] += int(row["n"])
    busiest = [(pair, n) for pair, n in pairs.most_common() if n >= MIN_EVENTS][: check_limit(limit)]
    return [ProcessSummary(id=f"{a}-{b}", parties=(a, b), events=n) for (a, b), n in busiest]
