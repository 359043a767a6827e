"""The gdelt schema: one row per event in the 61 columns of the GDELT 2.0 events table.

Columns Parley has no data for stay empty (see docs/exports.md): the actors' known
group, ethnic, religion and secondary type codes, the Goldstein scale (Parley has no
table of it), the tone, and every geography column (Parley does not geocode).
Negated events ("did not impose sanctions") are left out: GDELT has no negation column,
so they would count as if they had happened; the plover and parley schemas keep them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from parley.export.events import ArticleFacts, article_facts, paged_events
from parley.export.filters import ExportFilters
from parley.store import Store

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

_INTEGERS = {"SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
             "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type"}  # fmt: skip
_FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone"} | {
    f"{side}_{c}" for side in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in ("Lat", "Long")
}


def _type(column: str) -> pa.DataType:
    if column in ("GLOBALEVENTID", "DATEADDED"):
        return pa.int64()
    if column in _INTEGERS:
        return pa.int32()
    if column in _FLOATS:
        return pa.float64()
    return pa.string()


ARROW = pa.schema([(c, _type(c)) for c in COLUMNS])


def rows(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """The GDELT rows of the events ``filters`` select (negated ones left out), newest first."""
    facts = article_facts(store)
    for event in paged_events(store, filters):
        if not event["negated"]:
            yield row(event, facts(event["article_id"]))


def row(event: dict[str, Any], article: ArticleFacts) -> dict[str, Any]:
    """One event (as ``Store.events`` returns it) as a GDELT 2.0 events row; missing data is None."""
    out: dict[str, Any] = dict.fromkeys(COLUMNS)
    day = event["date"] or event["published"]
    if day:
        date = dt.date.fromisoformat(day)
        days_in_year = 366 if calendar.isleap(date.year) else 365
        out.update(
            SQLDATE=int(date.strftime("%Y%m%d")),
            MonthYear=date.year * 100 + date.month,
            Year=date.year,
            FractionDate=round(date.year + (date.timetuple().tm_yday - 1) / days_in_year, 4),
        )
    for side, ref in (("Actor1", event["source"]), ("Actor2", event["target"])):
        if ref is not None:
            out[f"{side}Code"] = article.code(ref)
            out[f"{side}Name"] = ref["name"]
            out[f"{side}CountryCode"] = ref["country"]
            out[f"{side}Type1Code"] = ref["role"]
    cameo: str = event["cameo"]
    out.update(
        GLOBALEVENTID=event["id"],
        IsRootEvent=1 if event["sentence"][0] < article.lead_end else 0,
        EventCode=cameo,
        EventBaseCode=cameo[:3],
        EventRootCode=event["cameo_root"],
        QuadClass=event["quad_class"],
        NumMentions=1,
        NumSources=1,
        NumArticles=1,
        DATEADDED=_date_added(article.ingested_at),
        SOURCEURL=article.url,
    )
    return out


def _date_added(iso: str | None) -> int | None:
    """A stored ISO timestamp (UTC) as GDELT's YYYYMMDDHHMMSS."""
    if iso is None:
        return None
    return int(dt.datetime.fromisoformat(iso).astimezone(dt.UTC).strftime("%Y%m%d%H%M%S"))
