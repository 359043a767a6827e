"""The parley schema: one object per article in the analysis contract, as ``Store.article`` returns it.

Its quotes and events go without the copies of their article's id, title and
publication date that ``Store.article`` adds to each: the article object has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from parley.export.filters import ExportFilters
from parley.limits import MAX_LIMIT
from parley.store import Store

PAGE = MAX_LIMIT

_REF = pa.struct([("name", pa.string()), ("country", pa.string()), ("role", pa.string())])
_SPAN = pa.list_(pa.int64())
_ACTOR = pa.struct(
    [
        ("id", pa.int64()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("role", pa.string()),
        ("code", pa.string()),
        ("mentions", pa.list_(_SPAN)),
    ]
)
_QUOTE = pa.struct(
    [
        ("id", pa.int64()),
        ("text", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("kind", pa.string()),
        ("speaker", _REF),
        ("speaker_mention", _SPAN),
        ("cue", pa.string()),
    ]
)
_EVENT = pa.struct(
    [
        ("id", pa.int64()),
        ("source", _REF),
        ("target", _REF),
        ("cameo", pa.string()),
        ("cameo_root", pa.string()),
        (
            "plover",
            pa.struct([("type", pa.string()), ("mode", pa.string()), ("context", pa.list_(pa.string()))]),
        ),
        ("sentence", _SPAN),
        ("trigger", _SPAN),
        ("negated", pa.bool_()),
        ("conditional", pa.bool_()),
        ("hypothetical", pa.bool_()),
        ("reported", pa.bool_()),
        ("quote_index", pa.int64()),
        ("quote_id", pa.int64()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("confidence", pa.float64()),
        ("rule", pa.string()),
        ("quad_class", pa.int32()),
        ("sentence_text", pa.string()),
    ]
)
ARROW = pa.schema(
    [
        ("id", pa.int64()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.date32()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("language", pa.string()),
        ("origin", pa.string()),
        ("source", pa.string()),
        ("ingested_at", pa.timestamp("us", tz="UTC")),
        ("duplicate_of", pa.int64()),
        ("text", pa.string()),
        ("actors", pa.list_(_ACTOR)),
        ("quotes", pa.list_(_QUOTE)),
        ("events", pa.list_(_EVENT)),
    ]
)
COLUMNS: tuple[str, ...] = tuple(ARROW.names)


def rows(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """Every article ``filters`` select, newest first, each with its actors, quotes and events."""
    after: int | None = None
    while True:
        page = store.articles(
            search=filters.search,
            outlet=filters.outlet,
            since=filters.since,
            until=filters.until,
            limit=PAGE,
            after=after,
        )
        for summary in page:
            yield _without_copies(store.article(int(summary["id"])))
        if len(page) < PAGE:
            return
        after = int(page[-1]["id"])


_COPIES = ("article_id", "article_title", "published")


def _without_copies(article: dict[str, Any]) -> dict[str, Any]:
    for record in (*article["quotes"], *article["events"]):
        for key in _COPIES:
            record.pop(key, None)
    return article
