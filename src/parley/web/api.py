"""The JSON API's handlers: validate the query, make one store call, page the result.

Routes are declared in ``parley.web.app``; the shapes are in ``parley.web.models``,
generated from the records the store returns.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Header, Path, Query, Request
from pydantic import BeforeValidator

from parley.errors import QueryError, StoreError
from parley.limits import MAX_LIMIT, Bucket
from parley.records import Issue as IssueName
from parley.records import Record
from parley.records import ShiftKind as ShiftKindName
from parley.sources import Document, read_page
from parley.store import Store
from parley.store.query import Page
from parley.web.errors import NotFound, Unauthorized
from parley.web.models import IngestRequest, IngestResult
from parley.web.settings import WebSettings

if TYPE_CHECKING:
    from parley.ingest import AnalyzeBatch

MAX_ID = 2**63 - 1

# Query text may not carry control characters: no store needs them, and some databases reject NUL.
_PLAIN = r"^[^\x00-\x1f\x7f]*$"

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"items per page: 1 to {MAX_LIMIT} (default 50)")
]
After = Annotated[
    int | None,
    Query(ge=1, le=MAX_ID, description="cursor: the id of the previous page's last item (follow `next`)"),
]
Offset = Annotated[
    int, Query(ge=0, le=MAX_ID, description="items to skip, for pages of an order other than id")
]
Count = Annotated[bool, Query(description="also count every matching item, as `total`")]
Exact = Annotated[
    bool,
    Query(
        description="a country means its own actor only, not its whole side "
        "(state, government, officials, forces)"
    ),
]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    # Pydantic would also read "1700000000" or "0.0" as a Unix time; a date filter is a calendar date.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("should be a date like 2025-05-02")
    return value


Since = Annotated[
    dt.date | None, BeforeValidator(_iso_date), Query(description="on or after this date (YYYY-MM-DD)")
]
Until = Annotated[
    dt.date | None, BeforeValidator(_iso_date), Query(description="on or before this date (YYYY-MM-DD)")
]
Search = Annotated[
    str | None, Query(min_length=1, max_length=200, pattern=_PLAIN, description="full-text search terms")
]


def _code(description: str) -> Any:
    return Query(max_length=100, pattern=_PLAIN, description=description)


ActorKey = Annotated[
    str | None,
    _code(
        "actor: a country code or name (the country's whole side unless `exact`), "
        "a CAMEO-style actor code, a name, alias or surname, in any case"
    ),
]
Outlet = Annotated[str | None, _code("outlet name, in any case")]


def _sort(keys: str, default: str) -> Any:
    return Query(
        max_length=20, pattern=_PLAIN, description=f"{keys}; a leading - sorts descending (default {default})"
    )


def get_store(request: Request) -> Store:
    """The store the app was created with."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> WebSettings:
    """The settings the app was created with."""
    settings: WebSettings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]


def dicts(items: Iterable[Record]) -> list[dict[str, Any]]:
    """Records as the dicts of the output schema."""
    return [item.to_dict() for item in items]


def paged(request: Request, items: Page[Any], limit: int, offset: int, cursor: bool) -> dict[str, Any]:
    """A page of items with the URL of the next page (null when this page is not full), the
    total when counted, and what each actor filter matched.

    The next page continues from the last item (``after``) when the order allows a
    ``cursor``, else it skips the items seen (``offset``).
    """
    following = None
    if items and len(items) == limit:
        if cursor and not offset:
            following = str(request.url.include_query_params(after=items[-1].id))
        else:
            following = str(request.url.include_query_params(offset=offset + limit))
    return {
        "items": [item.to_dict() for item in items],
        "next": following,
        "total": items.total,
        "matched": [m.describe() for m in items.matched],
    }


def by_id(sort: str) -> bool:
    """Whether a sort key is an id order, which pages by cursor."""
    return sort.strip() in ("id", "-id")


def list_articles(
    request: Request,
    store: StoreDep,
    search: Search = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    after: After = None,
    offset: Offset = 0,
    sort: Annotated[str, _sort("id or published", "-id")] = "-id",
    count: Count = False,
) -> dict[str, Any]:
    """Articles, newest first; with `search`, those matching the full-text index, with a snippet."""
    items = store.articles(
        search=search,
        outlet=outlet,
        since=since,
        until=until,
        limit=limit,
        after=after,
        offset=offset,
        sort=sort,
        count=count,
    )
    return paged(request, items, limit, offset, by_id(sort))


def get_article(
    store: StoreDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID, description="article id")]
) -> dict[str, Any]:
    """One article with its cleaned text, actors, quotes and events."""
    try:
        return store.article(article_id).to_dict()
    except StoreError as exc:
        raise NotFound(str(exc)) from exc


