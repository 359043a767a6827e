"""Intervals, jitter and backoff."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from parley.errors import ConfigError
from parley.store.feeds import format_interval
from parley.watch.schedule import backoff, jittered, parse_interval

MINUTE = dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("text", "minutes"), [("15m", 15), ("2h", 120), ("1d", 1440), ("30", 30), (" 90S ", 1.5)]
)
def test_parse_interval(text: str, minutes: float) -> None:
    assert parse_interval(text) == minutes * MINUTE


@pytest.mark.parametrize("text", ["", "0m", "-5m", "15 minutes", "1.5h", "soon"])
def test_a_bad_interval_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ConfigError, match="like 15m or 2h"):
        parse_interval(text)


@pytest.mark.parametrize("text", ["90s", "15m", "2h", "1d"])
def test_format_interval_is_the_inverse(text: str) -> None:
    assert format_interval(parse_interval(text)) == text


def test_jitter_stays_within_its_fraction_and_spreads() -> None:
    rng = random.Random(3)
    spread = {jittered(15 * MINUTE, 0.1, rng) for _ in range(200)}
    assert all(13.5 * MINUTE <= s <= 16.5 * MINUTE for s in spread)
    assert len(spread) > 100 and min(spread) < 14 * MINUTE and max(spread) > 16 * MINUTE
    assert jittered(15 * MINUTE, 0.0, rng) == 15 * MINUTE


def test_backoff_doubles_and_is_capped() -> None:
    waits = [backoff(15 * MINUTE, n, dt.timedelta(hours=2)) for n in range(1, 7)]
    assert waits == [15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 120 * MINUTE, 120 * MINUTE, 120 * MINUTE]
    assert backoff(15 * MINUTE, 10_000, dt.timedelta(days=1)) == dt.timedelta(days=1)
    assert backoff(dt.timedelta(days=2), 3, dt.timedelta(days=1)) == dt.timedelta(
        days=2
    )  # never below the interval
