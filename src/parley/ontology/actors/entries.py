"""The entries of the actor tables: countries, organisations, role words and office holders."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

ROLE_CODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "GOV": "government: heads of state and government, ministers, officials, diplomats",
        "MIL": "military: armed forces, defence ministries and ministers",
        "COP": "police and internal security forces",
        "JUD": "judiciary: courts, judges, prosecutors",
        "LEG": "legislature: parliaments, lawmakers",
        "SPY": "intelligence services",
        "PTY": "political parties",
        "OPP": "opposition: opposition parties and leaders, dissidents",
        "REB": "rebels: armed groups fighting a state",
        "INS": "insurgents",
        "SEP": "separatist rebels",
        "UAF": "unaligned armed forces: militias, mercenaries, gunmen",
        "CRM": "criminals: gangs, cartels, smugglers",
        "PKO": "peacekeepers",
        "MED": "media: outlets, journalists, hosts",
        "BUS": "business: companies, executives",
        "MNC": "multinational corporations",
        "CVL": "civilians: residents, citizens, protesters",
        "REF": "refugees, migrants and displaced people",
        "HLH": "health: doctors, hospitals, health workers",
        "EDU": "education: academics, students, universities",
        "REL": "religion: clerics and religious bodies",
        "ELI": "elites: former officials, celebrities",
        "HRI": "human rights groups and activists",
        "LAB": "labour: workers, trade unions",
        "AGR": "agriculture: farmers",
        "ENV": "environment groups",
        "DEV": "development bodies",
        "NGO": "non-governmental organisations",
        "IGO": "intergovernmental organisations and their officials",
    }
)


# The roles that act for a state: a country's side in a filter, and the roles whose holders an
# article names without a country when they are of the country it is about.
STATE_ROLES: Final[frozenset[str]] = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})


# Codes that stand for a country in the tables although ISO 3166 does not assign them.
ISO_EXCEPTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {"XKX": "Kosovo: the user-assigned code used by the European Union and the IMF"}
)


ISO3: Final = re.compile(r"[A-Z]{3}")


_TYPOGRAPHY: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "‐": "-", "‑": "-"})


def actor_code(country: str | None, role: str | None) -> str:
    """The CAMEO-style code of a country and a role: ``("USA", "GOV")`` -> ``"USAGOV"``."""
    return f"{country or ''}{role or ''}"


def _day(on: dt.date) -> dt.date:
    # A datetime is a date, but comparing one with a date raises TypeError.
    return on.date() if isinstance(on, dt.datetime) else on


def _in_range(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    day = _day(on)
    return (start is None or start <= day) and (end is None or day <= end)


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country: its code, short name, other names, adjectives, demonyms and seats of government."""

    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An organisation, government body, armed group, party or news outlet.

    ``start``/``end`` bound the row, both days included, for bodies whose role changed (the
    Taliban were REB until 2021-08-15 and GOV since).
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    code: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", actor_code(self.country, self.role))

    def active_on(self, on: dt.date) -> bool:
        """Whether this row applies on a day."""
        return _in_range(self.start, self.end, on)


@dataclass(frozen=True, slots=True)
class RoleTerm:
    """A word for a role: a title before a name ("Foreign Minister") or a group noun ("troops").

    ``role`` is None for words that carry no sector of their own ("spokesman", "leader").
    """

    term: str
    role: str | None
    gender: str | None = None  # "m" or "f" when the word marks it
    number: str = "sg"  # "sg" or "pl"
    kind: str = "title"  # "title", "agent" or "both"

    @property
    def is_title(self) -> bool:
        """Whether the word is used before a name or for one person."""
        return self.kind in ("title", "both")

    @property
    def is_agent(self) -> bool:
        """Whether the word names a group or body."""
        return self.kind in ("agent", "both")

    @property
    def plural(self) -> bool:
        """Whether the word is plural ("troops", "officials")."""
        return self.number == "pl"


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One office held by one person, with the dates it was held.

    A person who held several offices has one entry per office. ``start`` and ``end`` are the
    first and last days in office, both included; an empty ``start`` means since before 2017 or
    unknown, an empty ``end`` that the office is still held.
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    office: str
    start: dt.date | None = None
    end: dt.date | None = None
    surnames: tuple[str, ...] = ()
    code: str = ""

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", actor_code(self.country, self.role))

    def active_on(self, on: dt.date) -> bool:
        """Whether the office was held on a day."""
        return _in_range(self.start, self.end, on)


def clean(text: str) -> str:
    """One spelling per form: NFC, straight apostrophes, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    if "  " in text or "\t" in text or "\n" in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


def name_key(text: str) -> str:
    return clean(text).casefold()


def iso_countries() -> Any:
    # Imported on first use: loading pycountry's database costs about 100 ms.
    import pycountry

    return pycountry.countries
