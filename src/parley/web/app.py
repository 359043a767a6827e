"""The web app: every route in one table, error handlers, and ``create_app``.

The JSON API lives under ``/api`` and is documented at ``/openapi.json``; the HTML pages
are server-rendered and left out of the schema. Every error is a message, never a
stack trace: JSON ``{"error": ...}`` under ``/api``, a small HTML page elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parley import __version__
from parley.errors import FetchError, InputError, ModelError, QueryError, TooLargeError
from parley.store import Store
from parley.web import api, pages, watch_pages
from parley.web.errors import HTTPProblem, Unprocessable
from parley.web.models import (
    ActorDetail,
    ActorPage,
    ArticleDetail,
    ArticlePage,
    Dyad,
    ErrorOut,
    EventPage,
    IngestResult,
    PositionPage,
    Process,
    ProcessList,
    QuotePage,
    ShiftPage,
    Stats,
    Timeline,
)
from parley.web.settings import WebSettings

logger = logging.getLogger("parley.web")

MAX_BODY_BYTES = 8_000_000


@dataclass(frozen=True, slots=True)
class Route:
    """One route of the app: a JSON endpoint when ``model`` is set, else an HTML page."""

    path: str
    endpoint: Callable[..., Any]
    model: Any = None
    method: str = "GET"
    errors: tuple[int, ...] = (422,)
    dependencies: tuple[Any, ...] = ()


def routes(settings: WebSettings) -> list[Route]:
    """Every route the app serves, in one place."""
    table = [
        Route("/api/articles", api.list_articles, ArticlePage),
        Route("/api/articles/{article_id}", api.get_article, ArticleDetail, errors=(404, 422)),
        Route("/api/quotes", api.list_quotes, QuotePage),
        Route("/api/events", api.list_events, EventPage),
        Route("/api/actors", api.list_actors, ActorPage, errors=(404, 422)),
        Route("/api/actors/{key:path}", api.get_actor, ActorDetail, errors=(404, 422)),
        Route("/api/dyad", api.get_dyad, Dyad),
        Route("/api/timeline", api.get_timeline, Timeline),
        Route("/api/stats", api.get_stats, Stats, errors=()),
        Route("/api/positions", api.list_positions, PositionPage),
        Route("/api/shifts", api.list_shifts, ShiftPage),
        Route("/api/processes", api.list_processes, ProcessList),
        Route("/api/processes/{process_id}", api.get_process, Process, errors=(404, 422)),
        Route("/", pages.home),
        Route("/articles/{article_id}", pages.article),
        Route("/articles", pages.articles),
        Route("/actors", pages.actors),
        Route("/actors/", pages.actors),
        Route("/actors/{key:path}", pages.actor),
        Route("/quotes", pages.quotes),
        Route("/compare", pages.compare),
        Route("/events", pages.events),
        Route("/dyad", pages.dyad),
        Route("/search", pages.search),
        Route("/feeds", watch_pages.feeds),
        Route("/processes/{process_id}", pages.process),
    ]
    if settings.allow_ingest:
        table.append(
            Route(
                "/api/ingest",
                api.ingest,
                IngestResult,
                method="POST",
                errors=(400, 401, 413, 422, 502, 503),
                dependencies=(Depends(api.require_token),),
            )
        )
    return table


def _query_names(dependant: Dependant) -> frozenset[str]:
    """The query parameters an endpoint and its dependencies read."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)


def _only_known_parameters(route: Route) -> Callable[[Request], None]:
    """A dependency refusing query parameters ``route`` does not take: a misspelt filter
    must not silently widen the answer to everything."""
    known = _query_names(get_dependant(path=route.path, call=route.endpoint))

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            takes = ", ".join(sorted(known)) or "no query parameters"
            raise Unprocessable(f"unknown query parameter {', '.join(unknown)}; {route.path} takes {takes}")

    return check


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _is_api(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    return pages.error_page(request, status, message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = [str(p) for p in err.get("loc", ())]
        if where[:1] == ["body"]:
            place = f"body field {'.'.join(where[1:])!r}" if len(where) > 1 else "request body"
        else:
            place = f"{where[0]} parameter {'.'.join(where[1:])!r}" if len(where) > 1 else "request"
        parts.append(f"{place}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPProblem)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(request, exc.status, exc.message, headers)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 422, _validation_message(exc))

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        status = 413 if isinstance(exc, TooLargeError) else 502 if isinstance(exc, FetchError) else 400
        return _error(request, status, str(exc))

    async def bad_filter(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QueryError)
        return _error(request, 422 if _is_api(request) else 400, str(exc))

    async def no_model(request: Request, exc: Exception) -> Response:
        logger.error("ingest refused: %s", exc)
        return _error(request, 503, f"the server cannot analyse documents now: {exc}")

    app.add_exception_handler(HTTPProblem, problem)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(InputError, bad_input)
    app.add_exception_handler(QueryError, bad_filter)
    app.add_exception_handler(ModelError, no_model)


class BodyTooLarge(HTTPException):
    """A request body over ``MAX_BODY_BYTES``."""

    def __init__(self) -> None:
        super().__init__(413, f"the request body is over {MAX_BODY_BYTES} bytes")


# The pages need no script and nothing from elsewhere, so the browser is told to run and load none:
# stored article text that slipped past escaping still could not execute.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """ASGI middleware: caps request bodies, adds security headers, turns unhandled errors into a bare 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > MAX_BODY_BYTES:
                    raise BodyTooLarge()
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        request = Request(scope)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            await _error(request, 413, BodyTooLarge().detail)(scope, receive, send)
            return
        try:
            await self.app(scope, counted_receive, tracked_send)
        except Exception:
            logger.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                await _error(request, 500, "internal error; the server log has the details")(
                    scope, receive, send
                )


def create_app(
    store: Store,
    *,
    allow_ingest: bool = False,
    allow_private_urls: bool = False,
    token: str | None = None,
    hosts: tuple[str, ...] = (),
) -> FastAPI:
    """The Parley web app over ``store``: read-only unless ``allow_ingest`` (which needs ``token``).

    Requests must name one of ``hosts`` or a local name in their Host header (else 400).
    """
    settings = WebSettings(
        allow_ingest=allow_ingest, allow_private_urls=allow_private_urls, token=token, hosts=hosts
    )
    app = FastAPI(
        title="Parley",
        version=__version__,
        description="Quotations, CAMEO/PLOVER events and actors found in news, read from a Parley store.",
        # The interactive docs pages load their scripts from a CDN; the schema is enough.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.templates = pages.templates()
    app.state.ingester = api.Ingester()
    for route in routes(settings):
        if route.model is None:
            app.add_api_route(
                route.path,
                route.endpoint,
                methods=[route.method],
                response_class=HTMLResponse,
                include_in_schema=False,
            )
            continue
        app.add_api_route(
            route.path,
            route.endpoint,
            methods=[route.method],
            response_model=route.model,
            responses={status: {"model": ErrorOut} for status in (*route.errors, 422, 500)},
            dependencies=[*route.dependencies, Depends(_only_known_parameters(route))],
            tags=["api"],
        )
    static = resources.files("parley.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _install_error_handlers(app)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts())
    app.add_middleware(Guard)
    return app
