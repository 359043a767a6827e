"""Bar charts drawn by the server: geometry computed here, SVG written by the ``_chart.html`` macro.

Periods the store has no rows for are filled with zeros so the time axis is even, and
only the latest ``MAX_PERIODS`` periods are drawn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from parley.ontology.plover import PLOVER_TYPES

MAX_PERIODS = 104
WIDTH = 720
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 30
QUOTES = "quotes"


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
) -> Chart:
    """Bars per period stacked by series: ``counts[(period, series)]`` is the height of each segment."""
    periods, note = fill_periods((p for p, _ in counts), bucket)
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


def diverging_bars(title: str, rows: Sequence[Mapping[str, object]], bucket: str) -> Chart:
    """Cooperation above the axis and conflict below it, one bar pair per period."""
    by_period = {str(r["period"]): (int(str(r["cooperation"])), int(str(r["conflict"]))) for r in rows}
    periods, note = fill_periods(by_period, bucket)
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


def events_by_type(title: str, rows: Iterable[Mapping[str, object]], bucket: str) -> Chart:
    """The home page chart: ``{"period", "type", "n"}`` rows stacked by PLOVER type."""
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        name = str(row["type"]) if row["type"] else "statement"
        key = (str(row["period"]), name)
        counts[key] = counts.get(key, 0) + int(str(row["n"]))
    return _by_type(title, counts, bucket)


def timeline_by_type(title: str, rows: Iterable[Mapping[str, object]], bucket: str) -> Chart:
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
    return _by_type(title, counts, bucket)


def _by_type(title: str, counts: Mapping[tuple[str, str], int], bucket: str) -> Chart:
    present = {name for _, name in counts}
    series = [t for t in PLOVER_TYPES if t in present] + sorted(present - set(PLOVER_TYPES) - {QUOTES})
    css = {name: type_css(None if name == "statement" else name) for name in series}
    if QUOTES in present:
        series.insert(0, QUOTES)
        css[QUOTES] = "said"
    return stacked_bars(title, counts, series, bucket, css)
