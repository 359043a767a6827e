"""When a feed is fetched next: intervals written as "15m", jitter, and capped exponential backoff."""

from __future__ import annotations

import datetime as dt
import random
import re

from parley.errors import ConfigError

_INTERVAL = re.compile(r"\s*(\d+)\s*([smhd]?)\s*")
_UNITS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> dt.timedelta:
    """ "90s", "15m", "2h", "1d" (a bare number is minutes) as a timedelta; ConfigError otherwise."""
    found = _INTERVAL.fullmatch(text.lower())
    if found is None or int(found.group(1)) == 0:
        raise ConfigError(f"interval {text!r}: write a positive number with s, m, h or d, like 15m or 2h")
    return dt.timedelta(seconds=int(found.group(1)) * _UNITS[found.group(2)])


def jittered(interval: dt.timedelta, jitter: float, rng: random.Random) -> dt.timedelta:
    """``interval`` stretched or shrunk by up to ``jitter`` (a fraction), so feeds of one host drift apart."""
    return interval * (1 + rng.uniform(-jitter, jitter))


def backoff(interval: dt.timedelta, failures: int, cap: dt.timedelta) -> dt.timedelta:
    """The wait after ``failures`` failures in a row: the interval, doubled per further failure, capped."""
    # The exponent is bounded so a feed failing for months cannot overflow a timedelta.
    doubled = interval.total_seconds() * 2 ** min(max(failures - 1, 0), 32)
    return dt.timedelta(seconds=min(doubled, max(cap, interval).total_seconds()))
