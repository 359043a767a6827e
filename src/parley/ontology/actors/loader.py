"""Reading the actor tables: the built-in TSV files and a user's own (``PARLEY_ACTORS``), every
value checked and a bad one named by its file and line."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final, TypeVar

from parley.errors import ConfigError
from parley.ontology.actors.entries import (
    ISO3,
    ISO_EXCEPTIONS,
    ROLE_CODES,
    CountryEntry,
    OrgEntry,
    PersonEntry,
    RoleTerm,
    clean,
    iso_countries,
    name_key,
)

ENV_VAR: Final = "PARLEY_ACTORS"
DATA_FILES: Final = ("countries.tsv", "organisations.tsv", "roles.tsv", "people.tsv")

_GENDERS: Final = frozenset({"m", "f"})


_NUMBERS: Final = frozenset({"sg", "pl"})


_KINDS: Final = frozenset({"title", "agent", "both"})


_CODE: Final = re.compile(r"[A-Z]{3,}")


R = TypeVar("R", OrgEntry, PersonEntry)


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


@dataclass(frozen=True, slots=True)
class Tables:
    """The entries of every table read, in table order."""

    countries: tuple[CountryEntry, ...]
    organisations: tuple[OrgEntry, ...]
    roles: tuple[RoleTerm, ...]
    people: tuple[PersonEntry, ...]


def read_tables(extra_paths: Iterable[str | os.PathLike[str]] = ()) -> Tables:
    """The built-in tables plus the TSV files (or directories of them) in ``extra_paths``.

    Raises ConfigError naming the file and line of the first bad row.
    """
    tables = [_parse(source, text) for source, text in _builtin_texts()]
    for path in _expand(extra_paths):
        tables.append(_parse(str(path), _read(path)))
    return _Builder(tables).build()


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
            raise ConfigError(
                f"{path}: actor file not found "
                f"(given to Gazetteer.load, to the parley_actors component, or in {ENV_VAR})"
            )


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

    def build(self) -> Tables:
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
        return Tables(
            tuple(self._countries.values()),
            tuple(org for rows in organisations.values() for org in rows),
            tuple(roles.values()),
            tuple(person for rows in people.values() for person in rows),
        )

    # -- countries ----------------------------------------------------------------------------

    def _add_countries(self, table: _Table) -> None:
        seen_codes: dict[str, int] = {}
        claims: dict[tuple[str, str], tuple[str, int]] = {}
        for row in table.rows:
            iso3 = row.get("iso3").upper()
            name = row.get("name")
            if not ISO3.fullmatch(iso3):
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
        if ISO3.fullmatch(code) and iso_countries().get(alpha_3=code) is not None:
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
            key = name_key(entry.name)
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
            term = clean(row.get("term")).lower()
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
