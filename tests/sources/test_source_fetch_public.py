"""The fetcher's public-only mode (what POST /api/ingest uses): private addresses refused, limits kept.

The network is swapped out with ``httpx.MockTransport``; the "public" host is a literal
address so no DNS is asked.
"""

from __future__ import annotations

import ipaddress
from dataclasses import replace

import httpx
import pytest

from parley.config import FetchOptions
from parley.errors import FetchError, InputError, TooLargeError
from parley.sources import read_page
from parley.sources.web import Fetcher, is_public, pinned_request, public_address

OPTIONS = FetchOptions(timeout=5.0, max_bytes=1000, max_redirects=3, public_only=True)
PUBLIC = "http://93.184.215.14"
ARTICLE = "<html><head><title>Talks resume</title></head><body><p>Negotiators met.</p></body></html>"


class Site:
    """A MockTransport handler serving a few pages, recording every request it gets."""

    def __init__(self) -> None:
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        path = request.url.path
        if path == "/article.html":
            return httpx.Response(200, headers={"Content-Type": "text/html; charset=utf-8"}, text=ARTICLE)
        if path == "/big":
            return httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"x" * 5000)
        if path == "/pdf":
            return httpx.Response(200, headers={"Content-Type": "application/pdf"}, content=b"%PDF-1.4")
        if path == "/feed.xml":
            return httpx.Response(200, headers={"Content-Type": "application/rss+xml"}, content=b"<rss/>")
        if path in ("/loop", "/redirect"):
            return httpx.Response(302, headers={"Location": "/loop" if path == "/loop" else "/article.html"})
        if path == "/to-private":
            return httpx.Response(302, headers={"Location": "http://10.0.0.8/secret"})
        return httpx.Response(404, text="not here")


@pytest.fixture
def site() -> Site:
    return Site()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_private_loopback_and_link_local_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://localhost:8000/x", "http://[::1]/", "http://10.0.0.8/"]
)
def test_urls_on_private_hosts_are_refused_with_the_way_out(url: str) -> None:
    with pytest.raises(InputError, match="--allow-private-urls"):
        public_address(httpx.URL(url))


def test_a_public_literal_address_is_accepted_without_dns() -> None:
    assert str(public_address(httpx.URL("http://93.184.215.14/page"))) == "93.184.215.14"


def test_the_request_goes_to_the_checked_address_under_the_original_name() -> None:
    with httpx.Client() as client:
        request = pinned_request(
            client, httpx.URL("https://news.example.org:8443/a?b=1"), ipaddress.ip_address("2001:db8::5")
        )
    assert request.url.host == "2001:db8::5"
    assert request.url.port == 8443
    assert request.url.raw_path == b"/a?b=1"
    assert request.headers["host"] == "news.example.org:8443"
    assert request.extensions["sni_hostname"] == "news.example.org"


def test_a_private_host_is_refused_before_any_request(site: Site) -> None:
    with pytest.raises(InputError, match="private, loopback or link-local"):
        read_page("http://127.0.0.1:8000/article.html", OPTIONS, transport=httpx.MockTransport(site))
    assert site.seen == []


def test_a_redirect_to_a_private_host_is_refused(site: Site) -> None:
    with pytest.raises(InputError, match="--allow-private-urls"):
        read_page(f"{PUBLIC}/to-private", OPTIONS, transport=httpx.MockTransport(site))
    assert [r.url.path for r in site.seen] == ["/to-private"]


def test_a_public_page_is_fetched_at_the_checked_address_through_redirects(site: Site) -> None:
    page = read_page(f"{PUBLIC}/redirect", OPTIONS, transport=httpx.MockTransport(site))
    assert page.kind == "html"
    assert page.url == f"{PUBLIC}/article.html"
    assert page.content == ARTICLE
    assert [(r.url.host, r.url.path) for r in site.seen] == [
        ("93.184.215.14", "/redirect"),
        ("93.184.215.14", "/article.html"),
    ]


def test_without_public_only_private_hosts_are_fetched(site: Site) -> None:
    options = replace(OPTIONS, public_only=False)
    page = read_page("http://127.0.0.1:8000/article.html", options, transport=httpx.MockTransport(site))
    assert page.origin == "http://127.0.0.1:8000/article.html"
    assert [r.url.host for r in site.seen] == ["127.0.0.1"]


@pytest.mark.parametrize(
    ("path", "error", "words"),
    [
        ("/big", TooLargeError, "over the limit of 1,000 bytes"),
        ("/loop", FetchError, r"more than 3\)"),
        ("/pdf", FetchError, "application/pdf"),
        ("/missing", FetchError, "HTTP 404"),
        ("/feed.xml", InputError, "not an HTML page"),
    ],
)
def test_limits_and_refusals(site: Site, path: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        read_page(f"{PUBLIC}{path}", OPTIONS, transport=httpx.MockTransport(site))


def test_only_http_urls_are_fetched(site: Site) -> None:
    options = replace(OPTIONS, public_only=False)
    with (
        Fetcher(options, transport=httpx.MockTransport(site)) as fetcher,
        pytest.raises(FetchError, match="only http"),
    ):
        fetcher.get("file:///etc/passwd")
    assert site.seen == []
