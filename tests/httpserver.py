"""A real HTTP server on 127.0.0.1 for tests: routes the test declares, every request recorded.

Tests never touch the internet; they start one of these on an ephemeral port::

    with LocalServer() as server:
        server.route("/page", Reply(body=b"<html>...</html>"))
        server.route("/feed", lambda request: Reply(status=304) if request.header("if-none-match") else ...)
        fetch(server.url("/page"), ...)
        assert server.hits("/page") == 1

POST requests are recorded with their body (a webhook's receiver). A ``Reply`` can
stall before answering (bounded, and cut short when the server stops), stream a body
of chunks without a Content-Length, or carry any status and headers. Unknown paths
answer 404.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Request:
    """A request the server received."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class Reply:
    """What a route answers. An iterable ``body`` is streamed without a Content-Length."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to wait before sending anything


Route = Reply | Callable[[Request], Reply]


class LocalServer:
    """A threaded HTTP/1.0 server on 127.0.0.1 with an ephemeral port, for one test or a session."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._requests: list[Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._serve, name="LocalServer", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Route) -> None:
        """Answer GET or POST ``path`` (without query) with ``reply``, or with what ``reply(request)`` returns."""
        self._routes[path] = reply

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def hits(self, path: str) -> int:
        """How many requests ``path`` received."""
        return sum(1 for request in self.requests if request.path == path)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes stalled handlers so they end by themselves
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def _serve(self) -> None:
        # A short poll interval makes stop() quick, so a server per test costs little.
        self._server.serve_forever(poll_interval=0.02)

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self._requests.append(request)
        route = self._routes.get(request.path)
        if route is None:
            return Reply(status=404, body=b"not found", content_type="text/plain")
        return route(request) if callable(route) else route

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._handle("GET", b"")

            def do_POST(self) -> None:
                length = self.headers.get("Content-Length", "0")
                self._handle("POST", self.rfile.read(int(length)) if length.isdigit() else b"")

            def _handle(self, method: str, body: bytes) -> None:
                parts = urlsplit(self.path)
                request = Request(
                    method=method,
                    path=parts.path,
                    query=parts.query,
                    headers={name.lower(): value for name, value in self.headers.items()},
                    body=body,
                )
                try:
                    reply = server._answer(request)
                    if reply.stall and server._stopping.wait(reply.stall):
                        return
                    self._send(reply)
                except OSError:
                    pass  # the client hung up (a size limit or timeout did its job)

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if isinstance(reply.body, bytes):
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                    return
                self.end_headers()
                for chunk in reply.body:
                    if server._stopping.is_set():
                        return
                    self.wfile.write(chunk)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        return Handler
