"""The actor tables: countries, organisations, role words and office holders, with fast lookups.

The tables are the TSV files in ``parley/ontology/data/`` (documented in ``docs/actors.md``).
Users add their own files with ``Gazetteer.load(paths)`` or the ``PARLEY_ACTORS`` environment
variable; ``Gazetteer.default()`` loads the tables once per process.

Every lookup takes a surface string as an article writes it. Case is ignored, except for forms
of at most three letters that contain a capital ("US", "WHO", "IS", "Fed", "May"): those match
only as the table writes them, because in lower case they are English words. When a form is not
found as written, it is tried again without a leading "the" and without a possessive ending
("the Kremlin's" finds "Kremlin").
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar

from parley.errors import ConfigError

__all__ = [
    "DATA_FILES",
    "ENV_VAR",
    "ISO_EXCEPTIONS",
    "ROLE_CODES",
    "CountryEntry",
    "Gazetteer",
    "OrgEntry",
    "PersonEntry",
    "RoleTerm",
    "actor_code",
]

ENV_VAR: Final = "PARLEY_ACTORS"
DATA_FILES: Final = ("countries.tsv", "organisations.tsv", "roles.tsv", "people.tsv")

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

# Codes that stand for a country in the tables although ISO 3166 does not assign them.
ISO_EXCEPTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {"XKX": "Kosovo: the user-assigned code used by the European Union and the IMF"}
)

_GENDERS: Final = frozenset({"m", "f"})
_NUMBERS: Final = frozenset({"sg", "pl"})
_KINDS: Final = frozenset({"title", "agent", "both"})
_ISO3: Final = re.compile(r"[A-Z]{3}")
_CODE: Final = re.compile(r"[A-Z]{3,}")
_TYPOGRAPHY: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "‐": "-", "‑": "-"})
_POSSESSIVES: Final = ("'s", "'")


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


# ---------------------------------------------------------------------------------------------
# Surface forms


def _clean(text: str) -> str:
    """One spelling per form: NFC, straight apostrophes, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    if "  " in text or "\t" in text or "\n" in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


def _exact_case(form: str) -> bool:
    """Whether a form must match in its own case: at most three letters, one of them a capital."""
    if len(form) > 8 or form.islower():
        return False
    letters = [c for c in form if c.isalpha()]
    return len(letters) <= 3 and any(c.isupper() for c in letters)


def _key(text: str) -> str:
    return _clean(text).casefold()


def _alternatives(text: str) -> Iterator[str]:
    """The forms to try after ``text`` itself: without "the", then without a possessive."""
    bases = [text]
    if text[:4].casefold() == "the " and len(text) > 4:
        bases.append(text[4:])
        yield text[4:]
    for base in bases:
        for ending in _POSSESSIVES:
            if base.endswith(ending) and len(base) > len(ending):
                yield base[: -len(ending)]
                break


V = TypeVar("V")


class _Forms(Generic[V]):
    """Surface forms mapped to values, matched ignoring case except short capitalised forms."""

    __slots__ = ("_exact", "_folded")

    def __init__(self) -> None:
        self._exact: dict[str, V] = {}
        self._folded: dict[str, V] = {}

    def _slot(self, form: str) -> tuple[dict[str, V], str]:
        cleaned = _clean(form)
        if _exact_case(cleaned):
            return self._exact, cleaned
        return self._folded, cleaned.casefold()

    def add(self, form: str, value: V) -> None:
        table, key = self._slot(form)
        table[key] = value

    def setdefault(self, form: str, factory: Callable[[], V]) -> V:
        table, key = self._slot(form)
        if key not in table:
            table[key] = factory()
        return table[key]

    def _find(self, text: str) -> V | None:
        hit = self._exact.get(text)
        return hit if hit is not None else self._folded.get(text.casefold())

    def get(self, text: str) -> V | None:
        cleaned = _clean(text)
        hit = self._find(cleaned)
        if hit is None:
            for alternative in _alternatives(cleaned):
                hit = self._find(alternative)
                if hit is not None:
                    break
        return hit


R = TypeVar("R", OrgEntry, PersonEntry)


def _pick(rows: Sequence[R], on: dt.date | None) -> R | None:
    """The row for a day: the first listed that holds on it; without a day, the current one."""
    if on is not None:
        return next((row for row in rows if row.active_on(on)), None)
    current = next((row for row in rows if row.end is None), None)
    if current is not None or not rows:
        return current
    return max(rows, key=lambda row: row.end or dt.date.min)


