"""Server-drawn charts: even time axes, bar heights proportional to counts, escaping in the SVG."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from parley.web import charts


def test_weeks_are_filled_between_first_and_last() -> None:
    periods, note = charts.fill_periods(["2025-05-19", "2025-04-28"], "week")
    assert periods == ["2025-04-28", "2025-05-05", "2025-05-12", "2025-05-19"]
    assert note == ""


def test_months_and_days_step_by_calendar() -> None:
    assert charts.fill_periods(["2024-12-01", "2025-02-01"], "month")[0] == [
        "2024-12-01",
        "2025-01-01",
        "2025-02-01",
    ]
    assert charts.fill_periods(["2024-02-28", "2024-03-01"], "day")[0] == [
        "2024-02-28",
        "2024-02-29",
        "2024-03-01",
    ]


def test_long_ranges_keep_the_latest_periods_and_say_so() -> None:
    last = dt.date(2025, 1, 1) + dt.timedelta(days=charts.MAX_PERIODS + 9)
    periods, note = charts.fill_periods(["2025-01-01", last.isoformat()], "day")
    assert len(periods) == charts.MAX_PERIODS
    assert periods[-1] == last.isoformat()
    assert str(charts.MAX_PERIODS + 10) in note


def test_stacked_bars_scale_to_the_tallest_period() -> None:
    rows = [
        {"period": "2025-05-05", "type": "THREATEN", "n": 3},
        {"period": "2025-05-05", "type": "ASSAULT", "n": 1},
        {"period": "2025-05-19", "type": "AGREE", "n": 2},
        {"period": "2025-05-19", "type": None, "n": 1},
    ]
    chart = charts.events_by_type("t", rows, "week")
    assert len(chart.rects) == 4
    plot = charts.HEIGHT - charts.TOP - charts.BOTTOM
    by_x: dict[float, float] = {}
    for rect in chart.rects:
        by_x[rect.x] = by_x.get(rect.x, 0) + rect.height
    assert sorted(by_x.values()) == pytest.approx([plot * 3 / 4, plot])
    assert {css for css, _ in chart.legend} == {"t-threaten", "t-assault", "t-agree", "t-statement"}
    # The empty week between the two is on the axis, so the bars are two slots apart.
    xs = sorted(by_x)
    assert xs[1] - xs[0] == pytest.approx(2 * (charts.WIDTH - charts.LEFT - charts.RIGHT) / 3)


def test_diverging_bars_put_conflict_below_the_axis() -> None:
    rows = [{"period": "2025-05-01", "cooperation": 2, "conflict": 4, "a_to_b": 3, "b_to_a": 3}]
    chart = charts.diverging_bars("t", rows, "month")
    coop = next(r for r in chart.rects if r.css == "coop")
    conflict = next(r for r in chart.rects if r.css == "conflict")
    assert coop.y + coop.height == pytest.approx(chart.baseline)
    assert conflict.y == pytest.approx(chart.baseline)
    assert conflict.height == pytest.approx(2 * coop.height)


def test_no_rows_make_an_empty_chart() -> None:
    assert charts.events_by_type("t", [], "week").empty
    assert charts.diverging_bars("t", [], "week").empty


def test_type_css_is_a_safe_class_name() -> None:
    assert charts.type_css("THREATEN") == "t-threaten"
    assert charts.type_css(None) == "t-statement"
    assert re.fullmatch(r"t-[a-z0-9-]+", charts.type_css('x" onload="y<'))


def test_actor_timeline_stacks_quotes_typed_events_and_statements() -> None:
    rows = [
        {"period": "2025-05-05", "events": 4, "quotes": 2, "types": {"THREATEN": 1, "REJECT": 2}},
        {"period": "2025-05-12", "events": 0, "quotes": 1, "types": {"THREATEN": 0, "REJECT": 0}},
    ]
    chart = charts.timeline_by_type("t", rows, "week")
    titles = sorted(r.title for r in chart.rects)
    assert titles == [
        "2025-05-05 REJECT: 2",
        "2025-05-05 THREATEN: 1",
        "2025-05-05 quotes: 2",
        "2025-05-05 statement: 1",
        "2025-05-12 quotes: 1",
    ]
    assert ("said", "quotes") in chart.legend


def test_a_chart_starts_at_the_first_article_not_at_a_background_date() -> None:
    rows = [
        {"period": "2022-02-01", "type": "ASSAULT", "n": 1},
        {"period": "2025-04-01", "type": "REJECT", "n": 3},
        {"period": "2025-05-01", "type": "AGREE", "n": 2},
    ]
    chart = charts.events_by_type("t", rows, "month", start=charts.period_of(dt.date(2025, 3, 20), "month"))
    assert [period for period, _ in chart.rows] == ["2025-04-01", "2025-05-01"]
    assert "1 dated before the first article, 2025-03-01" in chart.note
    unbounded = charts.events_by_type("t", rows, "month")
    assert unbounded.rows[0][0] == "2022-02-01"


def test_period_of_names_a_week_by_its_monday() -> None:
    assert charts.period_of(dt.date(2025, 5, 4), "week") == "2025-04-28"
    assert charts.period_of(dt.date(2025, 5, 4), "month") == "2025-05-01"
    assert charts.period_of(dt.date(2025, 5, 4), "day") == "2025-05-04"


def test_compare_draws_one_series_per_actor() -> None:
    series = {
        "RUS": [{"period": "2025-05-05", "events": 2, "quotes": 0, "types": {}}],
        "UKR": [{"period": "2025-05-12", "events": 1, "quotes": 0, "types": {}}],
    }
    chart = charts.compare_lines("t", series, "week")
    assert {r.css for r in chart.rects} == {"series-0", "series-1"}
    assert dict(chart.rows)["2025-05-05"] == (("RUS", 2), ("UKR", 0))