def list_quotes(
    request: Request,
    store: StoreDep,
    speaker: ActorKey = None,
    country: Annotated[
        str | None, _code("speaker's country, code or name: its whole side unless `exact`")
    ] = None,
    exact: Exact = False,
    search: Search = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    article_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="only this article's quotes")
    ] = None,
    limit: Limit = 50,
    after: After = None,
    offset: Offset = 0,
    sort: Annotated[str, _sort("id or published", "-id")] = "-id",
    count: Count = False,
) -> dict[str, Any]:
    """Quotes, newest first, filtered like `parley quotes`."""
    items = store.quotes(
        speaker=speaker,
        country=country,
        exact=exact,
        search=search,
        outlet=outlet,
        since=since,
        until=until,
        article_id=article_id,
        limit=limit,
        after=after,
        offset=offset,
        sort=sort,
        count=count,
    )
    return paged(request, items, limit, offset, by_id(sort))


def list_events(
    request: Request,
    store: StoreDep,
    source: ActorKey = None,
    target: ActorKey = None,
    actor: Annotated[str | None, _code("either side: source or target, as `source`")] = None,
    exact: Exact = False,
    type: Annotated[str | None, _code("PLOVER type, e.g. THREATEN")] = None,
    cameo: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{1,4}$", description="CAMEO code or prefix, e.g. 13 for all threats"),
    ] = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    asserted_only: Annotated[
        bool, Query(description="leave out negated, hypothetical and reported events")
    ] = False,
    undated: Annotated[bool, Query(description="only events without a date (charts leave them out)")] = False,
    article_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="only this article's events")
    ] = None,
    limit: Limit = 50,
    after: After = None,
    offset: Offset = 0,
    sort: Annotated[str, _sort("id or date", "-id")] = "-id",
    count: Count = False,
) -> dict[str, Any]:
    """Events, newest first, filtered like `parley events`."""
    items = store.events(
        source=source,
        target=target,
        actor=actor,
        exact=exact,
        type=type,
        cameo=cameo,
        since=since,
        until=until,
        outlet=outlet,
        asserted_only=asserted_only,
        undated=undated,
        article_id=article_id,
        limit=limit,
        after=after,
        offset=offset,
        sort=sort,
        count=count,
    )
    return paged(request, items, limit, offset, by_id(sort))


def list_actors(
    request: Request,
    store: StoreDep,
    country: Annotated[str | None, _code("country code or name")] = None,
    role: Annotated[str | None, _code("role, e.g. GOV, MIL, IGO")] = None,
    search: Search = None,
    limit: Limit = 50,
    after: After = None,
    offset: Offset = 0,
    sort: Annotated[str, _sort("activity or name", "-activity")] = "-activity",
    count: Count = False,
) -> dict[str, Any]:
    """Actors, most active first."""
    try:
        items = store.actors(
            country=country,
            role=role,
            search=search,
            limit=limit,
            after=after,
            offset=offset,
            sort=sort,
            count=count,
        )
    except StoreError as exc:
        # Actors are ordered by activity, so the cursor must name an actor that exists.
        raise NotFound(str(exc)) from exc
    return paged(request, items, limit, offset, sort.strip() == "-activity")


def actor_key(key: str) -> str | int:
    """An actor id when the key is a number, else the actor's name or code."""
    key = key.strip()
    if key.isdigit():
        # isdigit() also accepts digits like "²" that int() refuses; ids are plain ASCII.
        if not key.isascii() or int(key) > MAX_ID:
            raise NotFound(f"actor {key!r}: no such actor")
        return int(key)
    return key


def get_actor(
    store: StoreDep,
    key: Annotated[str, Path(min_length=1, max_length=200, description="actor id, name, code or country")],
    exact: Exact = False,
) -> dict[str, Any]:
    """One actor, or a country's whole side, with its quotes, the events it did and the events
    done to it, latest first; ``members`` are the actors it stands for."""
    try:
        return store.actor(actor_key(key), exact=exact).to_dict()
    except StoreError as exc:
        raise NotFound(str(exc)) from exc


