"""The HTML pages: each handler makes its store calls and renders one Jinja2 template.

Pages read form fields as plain strings (an empty field means "any"), so a bad value
is shown on the page as a message instead of a validation error. The pages need no
script: sorting, facets, paging and downloads are links.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from parley.errors import QueryError, StoreError
from parley.limits import BUCKETS, MAX_LIMIT
from parley.ontology import cameo as cameo_codes
from parley.ontology.plover import PLOVER_TYPES
from parley.web import charts
from parley.web.api import MAX_ID, StoreDep, actor_key, dicts, process_parties
from parley.web.errors import BadRequest, NotFound
from parley.web.highlight import highlight, quote_spans, trigger_spans

PAGE = 50
HOME_LIST = 10
# Hits of each kind the search page shows before linking to the full list.
SEARCH_HITS = 10
# The most rows a page's CSV or JSON download holds.
DOWNLOAD_ROWS = 50_000
_WORD = re.compile(r"\w+")

Field = Annotated[str | None, Query(max_length=200)]


def actor_href(name: str) -> str:
    """The URL of an actor's page, by name."""
    return "/actors/" + quote(name, safe="")


def http_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None: a stored URL must never become a ``javascript:`` link."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def templates() -> Jinja2Templates:
    """The page templates, autoescaped, failing loudly on undefined names."""
    env = Environment(
        loader=PackageLoader("parley.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        actor_href=actor_href,
        http_url=http_url,
        type_css=charts.type_css,
        cameo_name=cameo_codes.name,
        plover_types=PLOVER_TYPES,
        marked=marked,
    )
    return Jinja2Templates(env=env)


def marked(text: str | None, query: str | None) -> Markup:
    """``text`` escaped, with the words of a search ``query`` marked wherever a word starts with them."""
    words = [w for w in _WORD.findall(query or "") if w.lower() != "or"]
    if not text or not words:
        return escape(text or "")
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
    out = Markup("")
    pos = 0
    for hit in pattern.finditer(text):
        out += escape(text[pos : hit.start()]) + Markup('<mark class="hit">{}</mark>').format(hit.group())
        pos = hit.end()
    return out + escape(text[pos:])


def _start(store: Any, bucket: str) -> str | None:
    """The period of the first publication date: charts start there (see ``parley.web.charts``)."""
    first = store.stats().first_published
    return charts.period_of(first, bucket) if first else None


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template with ``context``."""
    jinja: Jinja2Templates = request.app.state.templates
    return jinja.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The page shown for an error: the status and the message, nothing internal."""
    return render(request, "error.html", status=status, status_code=status, message=message)


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None, name: str) -> dt.date | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"{name}: {text!r} is not a date like 2025-05-02") from None


def home(request: Request, store: StoreDep) -> HTMLResponse:
    """Counts, latest articles, most active actors and events per week by PLOVER type."""
    stats = store.stats().to_dict()
    chart = charts.events_by_type(
        "Events per week by PLOVER type",
        dicts(store.event_type_counts(bucket="week")),
        "week",
        _start(store, "week"),
    )
    return render(
        request,
        "home.html",
        stats=stats,
        articles=dicts(store.articles(limit=HOME_LIST)),
        actors=dicts(store.actors(limit=HOME_LIST)),
        processes=store.processes(HOME_LIST),
        chart=chart,
    )


