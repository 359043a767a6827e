"""The parley schema: one object per article in the analysis contract, as ``Store.article`` returns it.

The Arrow schema of its Parquet files is generated from ``parley.records.StoredArticle``,
so the export cannot drift from what the store returns.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from dataclasses import is_dataclass
from typing import Any, Literal, Union

import pyarrow as pa

from parley.export.filters import ExportFilters
from parley.limits import MAX_LIMIT
from parley.records import StoredArticle, contract_fields
from parley.store import Store

PAGE = MAX_LIMIT

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.datetime: pa.timestamp("us", tz="UTC"),  # the store's times are UTC
    dt.date: pa.date32(),
}


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a record field's type: records become structs, tuples and lists lists."""
    if isinstance(hint, type) and is_dataclass(hint):
        return pa.struct([(name, arrow_type(h)) for name, h in contract_fields(hint)])
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        [present] = [a for a in args if a is not type(None)]
        return arrow_type(present)
    if origin is Literal:
        return pa.string()
    if origin in (tuple, list):
        items = {a for a in args if a is not Ellipsis}
        if len(items) != 1:
            raise TypeError(f"{hint}: a tuple of mixed types has no Arrow list type")
        return pa.list_(arrow_type(items.pop()))
    if hint in _SCALARS:
        return _SCALARS[hint]
    raise TypeError(f"{hint}: no Arrow type for this record field")


ARROW = pa.schema([(name, arrow_type(hint)) for name, hint in contract_fields(StoredArticle)])
COLUMNS: tuple[str, ...] = tuple(ARROW.names)


def rows(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """Every article ``filters`` select, newest first, each with its actors, quotes and events."""
    after: int | None = None
    while True:
        page = store.articles(
            search=filters.search,
            outlet=filters.outlet,
            since=filters.since,
            until=filters.until,
            limit=PAGE,
            after=after,
        )
        for summary in page:
            yield store.article(summary.id).to_dict()
        if len(page) < PAGE:
            return
        after = page[-1].id
