"""Servers for the web tests: the app under uvicorn, and a page server for fetching, both on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 in a thread, for the browser tests."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class Pages(BaseHTTPRequestHandler):
    """A few pages for fetch tests; every path requested is recorded on the server."""

    ARTICLE = (
        "<html><head><title>Talks resume in Geneva</title></head><body><article><h1>Talks resume in Geneva</h1>"
        "<p>Negotiators from both sides met in Geneva on Monday and agreed to meet again next week.</p>"
        "<p>The foreign minister said the talks had been difficult but useful, and that a ceasefire "
        "along the northern front remained the first goal of his government.</p>"
        "<p>Observers from the United Nations attended the meeting and urged both delegations to "
        "exchange prisoners before the next round begins.</p>"
        "<p>Neither side would say where the next meeting will be held.</p>"
        "</article></body></html>"
    )

    def do_GET(self) -> None:
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/article.html":
            self._send(200, "text/html; charset=utf-8", self.ARTICLE.encode())
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/pdf":
            self._send(200, "application/pdf", b"%PDF-1.4")
        elif self.path in ("/loop", "/redirect"):
            self.send_response(302)
            self.send_header("Location", "/loop" if self.path == "/loop" else "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


class PageServer:
    """``Pages`` served on 127.0.0.1 in a thread: its base URL and the paths it was asked for."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        self.server.seen = []  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def seen(self) -> list[str]:
        return self.server.seen  # type: ignore[attr-defined, no-any-return]

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
