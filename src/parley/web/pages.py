"""The HTML pages: each handler makes its store calls and renders one Jinja2 template.

Pages read form fields as plain strings (an empty field means "any"), so a bad value
is shown on the page as a message instead of a validation error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from parley.errors import StoreError
from parley.limits import BUCKETS
from parley.ontology import cameo as cameo_codes
from parley.ontology.plover import PLOVER_TYPES
from parley.web import charts
from parley.web.api import MAX_ID, StoreDep, actor_key, dicts
from parley.web.errors import BadRequest, NotFound
from parley.web.highlight import highlight, quote_spans, trigger_spans

PAGE = 50
HOME_LIST = 10

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
    )
    return Jinja2Templates(env=env)


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


def _after(value: str | None) -> int | None:
    text = _text(value)
    if text is None:
        return None
    if not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise BadRequest(f"after: {text!r} is not a page cursor")
    return int(text)


def _next(request: Request, items: list[dict[str, Any]]) -> str | None:
    if len(items) < PAGE:
        return None
    return str(request.url.include_query_params(after=items[-1]["id"]))


def home(request: Request, store: StoreDep) -> HTMLResponse:
    """Counts, latest articles, most active actors and events per week by PLOVER type."""
    chart = charts.events_by_type(
        "Events per week by PLOVER type", dicts(store.event_type_counts(bucket="week")), "week"
    )
    return render(
        request,
        "home.html",
        stats=store.stats().to_dict(),
        articles=dicts(store.articles(limit=HOME_LIST)),
        actors=dicts(store.actors(limit=HOME_LIST)),
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
    request: Request, store: StoreDep, key: Annotated[str, Path(min_length=1, max_length=200)]
) -> HTMLResponse:
    """What an actor said, did and had done to it, with its events per week."""
    try:
        record = store.actor(actor_key(key)).to_dict()
    except StoreError as exc:
        raise NotFound(str(exc)) from exc
    chart = charts.timeline_by_type(
        f"{record['name']}: quotes, and events by PLOVER type, per week",
        dicts(store.timeline(record["name"], bucket="week")),
        "week",
    )
    return render(request, "actor.html", actor=record, chart=chart)


def events(
    request: Request,
    store: StoreDep,
    source: Field = None,
    target: Field = None,
    type: Field = None,
    cameo: Field = None,
    since: Field = None,
    until: Field = None,
    after: Field = None,
) -> HTMLResponse:
    """The events table, filtered by a GET form."""
    form = {
        "source": _text(source) or "",
        "target": _text(target) or "",
        "type": _text(type) or "",
        "cameo": _text(cameo) or "",
        "since": _text(since) or "",
        "until": _text(until) or "",
    }
    try:
        code = _text(cameo)
        if code is not None and not (code.isdigit() and len(code) <= 4):
            raise BadRequest(f"cameo: {code!r} is not a CAMEO code or prefix such as 13 or 138")
        rows = dicts(
            store.events(
                source=_text(source),
                target=_text(target),
                type=_text(type),
                cameo=code,
                since=_date(since, "since"),
                until=_date(until, "until"),
                limit=PAGE,
                after=_after(after),
            )
        )
    except BadRequest as exc:
        return render(
            request, "events.html", status=400, form=form, rows=[], next_url=None, message=exc.message
        )
    return render(request, "events.html", form=form, rows=rows, next_url=_next(request, rows), message=None)


def dyad(
    request: Request, store: StoreDep, a: Field = None, b: Field = None, bucket: Field = None
) -> HTMLResponse:
    """Cooperation and conflict between two actors over time."""
    first, second, period = _text(a), _text(b), _text(bucket) or "week"
    form = {"a": first or "", "b": second or "", "bucket": period}
    if period not in BUCKETS:
        message = f"bucket: {period!r} is not one of {', '.join(BUCKETS)}"
        return render(request, "dyad.html", status=400, form=form, chart=None, rows=[], message=message)
    if first is None or second is None:
        return render(request, "dyad.html", form=form, chart=None, rows=[], message=None)
    rows = dicts(store.dyad(first, second, bucket=period))
    chart = charts.diverging_bars(
        f"{first} and {second}: cooperation and conflict per {period}", rows, period
    )
    return render(request, "dyad.html", form=form, chart=chart, rows=rows, message=None)


def search(
    request: Request,
    store: StoreDep,
    q: Field = None,
    outlet: Field = None,
    since: Field = None,
    until: Field = None,
    after: Field = None,
) -> HTMLResponse:
    """Full-text search over article text; without terms, the latest articles."""
    form = {
        "q": _text(q) or "",
        "outlet": _text(outlet) or "",
        "since": _text(since) or "",
        "until": _text(until) or "",
    }
    try:
        rows = dicts(
            store.articles(
                search=_text(q),
                outlet=_text(outlet),
                since=_date(since, "since"),
                until=_date(until, "until"),
                limit=PAGE,
                after=_after(after),
            )
        )
    except BadRequest as exc:
        return render(
            request, "search.html", status=400, form=form, rows=[], next_url=None, message=exc.message
        )
    return render(request, "search.html", form=form, rows=rows, next_url=_next(request, rows), message=None)
