"""Limits and closed sets of options shared by the store, the CLI, the API, the web pages and the exports."""

from __future__ import annotations

from typing import Literal, get_args

# The most rows one read returns: a store page, an API page, a CLI listing, an export's page.
MAX_LIMIT = 500

# The periods counts are summed over in charts, dyads and timelines.
Bucket = Literal["day", "week", "month"]
BUCKETS: tuple[Bucket, ...] = get_args(Bucket)