# ---------------------------------------------------------------------------------------------
# The gazetteer


class Gazetteer:
    """The actor tables with lookups by the words an article uses.

    Build one with ``Gazetteer.default()`` (cached) or ``Gazetteer.load(extra_paths)``; the
    constructor takes entries directly. Where two entries claim the same surface form, the later
    one wins, which is how a user's file corrects the built-in tables.
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

        self._country_forms: _Forms[str] = _Forms()
        self._adjectives: _Forms[str] = _Forms()
        self._demonyms: _Forms[str] = _Forms()
        self._seats: _Forms[str] = _Forms()
        for c in self._countries.values():
            for form in (c.name, *c.aliases):
                self._country_forms.add(form, c.iso3)
            for forms, index in ((c.adjectives, self._adjectives), (c.demonyms, self._demonyms)):
                for form in forms:
                    index.add(form, c.iso3)
            for form in c.seats:
                self._seats.add(form, c.iso3)

        self._org_rows: dict[str, list[OrgEntry]] = {}
        self._org_forms: _Forms[str] = _Forms()
        for org in self._organisations:
            key = _key(org.name)
            self._org_rows.setdefault(key, []).append(org)
            for form in (org.name, *org.aliases):
                self._org_forms.add(form, key)

        self._role_forms: _Forms[RoleTerm] = _Forms()
        for term in self._roles:
            self._role_forms.add(term.term, term)

        self._person_rows: dict[str, list[PersonEntry]] = {}
        self._person_forms: _Forms[str] = _Forms()
        self._surnames: _Forms[list[str]] = _Forms()
        self._offices: dict[str, list[PersonEntry]] = {}
        for person in self._people:
            key = _key(person.name)
            self._person_rows.setdefault(key, []).append(person)
            for form in (person.name, *person.aliases):
                self._person_forms.add(form, key)
            for surname in person.surnames:
                keys = self._surnames.setdefault(surname, list)
                if key not in keys:
                    keys.append(key)
            self._offices.setdefault(_key(person.office), []).append(person)

        self._iso_cache: dict[str, CountryEntry | None] = {}

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def load(cls, extra_paths: Iterable[str | os.PathLike[str]] = ()) -> Gazetteer:
        """The built-in tables plus the TSV files (or directories of them) in ``extra_paths``.

        Raises ConfigError naming the file and line of the first bad row.
        """
        tables = [_parse(source, text) for source, text in _builtin_texts()]
        for path in _expand(extra_paths):
            tables.append(_parse(str(path), _read(path)))
        return _Builder(tables).build()

    @classmethod
    def default(cls) -> Gazetteer:
        """The built-in tables plus the files named by ``PARLEY_ACTORS``, loaded once per process."""
        return _default(os.environ.get(ENV_VAR, ""))

    # -- the tables ---------------------------------------------------------------------------

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
        iso3 = self._country_forms.get(text)
        if iso3 is not None:
            return self._countries[iso3]
        cleaned = _clean(text)
        if _ISO3.fullmatch(cleaned):
            return self.country_by_code(cleaned)
        return self._iso_name(cleaned)

    def country_by_code(self, iso3: str) -> CountryEntry | None:
        """The country with an ISO 3166 alpha-3 code (or XKX for Kosovo)."""
        entry = self._countries.get(iso3.upper())
        if entry is not None or not _ISO3.fullmatch(iso3.upper()):
            return entry
        record = _iso_countries().get(alpha_3=iso3.upper())
        return _from_iso(record) if record is not None else None

    def adjective(self, text: str) -> CountryEntry | None:
        """The country of an adjective: "Russian", "British", "Emirati"."""
        iso3 = self._adjectives.get(text)
        return self._countries[iso3] if iso3 is not None else None

    def demonym(self, text: str) -> CountryEntry | None:
        """The country of a people noun: "Russians", "Britons", "Israelis"."""
        iso3 = self._demonyms.get(text)
        return self._countries[iso3] if iso3 is not None else None

    def seat(self, text: str) -> CountryEntry | None:
        """The country whose government a capital or seat stands for: "Moscow", "the Kremlin", "Kyiv"."""
        iso3 = self._seats.get(text)
        return self._countries[iso3] if iso3 is not None else None

    def organisation(self, text: str, on: dt.date | None = None) -> OrgEntry | None:
        """The organisation a name stands for: "NATO", "State Department", "Fox News", "Hamas".

        With a day, only a row that applies on it; without, the current row.
        """
        key = self._org_forms.get(text)
        return _pick(self._org_rows[key], on) if key is not None else None

    def role_term(self, text: str) -> RoleTerm | None:
        """The role word: "foreign minister", "spokeswoman", "troops"."""
        return self._role_forms.get(text)

    def person(self, text: str, on: dt.date | None = None) -> PersonEntry | None:
        """The office-holder row of a full name ("Marco Rubio", "Vladimir Zelensky").

        With a day, only an office held on it (None when the person held none); without, the
        current office, else the most recently left. Where several offices are held at once,
        the one listed first in the table (the main one) wins.
        """
        key = self._person_forms.get(text)
        return _pick(self._person_rows[key], on) if key is not None else None

    def offices_of(self, text: str) -> tuple[PersonEntry, ...]:
        """Every office-holder row of a full name, whatever the dates (for former office holders)."""
        key = self._person_forms.get(text)
        return tuple(self._person_rows[key]) if key is not None else ()

    def holder(
        self, office: str, country: str | None = None, on: dt.date | None = None
    ) -> PersonEntry | None:
        """Who held an office ("Secretary of State", "USA") on a day, or holds it now.

        "Acting" holders count. When several rows qualify (a handover day, when the outgoing
        and the incoming holder share the date), the most recently started wins.
        """
        key = _key(office)
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
        keys = self._surnames.get(surname) or []
        found = (_pick(self._person_rows[key], on) for key in keys)
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
            records = _iso_countries()
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


def _iso_countries() -> Any:
    # Imported on first use: loading pycountry's database costs about 100 ms.
    import pycountry

    return pycountry.countries


def _from_iso(record: Any) -> CountryEntry:
    name = getattr(record, "common_name", None) or record.name
    return CountryEntry(record.alpha_3, name)


@functools.lru_cache(maxsize=4)
def _default(env: str) -> Gazetteer:
    return Gazetteer.load([p for p in env.split(os.pathsep) if p.strip()])


# ---------------------------------------------------------------------------------------------
# Reading and checking the TSV files

_REQUIRED_HEADER: Final[Mapping[str, frozenset[str]]] = {
    "countries": frozenset({"iso3", "name"}),
    "organisations": frozenset({"name", "role"}),
    "roles": frozenset({"term", "role"}),
    "people": frozenset({"name", "country", "role", "office"}),
}
_ALLOWED_HEADER: Final[Mapping[str, frozenset[str]]] = {
    "countries": frozenset({"iso3", "name", "aliases", "adjectives", "demonyms", "seats"}),
    "organisations": frozenset({"name", "aliases", "country", "role", "code", "from", "to"}),
    "roles": frozenset({"term", "role", "gender", "number", "kind"}),
    "people": frozenset({"name", "aliases", "surnames", "country", "role", "office", "from", "to", "code"}),
}
_ORDER: Final = ("countries", "organisations", "roles", "people")


@dataclass(frozen=True, slots=True)
class _Row:
    source: str
    line: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def error(self, problem: str) -> ConfigError:
        return ConfigError(f"{self.source}:{self.line}: {problem}")


@dataclass(frozen=True, slots=True)
class _Table:
    source: str
    kind: str
    rows: tuple[_Row, ...]


def _builtin_texts() -> Iterator[tuple[str, str]]:
    folder = resources.files("parley.ontology").joinpath("data")
    for name in DATA_FILES:
        yield f"parley/ontology/data/{name}", folder.joinpath(name).read_text(encoding="utf-8")


def _expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            files = sorted(path.glob("*.tsv"))
            if not files:
                raise ConfigError(f"{path}: actor directory holds no .tsv files")
            yield from files
        elif path.is_file():
            yield path
        else:
            raise ConfigError(f"{path}: actor file not found (given to Gazetteer.load or in {ENV_VAR})")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: actor file is not UTF-8 text (bad byte at offset {exc.start})") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: actor file cannot be read ({exc.strerror})") from exc


def _kind_of(columns: set[str]) -> str | None:
    if "iso3" in columns:
        return "countries"
    if "term" in columns:
        return "roles"
    if "office" in columns:
        return "people"
    if {"name", "role"} <= columns:
        return "organisations"
    return None


def _parse(source: str, text: str) -> _Table:
    """Split a TSV file into rows keyed by its header; check the header and the field counts."""
    header: list[str] | None = None
    kind = ""
    rows: list[_Row] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if header is None:
            header = [field.lower() for field in fields]
            kind = _header_kind(source, number, header)
            continue
        if len(fields) > len(header):
            raise ConfigError(
                f"{source}:{number}: {len(fields)} tab-separated fields but the header has "
                f"{len(header)} ({', '.join(header)})"
            )
        rows.append(_Row(source, number, dict(zip(header, fields, strict=False))))
    if header is None:
        raise ConfigError(f"{source}: actor file has no header line")
    return _Table(source, kind, tuple(rows))


def _header_kind(source: str, line: int, header: list[str]) -> str:
    columns = set(header)
    kind = _kind_of(columns)
    if kind is None:
        raise ConfigError(
            f"{source}:{line}: cannot tell which actor table this is; the header needs iso3 "
            "(countries), term (roles), office (people) or name and role (organisations), "
            "separated by tabs"
        )
    if len(columns) != len(header):
        raise ConfigError(f"{source}:{line}: a column is named twice in the header")
    missing = _REQUIRED_HEADER[kind] - columns
    if missing:
        raise ConfigError(f"{source}:{line}: {kind} file lacks the column(s) {', '.join(sorted(missing))}")
    unknown = columns - _ALLOWED_HEADER[kind]
    if unknown:
        allowed = ", ".join(sorted(_ALLOWED_HEADER[kind]))
        raise ConfigError(
            f"{source}:{line}: unknown column(s) {', '.join(sorted(unknown))}; {kind} files have {allowed}"
        )
    return kind


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _merge(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *new)))


class _Builder:
    """Turns parsed tables into entries, checking every value and naming the row of a bad one."""

    def __init__(self, tables: Sequence[_Table]) -> None:
        self._tables = sorted(tables, key=lambda t: _ORDER.index(t.kind))  # stable: file order kept
        self._countries: dict[str, CountryEntry] = {}

    def build(self) -> Gazetteer:
        organisations: dict[str, list[OrgEntry]] = {}
        roles: dict[str, RoleTerm] = {}
        people: dict[str, list[PersonEntry]] = {}
        for table in self._tables:
            if table.kind == "countries":
                self._add_countries(table)
            elif table.kind == "organisations":
                _replace(organisations, self._named_rows(table, self._org))
            elif table.kind == "roles":
                for term in self._terms(table):
                    roles.pop(term.term, None)
                    roles[term.term] = term
            else:
                _replace(people, self._named_rows(table, self._person))
        return Gazetteer(
            self._countries.values(),
            [org for rows in organisations.values() for org in rows],
            roles.values(),
            [person for rows in people.values() for person in rows],
        )

    # -- countries ----------------------------------------------------------------------------

    def _add_countries(self, table: _Table) -> None:
        seen_codes: dict[str, int] = {}
        claims: dict[tuple[str, str], tuple[str, int]] = {}
        for row in table.rows:
            iso3 = row.get("iso3").upper()
            name = row.get("name")
            if not _ISO3.fullmatch(iso3):
                raise row.error(f"iso3 must be three letters, not {row.get('iso3')!r}")
            if not name:
                raise row.error(f"{iso3} has no name")
            if iso3 in seen_codes:
                raise row.error(f"{iso3} is already defined at line {seen_codes[iso3]}")
            seen_codes[iso3] = row.line
            columns = {c: _split(row.get(c)) for c in ("aliases", "adjectives", "demonyms", "seats")}
            namespaces = {
                "name": (name, *columns["aliases"]),
                "adjective": columns["adjectives"],
                "demonym": columns["demonyms"],
                "seat": columns["seats"],
            }
            for space, forms in namespaces.items():
                for form in forms:
                    _claim(claims, (space, form.casefold()), iso3, row, form)
            old = self._countries.get(iso3)
            if old is not None:
                # A later file extends a country: its forms are added to the ones already known.
                columns = {c: _merge(getattr(old, c), v) for c, v in columns.items()}
            self._countries[iso3] = CountryEntry(iso3, name, **columns)

    def _country_code(self, row: _Row) -> str | None:
        code = row.get("country").upper()
        if not code:
            return None
        if code in self._countries or code in ISO_EXCEPTIONS:
            return code
        if _ISO3.fullmatch(code) and _iso_countries().get(alpha_3=code) is not None:
            return code
        raise row.error(
            f"unknown country code {row.get('country')!r}: use an ISO 3166 alpha-3 code such as USA"
        )

    def _role(self, row: _Row, required: bool) -> str | None:
        role = row.get("role").upper()
        if not role:
            if required:
                raise row.error("the role is empty")
            return None
        if role not in ROLE_CODES:
            raise row.error(f"unknown role code {row.get('role')!r}; known codes: {', '.join(ROLE_CODES)}")
        return role

    def _code(self, row: _Row) -> str:
        code = row.get("code")
        if code and not _CODE.fullmatch(code):
            raise row.error(f"code must be three or more capital letters, not {code!r}")
        return code

    # -- organisations and people: rows grouped by canonical name ------------------------------

    def _named_rows(self, table: _Table, make: Callable[[_Row], R]) -> dict[str, list[R]]:
        grouped: dict[str, list[R]] = {}
        claims: dict[tuple[str, str], tuple[str, int]] = {}
        for row in table.rows:
            entry: R = make(row)
            key = _key(entry.name)
            for form in (entry.name, *entry.aliases):
                _claim(claims, ("name", form.casefold()), entry.name, row, form)
            grouped.setdefault(key, []).append(entry)
        return grouped

    def _org(self, row: _Row) -> OrgEntry:
        name = row.get("name")
        if not name:
            raise row.error("the name is empty")
        role = self._role(row, required=True)
        assert role is not None
        start, end = _dates(row)
        return OrgEntry(
            name, _split(row.get("aliases")), self._country_code(row), role, self._code(row), start, end
        )

    def _person(self, row: _Row) -> PersonEntry:
        name = row.get("name")
        office = row.get("office")
        if not name:
            raise row.error("the name is empty")
        if not office:
            raise row.error(f"{name} has no office")
        role = self._role(row, required=True)
        assert role is not None
        aliases = _split(row.get("aliases"))
        start, end = _dates(row)
        return PersonEntry(
            name,
            aliases,
            self._country_code(row),
            role,
            office,
            start,
            end,
            _surnames(row.get("surnames"), (name, *aliases)),
            self._code(row),
        )

    # -- roles --------------------------------------------------------------------------------

    def _terms(self, table: _Table) -> Iterator[RoleTerm]:
        seen: dict[str, int] = {}
        for row in table.rows:
            term = _clean(row.get("term")).lower()
            if not term:
                raise row.error("the term is empty")
            if term in seen:
                raise row.error(f"{term!r} is already defined at line {seen[term]}")
            seen[term] = row.line
            gender = row.get("gender").lower()
            number = row.get("number").lower() or "sg"
            kind = row.get("kind").lower() or "title"
            if gender and gender not in _GENDERS:
                raise row.error(f"gender must be m, f or empty, not {row.get('gender')!r}")
            if number not in _NUMBERS:
                raise row.error(f"number must be sg or pl, not {row.get('number')!r}")
            if kind not in _KINDS:
                raise row.error(f"kind must be title, agent or both, not {row.get('kind')!r}")
            yield RoleTerm(term, self._role(row, required=False), gender or None, number, kind)


def _claim(
    claims: dict[tuple[str, str], tuple[str, int]], key: tuple[str, str], owner: str, row: _Row, form: str
) -> None:
    """Record that a surface form names ``owner``; two owners for one form in one file is an error."""
    previous = claims.get(key)
    if previous is not None and previous[0] != owner:
        raise row.error(f"{form!r} already stands for {previous[0]} at line {previous[1]}")
    claims.setdefault(key, (owner, row.line))


def _replace(target: dict[str, list[R]], rows: dict[str, list[R]]) -> None:
    # A later file's rows for a name replace all earlier rows for it, and move it to the end so
    # that its surface forms win.
    for key, entries in rows.items():
        target.pop(key, None)
        target[key] = entries


def _date(row: _Row, column: str) -> dt.date | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise row.error(f"{column} date {value!r} is not a date; write YYYY-MM-DD") from None


def _dates(row: _Row) -> tuple[dt.date | None, dt.date | None]:
    start, end = _date(row, "from"), _date(row, "to")
    if start is not None and end is not None and start > end:
        raise row.error(f"from {start.isoformat()} is after to {end.isoformat()}")
    return start, end


def _surnames(value: str, names: Iterable[str]) -> tuple[str, ...]:
    if value == "-":
        return ()
    if value:
        return _split(value)
    return tuple(dict.fromkeys(name.split()[-1] for name in names if name.split()))
