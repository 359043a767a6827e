"""Time buckets for charts: a day, the ISO week it falls in (from Monday), or its month."""

from __future__ import annotations

import datetime as dt

BUCKETS = ("day", "week", "month")


def check_bucket(bucket: str) -> str:
    """``bucket`` itself, or ValueError naming the buckets there are."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    return bucket


def period(day: dt.date, bucket: str) -> str:
    """The first day of ``day``'s bucket as an ISO date: "2025-05-02" by week is "2025-04-28"."""
    if bucket == "week":
        day -= dt.timedelta(days=day.weekday())
    elif bucket == "month":
        day = day.replace(day=1)
    return day.isoformat()
