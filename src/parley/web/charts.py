"""Bar charts drawn by the server: geometry computed here, SVG written by the ``_chart.html`` macro.

Periods the store has no rows for are filled with zeros so the time axis is even, and
only the latest ``MAX_PERIODS`` periods are drawn. A chart given a ``start`` (the period of
the first publication date) begins there: an event dated years before any article ("since
2022") is background, and drawing from its date would squeeze the news into a corner. The
note says how many such records were left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from parley.ontology.plover import PLOVER_TYPES

MAX_PERIODS = 104
WIDTH = 720
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 30
QUOTES = "quotes"
# The colours of the compare view's series, in parley.css.
SERIES_CSS = ("series-0", "series-1", "series-2", "series-3", "series-4", "series-5")
MAX_SERIES = len(SERIES_CSS)

K = TypeVar("K")


def type_css(plover_type: str | None) -> str:
    """The CSS class that colours a PLOVER type (``t-statement`` for events without one)."""
    if not plover_type:
        return "t-statement"
    return "t-" + re.sub(r"[^a-z0-9]+", "-", plover_type.lower())


@dataclass(frozen=True, slots=True)
class Rect:
    """One bar or bar segment, with the tooltip it shows."""

    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Label:
    """An axis label."""

    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the SVG macro draws; ``empty`` when there is nothing to show."""

    title: str
    rects: tuple[Rect, ...] = ()
    labels: tuple[Label, ...] = ()
    gridlines: tuple[float, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()
    baseline: float = HEIGHT - BOTTOM
    width: int = WIDTH
    height: int = HEIGHT
    note: str = ""
    rows: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.rects


def _next_period(period: dt.date, bucket: str) -> dt.date:
    if bucket == "day":
        return period + dt.timedelta(days=1)
    if bucket == "week":
        return period + dt.timedelta(days=7)
    return (period.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def period_of(day: dt.date, bucket: str) -> str:
    """The period ``day`` falls in, named by its first day (weeks start on Monday)."""
    if bucket == "week":
        day -= dt.timedelta(days=day.weekday())
    elif bucket == "month":
        day = day.replace(day=1)
    return day.isoformat()


def _from_start(counts: Mapping[K, int], start: str | None) -> tuple[dict[K, int], str]:
    """``counts`` of the periods from ``start`` on, and a note counting the records before it."""
    if start is None:
        return dict(counts), ""
    kept = {key: n for key, n in counts.items() if _period(key) >= start}
    earlier = sum(n for key, n in counts.items() if _period(key) < start)
    note = f"{earlier} dated before the first article, {start}, not drawn" if earlier else ""
    return kept, note


def _period(key: object) -> str:
    return str(key[0]) if isinstance(key, tuple) else str(key)


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def fill_periods(periods: Iterable[str], bucket: str) -> tuple[list[str], str]:
    """Every period from the first to the last given, the latest ``MAX_PERIODS``; and a note if cut."""
    dates = sorted({dt.date.fromisoformat(p) for p in periods})
    if not dates:
        return [], ""
    filled = [dates[0]]
    while filled[-1] < dates[-1]:
        filled.append(_next_period(filled[-1], bucket))
    note = ""
    if len(filled) > MAX_PERIODS:
        note = f"latest {MAX_PERIODS} of {len(filled)} {bucket}s shown"
        filled = filled[-MAX_PERIODS:]
    return [d.isoformat() for d in filled], note


def _x_labels(periods: Sequence[str], slot: float) -> tuple[Label, ...]:
    step = max(1, -(-len(periods) // 8))
    return tuple(
        Label(LEFT + i * slot + slot / 2, HEIGHT - BOTTOM + 16, period)
        for i, period in enumerate(periods)
        if i % step == 0
    )


def stacked_bars(
    title: str,
    counts: Mapping[tuple[str, str], int],
    series: Sequence[str],
    bucket: str,
    css: Mapping[str, str],
    start: str | None = None,
) -> Chart:
    """Bars per period stacked by series: ``counts[(period, series)]`` is the height of each segment."""
    counts, early = _from_start(counts, start)
    periods, note = fill_periods((p for p, _ in counts), bucket)
    note = _join(note, early)
    if not periods:
        return Chart(title)
    totals = [sum(counts.get((p, s), 0) for s in series) for p in periods]
    top = max(max(totals), 1)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    bar_w = max(slot * 0.8, 1.0)
    rects = []
    for i, period in enumerate(periods):
        y = float(HEIGHT - BOTTOM)
        for name in series:
            n = counts.get((period, name), 0)
            if n <= 0:
                continue
            h = n / top * plot_h
            y -= h
            rects.append(
                Rect(LEFT + i * slot + (slot - bar_w) / 2, y, bar_w, h, css[name], f"{period} {name}: {n}")
            )
    used = [s for s in series if any(counts.get((p, s), 0) for p in periods)]
    y_labels = (
        Label(LEFT - 4, HEIGHT - BOTTOM + 4, "0", "end"),
        Label(LEFT - 4, TOP + 4, str(top), "end"),
    )
    rows = tuple(
        (p, tuple((s, counts[(p, s)]) for s in series if counts.get((p, s), 0)))
        for p in periods
        if any(counts.get((p, s), 0) for s in series)
    )
    return Chart(
        title,
        rects=tuple(rects),
        labels=_x_labels(periods, slot) + y_labels,
        gridlines=(float(TOP), TOP + plot_h / 2),
        legend=tuple((css[s], s) for s in used),
        note=note,
        rows=rows,
    )


def diverging_bars(
    title: str, rows: Sequence[Mapping[str, object]], bucket: str, start: str | None = None
) -> Chart:
    """Cooperation above the axis and conflict below it, one bar pair per period."""
    totals = {str(r["period"]): int(str(r["cooperation"])) + int(str(r["conflict"])) for r in rows}
    _, early = _from_start(totals, start)
    by_period = {
        str(r["period"]): (int(str(r["cooperation"])), int(str(r["conflict"])))
        for r in rows
        if start is None or str(r["period"]) >= start
    }
    periods, note = fill_periods(by_period, bucket)
    note = _join(note, early)
    if not periods:
        return Chart(title)
    top = max(max(max(v) for v in by_period.values()), 1)
    half = (HEIGHT - TOP - BOTTOM) / 2
    axis = TOP + half
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    bar_w = max(slot * 0.8, 1.0)
    rects = []
    for i, period in enumerate(periods):
        coop, conflict = by_period.get(period, (0, 0))
        x = LEFT + i * slot + (slot - bar_w) / 2
        if coop:
            h = coop / top * half
            rects.append(Rect(x, axis - h, bar_w, h, "coop", f"{period} cooperation: {coop}"))
        if conflict:
            h = conflict / top * half
            rects.append(Rect(x, axis, bar_w, h, "conflict", f"{period} conflict: {conflict}"))
    labels = (
        *_x_labels(periods, slot),
        Label(LEFT - 4, TOP + 4, str(top), "end"),
        Label(LEFT - 4, axis + 4, "0", "end"),
        Label(LEFT - 4, HEIGHT - BOTTOM + 4, str(top), "end"),
    )
    table = tuple(
        (p, (("cooperation", by_period[p][0]), ("conflict", by_period[p][1])))
        for p in periods
        if p in by_period
    )
    return Chart(
        title,
        rects=tuple(rects),
        labels=labels,
        gridlines=(float(TOP), float(HEIGHT - BOTTOM)),
        legend=(("coop", "cooperation"), ("conflict", "conflict")),
        baseline=axis,
        note=note,
        rows=table,
    )


def events_by_type(
    title: str, rows: Iterable[Mapping[str, object]], bucket: str, start: str | None = None
) -> Chart:
    """The home page chart: ``{"period", "type", "n"}`` rows stacked by PLOVER type."""
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        name = str(row["type"]) if row["type"] else "statement"
        key = (str(row["period"]), name)
        counts[key] = counts.get(key, 0) + int(str(row["n"]))
    return _by_type(title, counts, bucket, start)


def timeline_by_type(
    title: str, rows: Iterable[Mapping[str, object]], bucket: str, start: str | None = None
) -> Chart:
    """An actor's quotes and events per period, events stacked by PLOVER type.

    ``rows`` are ``{"period", "events", "quotes", "types": {type: n}}``; events without a
    PLOVER type (statements) are the events not counted under any type.
    """
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        period = str(row["period"])
        types = row["types"] if isinstance(row["types"], Mapping) else {}
        for name, n in types.items():
            counts[(period, str(name))] = int(n)
        counts[(period, "statement")] = int(str(row["events"])) - sum(int(n) for n in types.values())
        counts[(period, QUOTES)] = int(str(row["quotes"]))
    return _by_type(title, counts, bucket, start)


def compare_lines(
    title: str, series: Mapping[str, Iterable[Mapping[str, object]]], bucket: str, start: str | None = None
) -> Chart:
    """Several actors' events per period side by side: ``series[name]`` are timeline rows."""
    counts: dict[tuple[str, str], int] = {}
    for name, rows in series.items():
        for row in rows:
            counts[(str(row["period"]), name)] = int(str(row["events"]))
    names = list(series)
    css = {name: f"series-{i % len(SERIES_CSS)}" for i, name in enumerate(names)}
    return grouped_bars(title, counts, names, bucket, css, start)


def grouped_bars(
    title: str,
    counts: Mapping[tuple[str, str], int],
    series: Sequence[str],
    bucket: str,
    css: Mapping[str, str],
    start: str | None = None,
) -> Chart:
    """Bars per period side by side, one per series: ``counts[(period, series)]``."""
    counts, early = _from_start(counts, start)
    periods, note = fill_periods((p for p, _ in counts), bucket)
    note = _join(note, early)
    if not periods or not series:
        return Chart(title)
    top = max(max(counts.values(), default=0), 1)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    bar_w = max(slot * 0.8 / len(series), 1.0)
    rects = []
    for i, period in enumerate(periods):
        for j, name in enumerate(series):
            n = counts.get((period, name), 0)
            if n <= 0:
                continue
            h = n / top * plot_h
            x = LEFT + i * slot + slot * 0.1 + j * bar_w
            rects.append(Rect(x, HEIGHT - BOTTOM - h, bar_w, h, css[name], f"{period} {name}: {n}"))
    rows = tuple(
        (p, tuple((s, counts.get((p, s), 0)) for s in series))
        for p in periods
        if any(counts.get((p, s), 0) for s in series)
    )
    y_labels = (
        Label(LEFT - 4, HEIGHT - BOTTOM + 4, "0", "end"),
        Label(LEFT - 4, TOP + 4, str(top), "end"),
    )
    return Chart(
        title,
        rects=tuple(rects),
        labels=_x_labels(periods, slot) + y_labels,
        gridlines=(float(TOP), TOP + plot_h / 2),
        legend=tuple((css[s], s) for s in series),
        note=note,
        rows=rows,
    )


def _by_type(
    title: str, counts: Mapping[tuple[str, str], int], bucket: str, start: str | None = None
) -> Chart:
    present = {name for _, name in counts}
    series = [t for t in PLOVER_TYPES if t in present] + sorted(present - set(PLOVER_TYPES) - {QUOTES})
    css = {name: type_css(None if name == "statement" else name) for name in series}
    if QUOTES in present:
        series.insert(0, QUOTES)
        css[QUOTES] = "said"
    return stacked_bars(title, counts, series, bucket, css, start)