def get_dyad(
    store: StoreDep,
    a: Annotated[str, Query(min_length=1, max_length=100, pattern=_PLAIN, description="first actor")],
    b: Annotated[str, Query(min_length=1, max_length=100, pattern=_PLAIN, description="second actor")],
    bucket: Bucket = "week",
    exact: Exact = False,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Cooperation and conflict between two actors per period, in either direction.

    Undated events cannot be placed in a period: ``undated`` counts those left out."""
    rows = store.dyad(a, b, bucket=bucket, exact=exact, since=since, until=until)
    return {
        "a": a,
        "b": b,
        "bucket": bucket,
        "items": dicts(rows),
        "undated": rows.undated,
        "matched": [m.describe() for m in rows.matched],
    }


def get_timeline(
    store: StoreDep,
    actor: Annotated[str, Query(min_length=1, max_length=100, pattern=_PLAIN, description="actor")],
    bucket: Bucket = "week",
    exact: Exact = False,
) -> dict[str, Any]:
    """An actor's events and quotes per period (a country: its whole side unless `exact`)."""
    rows = dicts(store.timeline(actor, bucket=bucket, exact=exact))
    return {"actor": actor, "bucket": bucket, "items": rows}


def get_stats(store: StoreDep) -> dict[str, Any]:
    """Counts of what the store holds."""
    return store.stats().to_dict()


def require_token(
    settings: Annotated[WebSettings, Depends(get_settings)],
    authorization: Annotated[str | None, Header(description="`Bearer <PARLEY_TOKEN>`")] = None,
) -> None:
    """Let the request through only with the server's bearer token."""
    scheme, _, given = (authorization or "").partition(" ")
    expected = settings.token or ""
    if scheme.lower() != "bearer" or not expected or not hmac.compare_digest(given.strip(), expected):
        raise Unauthorized("send the server's PARLEY_TOKEN as 'Authorization: Bearer <token>'")


def document_of(body: IngestRequest, settings: WebSettings) -> Document:
    """The document an ingest request describes, fetching it when it is a URL."""
    if body.url is not None:
        options = replace(settings.fetch, public_only=not settings.allow_private_urls)
        page = read_page(body.url, options)
        return replace(
            page,
            title=body.title or page.title,
            published=body.published or page.published,
            outlet=body.outlet or page.outlet,
        )
    kind, content = ("html", body.html) if body.html is not None else ("text", body.text or "")
    return Document(
        origin=f"POST /api/ingest ({kind})",
        kind=kind,
        content=content,
        title=body.title,
        published=body.published,
        outlet=body.outlet,
    )


class Ingester:
    """Runs ``POST /api/ingest``: the NLP pipeline is loaded on first use and kept for later requests.

    One document is analysed at a time, since a spaCy pipeline is not meant to be shared
    between threads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._analyzer: AnalyzeBatch | None = None

    def __call__(self, store: Store, document: Document) -> int:
        # Imported here so a read-only server never loads the cleaning and NLP stack.
        from parley.ingest import default_analyzer, ingest_one

        with self._lock:
            if self._analyzer is None:
                self._analyzer = default_analyzer()
            return ingest_one(store, document, analyzer=self._analyzer)


def ingest(
    request: Request,
    body: IngestRequest,
    store: StoreDep,
    settings: Annotated[WebSettings, Depends(get_settings)],
) -> IngestResult:
    """Analyse one text, HTML page or URL and store it (needs --allow-ingest and the bearer token).

    A document already stored, or a near-duplicate of a stored one, gives the stored article's id.
    """
    ingester: Ingester = request.app.state.ingester
    article_id = ingester(store, document_of(body, settings))
    return IngestResult(id=article_id, url=f"/api/articles/{article_id}")


Issue = Annotated[IssueName | None, Query(description="the issue, e.g. ceasefire or talks")]


def list_positions(
    request: Request,
    store: StoreDep,
    actor: ActorKey = None,
    issue: Issue = None,
    since: Since = None,
    until: Until = None,
    article_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="only this article's positions")
    ] = None,
    limit: Limit = 50,
    after: After = None,
) -> dict[str, Any]:
    """Positions, newest first, filtered like `parley positions` (actors by code, name or alias)."""
    items = store.positions(
        actor=actor, issue=issue, since=since, until=until, article_id=article_id, limit=limit, after=after
    )
    return paged(request, items, limit, 0, True)


def list_shifts(
    request: Request,
    store: StoreDep,
    actor: ActorKey = None,
    issue: Issue = None,
    kind: Annotated[
        ShiftKindName | None, Query(description="walk-back, reversal, hardening or softening")
    ] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    after: After = None,
) -> dict[str, Any]:
    """Shifts of stance within and across articles, newest first, filtered like `parley shifts`."""
    items = store.shifts(
        actor=actor, issue=issue, kind=kind, since=since, until=until, limit=limit, after=after
    )
    return paged(request, items, limit, 0, True)


def list_processes(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="processes to list (default 20)")] = 20,
) -> dict[str, Any]:
    """Pairs of parties with negotiation events between them, the busiest first."""
    return {"items": dicts(store.processes(limit))}


def process_parties(process_id: str) -> tuple[str, str]:
    """The two party keys of a process id such as ``RUS-UKR``."""
    a, _, b = process_id.partition("-")
    if not a.strip() or not b.strip():
        raise NotFound(f"process {process_id!r}: a process id names two parties, like RUS-UKR")
    return a.strip(), b.strip()


def get_process(
    store: StoreDep,
    process_id: Annotated[
        str, Path(min_length=3, max_length=200, pattern=_PLAIN, description="two parties, e.g. RUS-UKR")
    ],
    mediator: Annotated[
        list[str] | None, Query(max_length=20, description="mediators to add to those found in the data")
    ] = None,
) -> dict[str, Any]:
    """One process: its parties, mediators, timeline, every party's positions and the shifts."""
    a, b = process_parties(process_id)
    try:
        return store.process(a, b, mediators=mediator or []).to_dict()
    except QueryError as exc:
        raise NotFound(str(exc)) from exc
