"""Fetching a page for ``POST /api/ingest`` without letting callers reach private networks.

A URL is refused when its host resolves to any loopback, private, link-local or other
non-global address. The check is made on every redirect hop, and the request is sent to
the very address that was checked (with the original Host header and TLS server name),
so a DNS answer that changes between the check and the connection cannot slip through.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from dataclasses import dataclass

import httpx

from parley.config import FetchOptions
from parley.errors import DecodeError, FetchError, InputError, TooLargeError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the URL it was finally served from and its decoded HTML."""

    url: str
    html: str
    fetched_at: dt.datetime


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet (not loopback, private, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(url: httpx.URL) -> list[IPAddress]:
    """Every address the URL's host resolves to."""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(str(url), f"cannot resolve host {url.host!r}") from exc
    # Zone ids ("fe80::1%eth0") are not part of the address.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def public_address(url: httpx.URL) -> IPAddress:
    """The address to connect to for ``url``, refusing the URL if any address of its host is not public."""
    addresses = resolve(url)
    blocked = [a for a in addresses if not is_public(a)]
    if blocked or not addresses:
        raise InputError(
            str(url),
            f"refusing to fetch a private, loopback or link-local address "
            f"({blocked[0] if blocked else 'none'}); start the server with --allow-private-urls to allow it",
        )
    return addresses[0]


def _check_scheme(url: httpx.URL) -> None:
    if url.scheme not in ("http", "https") or not url.host:
        raise InputError(str(url), "only http:// and https:// URLs with a host can be fetched")


def pinned_request(client: httpx.Client, url: httpx.URL, address: IPAddress) -> httpx.Request:
    """A GET of ``url`` sent to ``address``, with the URL's host as Host header and TLS server name."""
    return client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={"Host": url.netloc.decode("ascii")},
        extensions={"sni_hostname": url.raw_host.decode("ascii")},
    )


def _send(client: httpx.Client, url: httpx.URL, allow_private: bool) -> httpx.Response:
    if allow_private:
        request = client.build_request("GET", url)
    else:
        request = pinned_request(client, url, public_address(url))
    return client.send(request, stream=True)


def _decode(url: str, body: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise DecodeError(url, "the page is not UTF-8 and declares no charset Python knows")


def _read(response: httpx.Response, url: str, options: FetchOptions) -> str:
    """The decoded body of a final (non-redirect) response, within the size limit."""
    if response.status_code != 200:
        raise FetchError(url, f"the server answered HTTP {response.status_code}")
    kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise InputError(url, f"not an HTML page (content type {kind})")
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > options.max_bytes:
                raise TooLargeError(url, f"the page is over {options.max_bytes} bytes")
    except httpx.HTTPError as exc:
        raise FetchError(url, f"cannot fetch: {exc}") from exc
    return _decode(url, bytes(body), response.charset_encoding)


def fetch_page(url: str, options: FetchOptions, *, allow_private: bool = False) -> Page:
    """Download an HTML or text page within the size, time and redirect limits of ``options``."""
    current = httpx.URL(url)
    headers = {"User-Agent": options.user_agent, "Accept": "text/html, text/plain;q=0.8"}
    with httpx.Client(timeout=options.timeout, follow_redirects=False, headers=headers) as client:
        for _ in range(options.max_redirects + 1):
            _check_scheme(current)
            try:
                response = _send(client, current, allow_private)
            except httpx.HTTPError as exc:
                raise FetchError(str(current), f"cannot fetch: {exc}") from exc
            try:
                if response.is_redirect and "location" in response.headers:
                    current = current.join(response.headers["location"])
                    continue
                return Page(str(current), _read(response, str(current), options), dt.datetime.now(dt.UTC))
            finally:
                response.close()
    raise FetchError(url, f"more than {options.max_redirects} redirects")
