"""The parley schema's Arrow types are generated from the record classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pyarrow as pa
import pytest

from parley.export.contract import ARROW, arrow_type
from parley.records import INTERNAL, QuoteKind, Record, Span


@dataclass(frozen=True, slots=True)
class Inner(Record):
    name: str
    hidden: str | None = field(default=None, metadata=INTERNAL)


@dataclass(frozen=True, slots=True)
class Outer(Record):
    id: int
    when: dt.date | None
    at: dt.datetime | None
    kind: QuoteKind
    score: float
    flag: bool
    span: Span
    spans: tuple[Span, ...]
    inner: Inner | None
    inners: tuple[Inner, ...] = ()


def test_record_fields_map_to_arrow_types() -> None:
    got = arrow_type(Outer)
    assert got == pa.struct(
        [
            ("id", pa.int64()),
            ("when", pa.date32()),
            ("at", pa.timestamp("us", tz="UTC")),
            ("kind", pa.string()),
            ("score", pa.float64()),
            ("flag", pa.bool_()),
            ("span", pa.list_(pa.int64())),
            ("spans", pa.list_(pa.list_(pa.int64()))),
            ("inner", pa.struct([("name", pa.string())])),
            ("inners", pa.list_(pa.struct([("name", pa.string())]))),
        ]
    )


def test_a_type_with_no_arrow_equivalent_is_refused() -> None:
    with pytest.raises(TypeError, match="no Arrow type"):
        arrow_type(bytes)
    with pytest.raises(TypeError, match="mixed types"):
        arrow_type(tuple[int, str])


def test_the_article_schema_has_the_stored_article_fields_with_nested_records() -> None:
    assert ARROW.field("published").type == pa.date32()
    quote = ARROW.field("quotes").type.value_type
    assert quote.field("speaker").type == pa.struct(
        [("name", pa.string()), ("country", pa.string()), ("role", pa.string())]
    )
    assert ARROW.field("events").type.value_type.field("sentence").type == pa.list_(pa.int64())
