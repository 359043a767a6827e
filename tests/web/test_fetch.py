"""Fetching pages for the ingest endpoint: private addresses refused, limits kept."""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from webservers import PageServer

from parley.config import FetchOptions
from parley.errors import FetchError, InputError, TooLargeError
from parley.web.fetch import fetch_page, is_public, pinned_request, public_address

OPTIONS = FetchOptions(timeout=5.0, max_bytes=1000, max_redirects=3)


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


@pytest.mark.network
def test_local_server_is_refused_without_a_request_reaching_it(page_server: PageServer) -> None:
    with pytest.raises(InputError, match="private, loopback or link-local"):
        fetch_page(f"{page_server.url}/article.html", OPTIONS)
    assert page_server.seen == []


@pytest.mark.network
def test_allowed_private_fetch_follows_redirects(page_server: PageServer) -> None:
    page = fetch_page(f"{page_server.url}/redirect", FetchOptions(max_bytes=100_000), allow_private=True)
    assert page.url == f"{page_server.url}/article.html"
    assert "Talks resume" in page.html
    assert page_server.seen == ["/redirect", "/article.html"]


@pytest.mark.network
@pytest.mark.parametrize(
    ("path", "error", "words"),
    [
        ("/big", TooLargeError, "over 1000 bytes"),
        ("/loop", FetchError, "more than 3 redirects"),
        ("/pdf", InputError, "application/pdf"),
        ("/missing", FetchError, "HTTP 404"),
    ],
)
def test_fetch_limits(page_server: PageServer, path: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        fetch_page(f"{page_server.url}{path}", OPTIONS, allow_private=True)


def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(InputError, match="only http"):
        fetch_page("file:///etc/passwd", OPTIONS, allow_private=True)