def article(
    request: Request, store: StoreDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HTMLResponse:
    """An article's text with quotes and event triggers marked, beside its events and quotes."""
    try:
        record = store.article(article_id).to_dict()
    except StoreError as exc:
        raise NotFound(str(exc)) from exc
    events = sorted(record["events"], key=lambda e: e["trigger"][0])
    quotes = sorted(record["quotes"], key=lambda q: q["start"])
    body = highlight(record["text"], quote_spans(quotes, actor_href), trigger_spans(events, charts.type_css))
    return render(request, "article.html", article=record, body=body, events=events, quotes=quotes)


def actor(
    request: Request,
    store: StoreDep,
    key: Annotated[str, Path(min_length=1, max_length=200)],
    exact: Field = None,
) -> HTMLResponse:
    """What an actor said, did and had done to it, with its events per week.

    A country is its whole side (state, government, officials, forces) with a switch to
    the country's own actor.
    """
    only = bool(_text(exact))
    try:
        record = store.actor(actor_key(key), exact=only).to_dict()
    except StoreError as exc:
        raise NotFound(str(exc)) from exc
    by = key if record["side"] or only else record["id"]
    chart = charts.timeline_by_type(
        f"{record['name']}{' (whole side)' if record['side'] else ''}: "
        "quotes, and events by PLOVER type, per week",
        dicts(store.timeline(str(by), bucket="week", exact=only)),
        "week",
        _start(store, "week"),
    )
    switch = None
    if record["side"] or only:
        base = "/actors/" + quote(key, safe="")
        switch = {"side": base, "exact": base + "?exact=1", "exact_on": only}
    return render(request, "actor.html", actor=record, chart=chart, switch=switch, key=key)


def dyad(
    request: Request,
    store: StoreDep,
    a: Field = None,
    b: Field = None,
    bucket: Field = None,
    exact: Field = None,
) -> HTMLResponse:
    """Cooperation and conflict between two actors over time."""
    first, second, period = _text(a), _text(b), _text(bucket) or "week"
    form = {"a": first or "", "b": second or "", "bucket": period, "exact": _text(exact) or ""}
    empty: dict[str, Any] = {"chart": None, "rows": [], "undated": 0, "matched": [], "undated_url": None}
    if period not in BUCKETS:
        message = f"bucket: {period!r} is not one of {', '.join(BUCKETS)}"
        return render(request, "dyad.html", status=400, form=form, message=message, **empty)
    if first is None or second is None:
        return render(request, "dyad.html", form=form, message=None, **empty)
    try:
        rows = store.dyad(first, second, bucket=period, exact=bool(form["exact"]))
    except QueryError as exc:
        return render(request, "dyad.html", status=400, form=form, message=str(exc), **empty)
    chart = charts.diverging_bars(
        f"{first} and {second}: cooperation and conflict per {period}",
        dicts(rows),
        period,
        _start(store, period),
    )
    undated_url = "/events?" + urlencode({"source": first, "target": second, "undated": "1"})
    return render(
        request,
        "dyad.html",
        form=form,
        chart=chart,
        rows=dicts(rows),
        message=None,
        undated=rows.undated,
        matched=[m.describe() for m in rows.matched],
        undated_url=undated_url,
    )


def compare(request: Request, store: StoreDep, actors: Field = None, bucket: Field = None) -> HTMLResponse:
    """Several actors' events per period on one chart."""
    names = [n.strip() for n in (actors or "").split(",") if n.strip()]
    period = _text(bucket) or "week"
    form = {"actors": ", ".join(names), "bucket": period}
    if period not in BUCKETS:
        message = f"bucket: {period!r} is not one of {', '.join(BUCKETS)}"
        return render(request, "compare.html", status=400, form=form, chart=None, matched=[], message=message)
    if len(names) > charts.MAX_SERIES:
        message = f"actors: compare at most {charts.MAX_SERIES} at once, not {len(names)}"
        return render(request, "compare.html", status=400, form=form, chart=None, matched=[], message=message)
    if not names:
        return render(request, "compare.html", form=form, chart=None, matched=[], message=None)
    try:
        matched = [store.resolve_actor(n).describe() for n in names]
        series = {n: dicts(store.timeline(n, bucket=period)) for n in names}
    except QueryError as exc:
        return render(
            request, "compare.html", status=400, form=form, chart=None, matched=[], message=str(exc)
        )
    chart = charts.compare_lines(f"Events per {period}", series, period, _start(store, period))
    return render(request, "compare.html", form=form, chart=chart, matched=matched, message=None)


def search(request: Request, store: StoreDep, q: Field = None) -> HTMLResponse:
    """Search articles, quotes and events at once, with how many of each match."""
    words = _text(q)
    form = {"q": words or ""}
    found: dict[str, Any] = {"articles": [], "quotes": [], "events": []}
    totals: dict[str, int | None] = {"articles": None, "quotes": None, "events": None}
    if words:
        for kind in found:
            page = getattr(store, kind)(search=words, limit=SEARCH_HITS, count=True)
            found[kind], totals[kind] = dicts(page), page.total
    links = {kind: f"/{kind}?" + urlencode({"search": words or ""}) for kind in found}
    return render(request, "search.html", form=form, found=found, totals=totals, links=links)


# --- list pages ----------------------------------------------------------------------------
#
# Every list page (articles, events, quotes, actors) works the same way, like a Datasette
# table: the filters are a GET form, column headers sort, facet counts narrow the filters
# with one click, and the filtered rows download as CSV or JSON from the same URL.


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a list page: its row key, its header, and the sort key when it sorts."""

    key: str
    label: str
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class ListSpec:
    """What differs between the list pages."""

    kind: str  # the store list method, the facet kind and the template's name
    title: str
    fields: tuple[str, ...]  # the form fields, which are also the store's filters
    flags: tuple[str, ...]  # checkbox fields, true when "1"
    dates: tuple[str, ...]
    columns: tuple[Column, ...]
    default_sort: str
    csv_columns: tuple[str, ...]
    # A facet's name, and the filter a click on one of its values sets.
    facet_filters: dict[str, str] = field(default_factory=dict)


EVENTS = ListSpec(
    kind="events",
    title="Events",
    fields=("source", "target", "actor", "type", "cameo", "outlet", "search", "since", "until"),
    flags=("exact", "asserted_only", "undated"),
    dates=("since", "until"),
    columns=(
        Column("date", "Date", "date"),
        Column("source", "Source"),
        Column("type", "Type"),
        Column("cameo", "CAMEO"),
        Column("target", "Target"),
        Column("flags", "Flags"),
        Column("id", "Article", "id"),
    ),
    default_sort="-id",
    csv_columns=(
        "id", "date", "date_precision", "source_name", "source_country", "target_name", "target_country",
        "cameo", "type", "negated", "conditional", "hypothetical", "reported", "article_id", "sentence_text",
    ),
    facet_filters={"type": "type", "country": "source", "outlet": "outlet", "month": "since"},
)  # fmt: skip
QUOTES = ListSpec(
    kind="quotes",
    title="Quotes",
    fields=("speaker", "country", "search", "outlet", "since", "until"),
    flags=("exact",),
    dates=("since", "until"),
    columns=(
        Column("published", "Published", "published"),
        Column("speaker", "Speaker"),
        Column("text", "Quote"),
        Column("id", "Article", "id"),
    ),
    default_sort="-id",
    csv_columns=(
        "id", "published", "speaker_name", "speaker_country", "kind", "cue", "text", "article_id",
        "article_title",
    ),
    facet_filters={"country": "country", "outlet": "outlet", "month": "since"},
)  # fmt: skip
ARTICLES = ListSpec(
    kind="articles",
    title="Articles",
    fields=("search", "outlet", "since", "until"),
    flags=(),
    dates=("since", "until"),
    columns=(
        Column("published", "Published", "published"),
        Column("title", "Title", "id"),
        Column("outlet", "Outlet"),
        Column("n_quotes", "Quotes"),
        Column("n_events", "Events"),
    ),
    default_sort="-id",
    csv_columns=("id", "published", "outlet", "title", "url", "n_quotes", "n_events", "duplicate_of"),
    facet_filters={"outlet": "outlet", "month": "since"},
)
ACTORS = ListSpec(
    kind="actors",
    title="Actors",
    fields=("search", "country", "role"),
    flags=(),
    dates=(),
    columns=(
        Column("name", "Actor", "name"),
        Column("country", "Country"),
        Column("role", "Role"),
        Column("n_mentions", "Mentions", "activity"),
        Column("n_quotes", "Quotes"),
        Column("n_events_source", "Did"),
        Column("n_events_target", "Done to"),
    ),
    default_sort="-activity",
    csv_columns=(
        "id", "name", "country", "role", "code", "n_mentions", "n_quotes", "n_events_source",
        "n_events_target",
    ),
    facet_filters={"country": "country", "role": "role"},
)  # fmt: skip
SPECS = {spec.kind: spec for spec in (EVENTS, QUOTES, ARTICLES, ACTORS)}


def _filters(request: Request, spec: ListSpec) -> tuple[dict[str, str], dict[str, Any]]:
    """The page's form values as typed, and the store filters they make."""
    params = request.query_params
    form = {name: (params.get(name) or "").strip()[:200] for name in (*spec.fields, *spec.flags)}
    filters: dict[str, Any] = {}
    for name in spec.fields:
        if not form[name]:
            continue
        filters[name] = _date(form[name], name) if name in spec.dates else form[name]
    for name in spec.flags:
        if form[name]:
            filters[name] = True
    return form, filters


def _int_param(request: Request, name: str, default: int = 0) -> int:
    text = (request.query_params.get(name) or "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) > MAX_ID:
        raise BadRequest(f"{name}: {text!r} is not a number of rows")
    return int(text)


def _href(request: Request, **changes: str | None) -> str:
    """This page's URL with some parameters set (None: removed); the page offset starts over."""
    params = {k: v for k, v in request.query_params.items() if k not in changes and k != "offset" and v != ""}
    params.update({k: v for k, v in changes.items() if v is not None})
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def _facet_links(
    request: Request, spec: ListSpec, facets: dict[str, list[tuple[str, int]]]
) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """Each facet's values with their counts and the URL that filters by the value."""
    out = []
    for name, values in facets.items():
        target = spec.facet_filters.get(name)
        if target is None:
            continue
        links = []
        for value, n in values:
            if name == "month":
                first = dt.date.fromisoformat(value + "-01")
                last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                href = _href(request, since=first.isoformat(), until=last.isoformat())
            else:
                href = _href(request, **{target: value})
            links.append((value, n, href))
        out.append((name, links))
    return out


def _sort_links(request: Request, spec: ListSpec, sort: str) -> dict[str, tuple[str, str]]:
    """For each sortable column, the URL that sorts by it (flipping the current order) and an arrow."""
    links = {}
    current = sort.lstrip("-")
    for column in spec.columns:
        if column.sort is None:
            continue
        if column.sort == current:
            flipped = current if sort.startswith("-") else f"-{current}"
            arrow = "▼" if sort.startswith("-") else "▲"
        else:
            flipped, arrow = f"-{column.sort}", ""
        links[column.key] = (_href(request, sort=flipped), arrow)
    return links


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its actors and PLOVER type as plain columns, for CSV."""
    flat = dict(row)
    for side in ("source", "target", "speaker"):
        ref = row.get(side)
        if isinstance(ref, dict) or side in row:
            flat[f"{side}_name"] = (ref or {}).get("name")
            flat[f"{side}_country"] = (ref or {}).get("country")
    plover = row.get("plover")
    if isinstance(plover, dict):
        flat["type"] = plover.get("type")
    return flat


def _download(store: Any, spec: ListSpec, filters: dict[str, Any], sort: str, fmt: str) -> Response:
    """Every row the filters select (up to ``DOWNLOAD_ROWS``), as CSV or a JSON array."""
    fetch = getattr(store, spec.kind)
    rows: list[dict[str, Any]] = []
    while len(rows) < DOWNLOAD_ROWS:
        page = fetch(**filters, sort=sort, limit=MAX_LIMIT, offset=len(rows))
        rows.extend(dicts(page))
        if len(page) < MAX_LIMIT:
            break
    name = f"parley-{spec.kind}.{fmt}"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    if fmt == "json":
        return JSONResponse(rows[:DOWNLOAD_ROWS], headers=headers)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(spec.csv_columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows[:DOWNLOAD_ROWS]:
        writer.writerow(_flat(row))
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def list_page(request: Request, store: Any, spec: ListSpec) -> Response:
    """A list page: filtered, sorted, counted and faceted rows, or their download."""
    sort = (request.query_params.get("sort") or spec.default_sort).strip()
    fmt = (request.query_params.get("format") or "").strip()
    form: dict[str, str] = {
        name: (request.query_params.get(name) or "").strip() for name in (*spec.fields, *spec.flags)
    }
    context: dict[str, Any] = {
        "spec": spec,
        "form": form,
        "rows": [],
        "total": None,
        "matched": [],
        "facets": [],
        "sorts": {},
        "offset": 0,
        "next_url": None,
        "prev_url": None,
        "downloads": {},
        "message": None,
        "undated": None,
    }
    try:
        form, filters = _filters(request, spec)
        context["form"] = form
        offset = _int_param(request, "offset")
        if fmt and fmt not in ("csv", "json"):
            raise BadRequest(f"format: {fmt!r} is not csv or json")
        if fmt:
            return _download(store, spec, filters, sort, fmt)
        page = getattr(store, spec.kind)(**filters, sort=sort, limit=PAGE, offset=offset, count=True)
        facets = store.facets(spec.kind, **{k: v for k, v in filters.items() if k not in ("sort",)})
    except (BadRequest, QueryError) as exc:
        context["message"] = exc.message if isinstance(exc, BadRequest) else str(exc)
        return render(request, f"{spec.kind}.html", status=400, **context)
    context.update(
        rows=[_flat(row) for row in dicts(page)],
        total=page.total,
        matched=[m.describe() for m in page.matched],
        facets=_facet_links(request, spec, facets),
        sorts=_sort_links(request, spec, sort),
        offset=offset,
        next_url=_href(request, offset=str(offset + PAGE))
        if offset + len(page) < (page.total or 0)
        else None,
        prev_url=_href(request, offset=str(max(offset - PAGE, 0))) if offset else None,
        downloads={f: _href(request, format=f) for f in ("csv", "json")},
    )
    return render(request, f"{spec.kind}.html", **context)


def events(request: Request, store: StoreDep) -> Response:
    """The events table: filters, sortable columns, facets and downloads."""
    return list_page(request, store, EVENTS)


def quotes(request: Request, store: StoreDep) -> Response:
    """The quotes table: filters, sortable columns, facets and downloads."""
    return list_page(request, store, QUOTES)


def articles(request: Request, store: StoreDep) -> Response:
    """The articles table: filters, sortable columns, facets and downloads."""
    return list_page(request, store, ARTICLES)


def actors(request: Request, store: StoreDep) -> Response:
    """Every actor, most active first: the names, codes and countries filters accept."""
    return list_page(request, store, ACTORS)


def process(
    request: Request, store: StoreDep, process_id: Annotated[str, Path(min_length=3, max_length=200)]
) -> HTMLResponse:
    """A peace process: the positions matrix (parties and mediators x issues), a swimlane
    timeline per actor, and the shifts, each linked to the article that states it."""
    a, b = process_parties(process_id)
    try:
        found = store.process(a, b).to_dict()
    except QueryError as exc:
        raise NotFound(str(exc)) from exc
    actors = [*found["parties"], *found["mediators"]]
    issues = sorted({issue for row in found["matrix"] for issue in row["issues"]})
    shifted = {(s["actor"]["country"] or s["actor"]["name"], s["issue"]) for s in found["shifts"]}
    lanes: dict[str, list[dict[str, Any]]] = {key: [] for key in actors}
    for step in found["timeline"]:
        key = step["source"]["country"] or step["source"]["name"]
        if key in lanes:
            lanes[key].append({"date": step["date"], "kind": step["kind"], "event": step})
    for change in found["shifts"]:
        key = change["actor"]["country"] or change["actor"]["name"]
        if key in lanes:
            lanes[key].append({"date": change["date"], "kind": "shift", "shift": change})
    for steps in lanes.values():
        steps.sort(key=lambda s: s["date"] or "")
    return render(
        request,
        "process.html",
        process=found,
        issues=issues,
        shifted=shifted,
        lanes=lanes,
    )
