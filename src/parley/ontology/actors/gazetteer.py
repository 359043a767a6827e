"""The actor tables with lookups by the words an article uses, through the one actor matcher
(:class:`~parley.ontology.actors.index.ActorIndex`) that the pipeline uses too."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from parley.ontology.actors.entries import (
    ISO3,
    CountryEntry,
    OrgEntry,
    PersonEntry,
    RoleTerm,
    actor_code,
    clean,
    iso_countries,
    name_key,
)
from parley.ontology.actors.index import ActorIndex
from parley.ontology.actors.loader import ENV_VAR, read_tables

R = TypeVar("R", OrgEntry, PersonEntry)


def _pick(rows: Sequence[R], on: dt.date | None) -> R | None:
    """The row for a day: the first listed that holds on it; without a day, the current one."""
    if on is not None:
        return next((row for row in rows if row.active_on(on)), None)
    current = next((row for row in rows if row.end is None), None)
    if current is not None or not rows:
        return current
    return max(rows, key=lambda row: row.end or dt.date.min)


class Gazetteer:
    """The actor tables with lookups by the words an article uses, matched as the pipeline matches
    them (see :mod:`parley.ontology.actors.index`).

    Build one with ``Gazetteer.default()`` (cached) or ``Gazetteer.load(extra_paths)``; the
    constructor takes entries directly. A user's row for a name the tables know replaces the
    built-in rows (see the loader); where two different entries claim one surface form, the first
    in table order wins.
    """

    def __init__(
        self,
        countries: Iterable[CountryEntry] = (),
        organisations: Iterable[OrgEntry] = (),
        roles: Iterable[RoleTerm] = (),
        people: Iterable[PersonEntry] = (),
    ) -> None:
        self._countries: dict[str, CountryEntry] = {}
        for entry in countries:
            self._countries[entry.iso3] = entry
        self._organisations = tuple(organisations)
        self._roles = tuple(roles)
        self._people = tuple(people)

        self._org_rows: dict[str, list[OrgEntry]] = {}
        for org in self._organisations:
            self._org_rows.setdefault(name_key(org.name), []).append(org)
        self._person_rows: dict[str, list[PersonEntry]] = {}
        self._offices: dict[str, list[PersonEntry]] = {}
        for person in self._people:
            self._person_rows.setdefault(name_key(person.name), []).append(person)
            self._offices.setdefault(name_key(person.office), []).append(person)
        self._index: ActorIndex | None = None
        self._iso_cache: dict[str, CountryEntry | None] = {}

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def load(cls, extra_paths: Iterable[str | os.PathLike[str]] = ()) -> Gazetteer:
        """The built-in tables plus the TSV files (or directories of them) in ``extra_paths``.

        Raises ConfigError naming the file and line of the first bad row.
        """
        tables = read_tables(extra_paths)
        return cls(tables.countries, tables.organisations, tables.roles, tables.people)

    @classmethod
    def default(cls) -> Gazetteer:
        """The built-in tables plus the files named by ``PARLEY_ACTORS``, loaded once per process."""
        return _default(os.environ.get(ENV_VAR, ""))

    # -- the tables ---------------------------------------------------------------------------

    @property
    def index(self) -> ActorIndex:
        """The actor matcher over these tables, built on first use (the pipeline matches with it)."""
        if self._index is None:
            self._index = ActorIndex(self)
        return self._index

    @property
    def countries(self) -> tuple[CountryEntry, ...]:
        """Every country, in table order."""
        return tuple(self._countries.values())

    @property
    def organisations(self) -> tuple[OrgEntry, ...]:
        """Every organisation row, in table order."""
        return self._organisations

    @property
    def roles(self) -> tuple[RoleTerm, ...]:
        """Every role term, in table order."""
        return self._roles

    @property
    def people(self) -> tuple[PersonEntry, ...]:
        """Every office-holder row, in table order."""
        return self._people

    # -- lookups ------------------------------------------------------------------------------

    def country(self, text: str) -> CountryEntry | None:
        """The country a name stands for: "Russia", "Russian Federation", "the UK", "Türkiye".

        Names the table lacks are looked up among ISO 3166 names and official names, and an
        ISO alpha-3 code written in capitals ("DEU") stands for its country.
        """
        found = self.index.lookup(text, "country")
        if found is not None:
            return found.country
        cleaned = clean(text)
        if ISO3.fullmatch(cleaned):
            return self.country_by_code(cleaned)
        return self._iso_name(cleaned)

    def country_by_code(self, iso3: str) -> CountryEntry | None:
        """The country with an ISO 3166 alpha-3 code (or XKX for Kosovo)."""
        entry = self._countries.get(iso3.upper())
        if entry is not None or not ISO3.fullmatch(iso3.upper()):
            return entry
        record = iso_countries().get(alpha_3=iso3.upper())
        return _from_iso(record) if record is not None else None

    def adjective(self, text: str) -> CountryEntry | None:
        """The country of an adjective: "Russian", "British", "Emirati"."""
        found = self.index.lookup(text, "adjective")
        return found.country if found is not None else None

    def demonym(self, text: str) -> CountryEntry | None:
        """The country of a people noun: "Russians", "Britons", "Israelis"."""
        found = self.index.lookup(text, "demonym")
        return found.country if found is not None else None

    def seat(self, text: str) -> CountryEntry | None:
        """The country whose government a capital or seat stands for: "Moscow", "the Kremlin", "Kyiv"."""
        found = self.index.lookup(text, "seat")
        return found.country if found is not None else None

    def organisation(self, text: str, on: dt.date | None = None) -> OrgEntry | None:
        """The organisation a name stands for: "NATO", "State Department", "Fox News", "Hamas".

        With a day, only a row that applies on it; without, the current row.
        """
        found = self.index.lookup(text, "org")
        return _pick(self._org_rows[name_key(found.org.name)], on) if found and found.org else None

    def role_term(self, text: str) -> RoleTerm | None:
        """The role word: "foreign minister", "spokeswoman", "troops"."""
        return self.index.role_of(text)

    def person(self, text: str, on: dt.date | None = None) -> PersonEntry | None:
        """The office-holder row of a full name ("Marco Rubio", "Vladimir Zelensky").

        With a day, only an office held on it (None when the person held none); without, the
        current office, else the most recently left. Where several offices are held at once,
        the one listed first in the table (the main one) wins.
        """
        found = self.index.lookup(text, "person")
        return _pick(self._person_rows[name_key(found.person.name)], on) if found and found.person else None

    def offices_of(self, text: str) -> tuple[PersonEntry, ...]:
        """Every office-holder row of a full name, whatever the dates (for former office holders)."""
        found = self.index.lookup(text, "person")
        return tuple(self._person_rows[name_key(found.person.name)]) if found and found.person else ()

    def holder(
        self, office: str, country: str | None = None, on: dt.date | None = None
    ) -> PersonEntry | None:
        """Who held an office ("Secretary of State", "USA") on a day, or holds it now.

        "Acting" holders count. When several rows qualify (a handover day, when the outgoing
        and the incoming holder share the date), the most recently started wins.
        """
        key = name_key(office)
        rows: list[PersonEntry] = [*self._offices.get(key, ()), *self._offices.get(f"acting {key}", ())]
        candidates = [
            row
            for row in rows
            if (country is None or row.country == country)
            and (row.active_on(on) if on is not None else row.end is None)
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda row: row.start or dt.date.min)

    def people_by_surname(self, surname: str, on: dt.date | None = None) -> list[PersonEntry]:
        """The people known by a surname ("Rubio", "Zelenskyy", "von der Leyen"), one row each.

        With a day, only people who held an office on it, with that office; without, each
        person's current (else latest) office.
        """
        found = (_pick(self._person_rows[key], on) for key in self.index.surname_keys(surname))
        return [row for row in found if row is not None]

    def code(self, country: str | None, role: str | None) -> str:
        """The CAMEO-style code of a country and a role: ``("USA", "GOV")`` -> ``"USAGOV"``."""
        return actor_code(country, role)

    # -- ISO fallback -------------------------------------------------------------------------

    def _iso_name(self, cleaned: str) -> CountryEntry | None:
        if len(cleaned) < 4:
            # Two- and three-letter strings are codes or words ("IN", "CAN"), never names here.
            return None
        key = cleaned.casefold()
        if key not in self._iso_cache:
            records = iso_countries()
            record = None
            for field in ("name", "official_name", "common_name"):
                record = records.get(**{field: cleaned})
                if record is not None:
                    break
            found = None
            if record is not None:
                found = self._countries.get(record.alpha_3) or _from_iso(record)
            self._iso_cache[key] = found
        return self._iso_cache[key]


def _from_iso(record: Any) -> CountryEntry:
    name = getattr(record, "common_name", None) or record.name
    return CountryEntry(record.alpha_3, name)


@functools.lru_cache(maxsize=4)
def _default(env: str) -> Gazetteer:
    return Gazetteer.load([p for p in env.split(os.pathsep) if p.strip()])
