"""Fetching pages from a real local HTTP server: limits, failures, redirects, charsets."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from parley.config import SourceOptions
from parley.errors import FetchError, TooLargeError
from parley.sources import Document, SourceItem, read_inputs
from parley.sources.web import Fetcher, fetch
from tests.httpserver import LocalServer, Reply

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
pytestmark = pytest.mark.network


def read(url: str, options: SourceOptions) -> list[SourceItem]:
    return list(read_inputs([url], options))


def error_of(url: str, options: SourceOptions) -> FetchError:
    [error] = read(url, options)
    assert isinstance(error, FetchError), error
    assert error.source == url
    return error


def test_a_page_url_becomes_an_html_document(server: LocalServer, options: SourceOptions) -> None:
    url = server.url("/page.html")
    [document] = read(url, options)
    assert isinstance(document, Document)
    assert document.kind == "html"
    assert document.origin == url
    assert document.url == url
    assert document.content == (FIXTURES / "article.html").read_text(encoding="utf-8")
    assert document.fetched_at is not None
    assert document.fetched_at.tzinfo is not None


def test_the_document_url_is_where_redirects_end(server: LocalServer, options: SourceOptions) -> None:
    [document] = read(server.url("/moved"), options)
    assert isinstance(document, Document)
    assert document.origin == server.url("/moved")
    assert document.url == server.url("/page.html")


def test_a_plain_text_url_becomes_a_text_document(server: LocalServer, options: SourceOptions) -> None:
    [document] = read(server.url("/plain.txt"), options)
    assert isinstance(document, Document)
    assert document.kind == "text"
    assert document.title == (FIXTURES / "titled.txt").read_text(encoding="utf-8").splitlines()[0]


def test_the_user_agent_is_sent(server: LocalServer, options: SourceOptions) -> None:
    read(server.url("/page.html"), options)
    [request] = server.requests
    assert request.header("user-agent") == options.fetch.user_agent


def test_http_404(server: LocalServer, options: SourceOptions) -> None:
    assert error_of(server.url("/missing"), options).reason == "HTTP 404 Not Found"


def test_http_500(server: LocalServer, options: SourceOptions) -> None:
    assert error_of(server.url("/broken"), options).reason == "HTTP 500 Internal Server Error"


def test_unreachable_host(options: SourceOptions) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    error = error_of(f"http://127.0.0.1:{closed_port}/news", options)
    assert "unreachable" in error.reason


def test_a_stalled_server_times_out(server: LocalServer, options: SourceOptions) -> None:
    error = error_of(server.url("/slow"), options)
    assert error.reason == f"timed out after {options.fetch.timeout} s"


def test_a_redirect_loop(server: LocalServer, options: SourceOptions) -> None:
    error = error_of(server.url("/loop"), options)
    assert error.reason.startswith(f"too many redirects (more than {options.fetch.max_redirects})")
    assert server.hits("/loop") == options.fetch.max_redirects + 1


def test_a_huge_streamed_body_stops_at_the_limit(server: LocalServer, options: SourceOptions) -> None:
    [error] = read(server.url("/huge"), options)
    assert isinstance(error, TooLargeError)
    assert error.source == server.url("/huge")
    assert f"{options.fetch.max_bytes:,} bytes" in error.reason


def test_a_huge_declared_length_is_refused_before_reading(
    server: LocalServer, options: SourceOptions
) -> None:
    [error] = read(server.url("/huge-declared"), options)
    assert isinstance(error, TooLargeError)
    assert f"{options.fetch.max_bytes + 1:,} bytes" in error.reason


def test_a_wrong_content_type(server: LocalServer, options: SourceOptions) -> None:
    error = error_of(server.url("/photo.jpg"), options)
    assert "unsupported content type image/jpeg" in error.reason


def test_the_declared_charset_decodes_the_page(server: LocalServer, options: SourceOptions) -> None:
    page = "<html><body><p>The minister’s “offer” — rejected in Genève.</p></body></html>"
    server.route("/legacy", Reply(body=page.encode("cp1252"), content_type="text/html; charset=windows-1252"))
    [document] = read(server.url("/legacy"), options)
    assert isinstance(document, Document)
    assert document.content == page


def test_an_undeclared_charset_is_detected(server: LocalServer, options: SourceOptions) -> None:
    page = (
        "<html><body><p>The minister’s “final offer” was rejected — talks in Genève will resume, "
        "a spokesman said at the café near the Palais des Nations.</p></body></html>"
    )
    server.route("/undeclared", Reply(body=page.encode("cp1252"), content_type="text/html"))
    [document] = read(server.url("/undeclared"), options)
    assert isinstance(document, Document)
    assert document.content == page


def test_a_failed_url_does_not_stop_the_run(server: LocalServer, options: SourceOptions) -> None:
    items = list(read_inputs([server.url("/missing"), server.url("/page.html")], options))
    assert [type(item) for item in items] == [FetchError, Document]


def test_fetch_returns_the_response(server: LocalServer, options: SourceOptions) -> None:
    response = fetch(server.url("/moved"), options.fetch)
    assert response.status == 200
    assert response.url == server.url("/moved")
    assert response.final_url == server.url("/page.html")
    assert response.content_type == "text/html"
    assert response.charset == "utf-8"
    assert response.body == (FIXTURES / "article.html").read_bytes()
    assert response.headers["content-length"] == str(len(response.body))


def test_a_fetcher_reuses_its_client_and_closes(server: LocalServer, options: SourceOptions) -> None:
    with Fetcher(options.fetch) as fetcher:
        first = fetcher.get(server.url("/page.html"))
        second = fetcher.get(server.url("/plain.txt"))
    assert (first.content_type, second.content_type) == ("text/html", "text/plain")


def test_a_transport_can_replace_the_network(options: SourceOptions) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Type": "text/html"}, content=f"<p>{request.url.path}</p>"
        )

    items = list(read_inputs(["https://news.example/story"], options, transport=httpx.MockTransport(answer)))
    assert [item.content for item in items if isinstance(item, Document)] == ["<p>/story</p>"]


def test_a_trickle_that_outlasts_the_timeout_is_cut_off(server: LocalServer, options: SourceOptions) -> None:
    stop = threading.Event()

    def trickle() -> Iterator[bytes]:
        yield b"<html><body>"
        for _ in range(50):  # 5 s in all, far past the 0.5 s timeout, though each read is quick
            if stop.wait(0.1):
                return
            yield b"<p>more</p>"

    server.route("/trickle", lambda request: Reply(body=trickle()))
    try:
        error = error_of(server.url("/trickle"), options)
    finally:
        stop.set()
    assert error.reason == f"timed out after {options.fetch.timeout} s"
