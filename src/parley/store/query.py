"""The checks every list query's filters go through, and the page a list returns.

A filter value Parley does not know (a PLOVER type, a CAMEO code, a sort key, an
outlet) is a ``QueryError`` naming the value and the accepted ones, never an
empty result that reads as "nothing happened".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, select

from parley.errors import QueryError
from parley.limits import MAX_LIMIT
from parley.ontology import cameo as cameo_codes
from parley.ontology.plover import PLOVER_TYPES, canonical_type
from parley.store.actors import ActorMatch
from parley.store.schema import articles

T = TypeVar("T")


class Page(list[T]):
    """One page of a list: the rows, the number of rows all pages hold when it was
    counted (``total``), what each actor filter matched (``matched``), and for counts
    over time, how many records had no date to place them (``undated``)."""

    def __init__(
        self,
        rows: Iterable[T] = (),
        *,
        total: int | None = None,
        matched: Sequence[ActorMatch] = (),
        undated: int | None = None,
    ) -> None:
        super().__init__(rows)
        self.total = total
        self.matched = list(matched)
        self.undated = undated


def check_limit(limit: int) -> int:
    """``limit`` itself, or a QueryError when it is below 1 or over MAX_LIMIT."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit {limit}: give a number of rows from 1 to {MAX_LIMIT}")
    return limit


def check_offset(offset: int) -> int:
    """``offset`` itself, or a QueryError when it is negative."""
    if offset < 0:
        raise QueryError(f"offset {offset}: give a number of rows to skip, 0 or more")
    return offset


def check_type(name: str) -> str:
    """The PLOVER type ``name`` stands for (any case, old names too), or a QueryError."""
    canonical = canonical_type(name)
    if canonical not in PLOVER_TYPES:
        raise QueryError(f"type {name!r}: not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    return canonical


def check_cameo(code: str) -> str:
    """A CAMEO code or prefix some code of the table starts with, or a QueryError."""
    text = code.strip()
    if not (text.isascii() and text.isdigit() and 1 <= len(text) <= 4) or not any(
        known.startswith(text) for known in cameo_codes.table()
    ):
        roots = sorted({known[:2] for known in cameo_codes.table()})
        raise QueryError(
            f"cameo {code!r}: no CAMEO code starts with it; give a code or prefix "
            f"of 1 to 4 digits such as 13 or 0871 (roots {roots[0]} to {roots[-1]})"
        )
    return text


def check_dates(since: dt.date | None, until: dt.date | None) -> None:
    """A QueryError when ``since`` is after ``until``: such a range holds nothing."""
    if since is not None and until is not None and since > until:
        raise QueryError(f"since {since} is after until {until}: the range holds no day")


def check_outlet(conn: Connection, outlet: str) -> str:
    """The stored outlet ``outlet`` names in any case, or a QueryError listing the outlets."""
    # The name as written is one index lookup; only another spelling reads every outlet.
    exact = outlet.strip()
    if conn.scalar(select(articles.c.id).where(articles.c.outlet == exact).limit(1)) is not None:
        return exact
    wanted = exact.casefold()
    stored = [o for o in conn.scalars(select(articles.c.outlet).distinct()) if o]
    for name in stored:
        if name.casefold() == wanted:
            return str(name)
    raise QueryError(
        f"outlet {outlet!r}: no stored article is from it; the outlets are "
        f"{', '.join(sorted(stored)) or 'none yet'}"
    )


def sort_order(
    sort: str, columns: dict[str, ColumnElement[Any]], id_column: ColumnElement[int]
) -> list[ColumnElement[Any]]:
    """ORDER BY for a sort key ("date", "-date": newest first), ties broken by id the same way."""
    name = sort.strip().lstrip("-")
    if name not in columns:
        keys = ", ".join(f"{k}, -{k}" for k in columns)
        raise QueryError(f"sort {sort!r}: not a sort key; use one of {keys}")
    descending = sort.strip().startswith("-")
    column = columns[name]
    if descending:
        return [column.desc().nulls_last(), id_column.desc()]
    return [column.asc().nulls_last(), id_column.asc()]
