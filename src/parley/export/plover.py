"""The plover schema: one flat JSON object per event, with the field names of the PLOVER specification.

Field names follow the PLOVER data specification (``id``, ``date``, ``event``,
``mode``, ``context``, ``text``, ``quad_code``, ``coder``), with flat ``actor`` and
``recipient`` names, countries and sectors in place of its lists of actor objects,
and Parley's flags (``negated``, ``conditional``, ``hypothetical``, ``reported``).
CAMEO public statements (root 01) have no PLOVER type and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from parley import __version__
from parley.export.events import ArticleFacts, article_facts, paged_events
from parley.export.filters import ExportFilters
from parley.store import Store

# PLOVER's quad categories, which differ from CAMEO's (SANCTION is verbal conflict).
QUAD_CODES: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
CODER = f"parley {__version__}"

ARROW = pa.schema(
    [
        ("id", pa.int64()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("event", pa.string()),
        ("mode", pa.string()),
        ("context", pa.list_(pa.string())),
        ("quad_code", pa.int32()),
        ("actor", pa.string()),
        ("actor_country", pa.string()),
        ("actor_sector", pa.string()),
        ("actor_code", pa.string()),
        ("recipient", pa.string()),
        ("recipient_country", pa.string()),
        ("recipient_sector", pa.string()),
        ("recipient_code", pa.string()),
        ("cameo", pa.string()),
        ("negated", pa.bool_()),
        ("conditional", pa.bool_()),
        ("hypothetical", pa.bool_()),
        ("reported", pa.bool_()),
        ("confidence", pa.float64()),
        ("text", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("publication", pa.string()),
        ("published", pa.date32()),
        ("article_id", pa.int64()),
        ("coder", pa.string()),
        ("rule", pa.string()),
    ]
)
COLUMNS: tuple[str, ...] = tuple(ARROW.names)


def rows(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """The PLOVER records of the events ``filters`` select that have a PLOVER type, newest first."""
    facts = article_facts(store)
    for event in paged_events(store, filters):
        if event["plover"]["type"]:
            yield row(event, facts(event["article_id"]))


def row(event: dict[str, Any], article: ArticleFacts) -> dict[str, Any]:
    """One event (as ``Store.events`` returns it) as a PLOVER record."""
    source, target, plover = event["source"], event["target"], event["plover"]
    # An event without a date of its own is dated by its article's publication.
    precision = event["date_precision"] if event["date"] else ("published" if event["published"] else None)
    return {
        "id": event["id"],
        "date": event["date"] or event["published"],
        "date_precision": precision,
        "event": plover["type"],
        "mode": plover["mode"],
        "context": list(plover["context"]),
        "quad_code": QUAD_CODES.get(plover["type"]),
        "actor": source["name"] if source else None,
        "actor_country": source["country"] if source else None,
        "actor_sector": source["role"] if source else None,
        "actor_code": article.code(source),
        "recipient": target["name"] if target else None,
        "recipient_country": target["country"] if target else None,
        "recipient_sector": target["role"] if target else None,
        "recipient_code": article.code(target),
        "cameo": event["cameo"],
        "negated": event["negated"],
        "conditional": event["conditional"],
        "hypothetical": event["hypothetical"],
        "reported": event["reported"],
        "confidence": event["confidence"],
        "text": event["sentence_text"],
        "url": article.url,
        "title": event["article_title"],
        "publication": article.outlet,
        "published": event["published"],
        "article_id": event["article_id"],
        "coder": CODER,
        "rule": event["rule"],
    }
