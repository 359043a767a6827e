"""Every event a filter selects, page by page, with what the event schemas need from its article."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from parley.export.filters import ExportFilters
from parley.limits import MAX_LIMIT
from parley.ontology.actors import actor_code
from parley.store import Store

PAGE = MAX_LIMIT
_ARTICLES_KEPT = 256  # events come grouped by article, so a small cache reads each article once


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What an event row needs from its article beyond what ``Store.events`` returns."""

    url: str | None
    outlet: str | None
    ingested_at: str | None
    lead_end: int  # where the first paragraph ends
    codes: dict[tuple[str, str | None, str | None], str | None]  # (name, country, role) -> actor code

    def code(self, ref: dict[str, Any] | None) -> str | None:
        """The actor code of an event's source or target: as stored for the article, else country + role."""
        if ref is None:
            return None
        key = (ref["name"], ref["country"], ref["role"])
        return self.codes.get(key) or actor_code(ref["country"], ref["role"]) or None


def paged_events(store: Store, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """The events ``filters`` select, newest first, read a page at a time with a keyset cursor."""
    after: int | None = None
    while True:
        page = store.events(
            source=filters.source,
            target=filters.target,
            actor=filters.actor,
            exact=filters.exact,
            type=filters.type,
            cameo=filters.cameo,
            since=filters.since,
            until=filters.until,
            limit=PAGE,
            after=after,
        )
        yield from (event.to_dict() for event in page)
        if len(page) < PAGE:
            return
        after = page[-1].id


def article_facts(store: Store) -> Callable[[int], ArticleFacts]:
    """A lookup of an article's facts by id, remembering the latest few articles."""

    @functools.lru_cache(maxsize=_ARTICLES_KEPT)
    def facts(article_id: int) -> ArticleFacts:
        article = store.article(article_id)
        lead_end = article.text.find("\n")
        return ArticleFacts(
            url=article.url or article.canonical_url or article.origin or None,
            outlet=article.outlet,
            ingested_at=article.ingested_at.isoformat() if article.ingested_at else None,
            lead_end=len(article.text) if lead_end < 0 else lead_end,
            codes={(a.name, a.country, a.role): a.code for a in article.actors},
        )

    return facts
