"""Which stored actors a filter names: the one resolver behind every actor filter.

The CLI, the API, the web pages, exports and alerts all pass what a user typed to
``resolve``, so "RUS", "Russia", "russia" and "the Russian Federation" give the same
actors everywhere. A key is tried as, in order:

1. an actor id (digits);
2. a country: an ISO 3166 alpha-3 code in any case, a country's name or alias, or its seat of
   government (Kyiv, the Kremlin), from the
   actor tables (``parley.ontology``). By default it stands for the country's side as a
   whole: the state itself and its government, officials, forces, legislature and courts
   (Moscow, the Kremlin, Putin, Peskov), but not its civilians, companies, rebels or
   opposition. ``exact`` asks for the country's own actor only;
3. a CAMEO-style actor code in any case ("rusgov");
4. an actor's name in any case, with or without a leading "the", or an alias the actor
   tables give for a person or organisation ("Zelenskyy" for "Volodymyr Zelensky");
5. a surname ("peskov" for "Dmitry Peskov"). A surname several actors share is an
   ``AmbiguousActorError`` listing them.

A key that names nothing is a ``QueryError`` saying how to find the actor, never an empty
result that looks like "no events".
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from parley.errors import AmbiguousActorError, QueryError
from parley.ontology.actors import STATE_ROLES, Gazetteer
from parley.store.schema import actors

# How many matched names a summary lists before "and N more".
SHOWN_NAMES = 8

_CODE = re.compile(r"[A-Za-z]{3,}")
_ISO3 = re.compile(r"[A-Za-z]{3}")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """The actors a key stands for.

    ``country`` is set when the key named a country; ``side`` when it stands for the
    country's side as a whole rather than one actor. ``names`` are the matched actors'
    names, most active first.
    """

    key: str
    ids: tuple[int, ...]
    names: tuple[str, ...]
    country: str | None = None
    side: bool = False

    def describe(self) -> str:
        """One line saying what the key matched, for the views to print."""
        shown = ", ".join(self.names[:SHOWN_NAMES])
        if len(self.names) > SHOWN_NAMES:
            shown += f" and {len(self.names) - SHOWN_NAMES} more"
        if self.side:
            what = f"{self.country}'s side, {len(self.ids)} actor{'s' if len(self.ids) != 1 else ''}"
            return f"{self.key!r} matched {what}: {shown or 'none stored yet'}"
        if not self.ids:
            return f"{self.key!r} matched no stored actor"
        return f"{self.key!r} matched {shown}"


def country_code(key: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO alpha-3 code of a country code in any case, a country's name, or its seat of
    government ("Kyiv", "the Kremlin" stand for their state, as in the articles), else None."""
    text = key.strip()
    if not text:
        return None
    table = gazetteer or Gazetteer.default()
    if _ISO3.fullmatch(text):
        entry = table.country_by_code(text.upper())
        if entry is not None:
            return entry.iso3
    # The tables match some lower-case forms only as written in articles; a filter is typed
    # in any case, so the capitalised form is tried too ("russia" as "Russia").
    for form in dict.fromkeys((text, string.capwords(text))):
        entry = table.country(form) or table.seat(form)
        if entry is None and form.casefold().startswith("the "):
            entry = table.country(form[4:]) or table.seat(form[4:])
        if entry is not None:
            return entry.iso3
    return None


def check_country(key: str, conn: Connection) -> str:
    """The ISO alpha-3 code ``key`` names, or a QueryError naming it and the stored countries."""
    iso3 = country_code(key)
    if iso3 is None:
        stored = sorted(c for c in conn.scalars(select(actors.c.country).distinct()) if c)
        raise QueryError(
            f"country {key!r}: not an ISO 3166 alpha-3 code or a country name; "
            f"the store has {', '.join(stored) or 'no countries yet'}"
        )
    return iso3


def resolve(conn: Connection, key: str, *, exact: bool = False) -> ActorMatch:
    """The actors ``key`` names (see the module docstring); QueryError when it names none."""
    text = key.strip()
    if not text:
        raise QueryError("actor: an empty name matches nothing; give a name, code or country")
    if text.isascii() and text.isdigit() and int(text) < 2**63:
        return _match(conn, text, actors.c.id == int(text)) or _nothing(text)
    iso3 = country_code(text)
    if iso3 is not None:
        return _country(conn, text, iso3, exact=exact)
    if _CODE.fullmatch(text):
        found = _match(conn, text, actors.c.code == text.upper())
        if found is not None:
            return found
    keys = _name_keys(text)
    found = _match(conn, text, actors.c.name_key.in_(keys))
    if found is not None:
        return found
    return _by_surname(conn, text) or _nothing(text)


def _country(conn: Connection, key: str, iso3: str, *, exact: bool) -> ActorMatch:
    same_country = actors.c.country == iso3
    if exact:
        # The country's own actor: the one without a role, or the one named as the key or the
        # country ("Russia" coded RUS GOV).
        entry = Gazetteer.default().country_by_code(iso3)
        own_names = {key.strip().casefold(), *((entry.name.casefold(),) if entry else ())}
        condition = and_(same_country, or_(actors.c.role.is_(None), actors.c.name_key.in_(own_names)))
    else:
        condition = and_(same_country, or_(actors.c.role.is_(None), actors.c.role.in_(STATE_ROLES)))
    ids, names = _rows(conn, condition)
    return ActorMatch(key=key, ids=ids, names=names, country=iso3, side=not exact)


def _name_keys(text: str) -> list[str]:
    """The case-folded names ``text`` may stand for: itself, without "the", and table aliases."""
    forms = [text]
    if text.casefold().startswith("the "):
        forms.append(text[4:])
    table = Gazetteer.default()
    for form in list(forms):
        person = table.person(form)
        if person is not None:
            forms.append(person.name)
        org = table.organisation(form)
        if org is not None:
            forms.append(org.name)
    return list(dict.fromkeys(f.strip().casefold() for f in forms))


def _by_surname(conn: Connection, text: str) -> ActorMatch | None:
    surname = text.casefold()
    if " " in surname.strip() or len(surname) < 3:
        return None
    escaped = surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    names = {p.name.casefold() for p in Gazetteer.default().people_by_surname(text)}
    condition = or_(actors.c.name_key.like(f"% {escaped}", escape="\\"), actors.c.name_key.in_(names))
    ids, found = _rows(conn, condition)
    distinct = list(dict.fromkeys(found))
    if len(distinct) > 1:
        raise AmbiguousActorError(text, distinct)
    if not ids:
        return None
    return ActorMatch(key=text, ids=ids, names=tuple(distinct))


def _match(conn: Connection, key: str, condition: ColumnElement[bool]) -> ActorMatch | None:
    ids, names = _rows(conn, condition)
    if not ids:
        return None
    return ActorMatch(key=key, ids=ids, names=tuple(dict.fromkeys(names)))


def _rows(conn: Connection, condition: ColumnElement[bool]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    query = (
        select(actors.c.id, actors.c.name).where(condition).order_by(actors.c.activity.desc(), actors.c.id)
    )
    rows = conn.execute(query).all()
    return tuple(int(r.id) for r in rows), tuple(str(r.name) for r in rows)


def _nothing(key: str) -> ActorMatch:
    raise QueryError(
        f"actor {key!r}: no stored actor has this id, name, code or country; "
        f"list them with `parley actors --search {key}`"
    )
