"""Time buckets for charts: a day, the ISO week it falls in (from Monday), or its month.

A period is named by its first day as an ISO date: by week, "2025-05-02" is in
"2025-04-28"; by month, in "2025-05-01". Counts are summed per day by an index-only
query first, then per period, so the database returns one row per period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Date, DateTime, Select, cast, func, select

from parley.errors import QueryError
from parley.limits import BUCKETS


def check_bucket(bucket: str) -> str:
    """``bucket`` itself, or QueryError naming the buckets there are."""
    if bucket not in BUCKETS:
        raise QueryError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    return bucket


def period_start(dialect: str, day: ColumnElement[Any], bucket: str) -> ColumnElement[Any]:
    """The SQL for the first day of ``day``'s bucket."""
    if bucket == "day":
        return day
    if dialect == "postgresql":
        # date_trunc's week starts on Monday, as ISO weeks do.
        return cast(func.date_trunc(bucket, cast(day, DateTime)), Date)
    if bucket == "week":
        # Forward to the week's Sunday (or stay on it), then back to its Monday.
        return func.date(day, "weekday 0", "-6 days")
    return func.strftime("%Y-%m-01", day)


def by_period(per_day: Select[Any], dialect: str, bucket: str) -> Select[Any]:
    """Re-aggregate a query of (day, keys..., n) grouped by day into (period, keys..., n)."""
    inner = per_day.subquery()
    start = period_start(dialect, inner.c.day, bucket).label("period")
    keys = [c for c in inner.c if c.name not in ("day", "n")]
    return select(start, *keys, func.sum(inner.c.n).label("n")).group_by(start, *keys)


def as_date(value: dt.date | str) -> dt.date:
    """A period's first day as a date (PostgreSQL returns dates, SQLite ISO text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
