"""Parley's one HTTP client: downloading a URL under limits of time, size, redirects and content type.

Every failure becomes a ``FetchError`` or ``TooLargeError`` naming the URL. Tests
swap the network out by passing an httpx ``transport`` (e.g. ``httpx.MockTransport``).

With ``FetchOptions.public_only`` (what ``POST /api/ingest`` uses) a URL is refused when
its host resolves to any loopback, private, link-local or other non-global address. The
check is made on every redirect hop, and the request is sent to the very address that was
checked (with the original Host header and TLS server name), so a DNS answer that changes
between the check and the connection cannot slip through.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType

import httpx

from parley.config import FetchOptions
from parley.errors import FetchError, InputError, TooLargeError
from parley.sources.decode import declared_charset, decode, html_charset

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
_TEXT_TYPES = frozenset({"text/html", "text/plain", "text/xml", "application/xml", "application/xhtml+xml"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Response:
    """A finished download: where it ended up, its status, type and body."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int  # 2xx, or 304 when a conditional request found nothing new
    content_type: str  # the media type, lower-case, without parameters; "" when the server sent none
    body: bytes
    headers: Mapping[str, str]  # lower-case names
    fetched_at: dt.datetime

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        header = self.headers.get("content-type")
        return declared_charset(header) if header else None

    def text(self) -> str:
        """The body as text: declared charset (header, then meta tag), else UTF-8, else detection."""
        declared = self.charset
        if declared is None and self.content_type in ("", "text/html", "application/xhtml+xml"):
            declared = html_charset(self.body)
        return decode(self.body, self.url, declared)


class Fetcher:
    """Downloads URLs under ``FetchOptions`` limits, reusing one connection pool.

    Use it as a context manager, or call ``close()``. The httpx client is only
    created on the first download, so a run that reads only files opens nothing.
    """

    def __init__(self, options: FetchOptions, *, transport: httpx.BaseTransport | None = None) -> None:
        self.options = options
        self._transport = transport
        self._client: httpx.Client | None = None

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Response:
        """Download ``url``; raises ``FetchError`` or ``TooLargeError`` naming it.

        ``headers`` are added to the request (for example If-None-Match); a 304
        answer to such a request is returned with an empty body, not raised.
        """
        try:
            return self._get(url, headers or {})
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.options.timeout} s") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(
                url, f"too many redirects (more than {self.options.max_redirects}); it may redirect in a loop"
            ) from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"host unreachable ({exc})") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"download failed ({exc or type(exc).__name__})") from exc

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _get(self, url: str, headers: Mapping[str, str]) -> Response:
        options = self.options
        # httpx's timeout bounds each connect and read; the deadline also bounds a slow trickle.
        deadline = time.monotonic() + options.timeout
        current = httpx.URL(url)
        # Redirects are followed here, not by httpx, so that every hop is checked.
        for _ in range(options.max_redirects + 1):
            answer = self._send(current, headers)
            try:
                if answer.is_redirect and "location" in answer.headers:
                    current = current.join(answer.headers["location"])
                    continue
                return self._read(url, str(current), answer, deadline)
            finally:
                answer.close()
        raise FetchError(
            url, f"too many redirects (more than {options.max_redirects}); it may redirect in a loop"
        )

    def _send(self, url: httpx.URL, headers: Mapping[str, str]) -> httpx.Response:
        if url.scheme not in ("http", "https") or not url.host:
            raise FetchError(str(url), "only http:// and https:// URLs with a host can be fetched")
        client = self._http()
        if self.options.public_only:
            request = pinned_request(client, url, public_address(url), headers)
        else:
            request = client.build_request("GET", url, headers=headers)
        return client.send(request, stream=True)

    def _read(self, url: str, final_url: str, answer: httpx.Response, deadline: float) -> Response:
        options = self.options
        answer_headers = {name.lower(): value for name, value in answer.headers.items()}
        fetched_at = dt.datetime.now(dt.UTC)
        if answer.status_code == 304:
            return Response(url, final_url, 304, "", b"", answer_headers, fetched_at)
        if not 200 <= answer.status_code < 300:
            raise FetchError(url, f"HTTP {answer.status_code} {answer.reason_phrase}".rstrip())
        content_type = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not _readable(content_type):
            raise FetchError(
                url,
                f"unsupported content type {content_type} (Parley reads HTML, RSS/Atom feeds and text)",
            )
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise TooLargeError(
                url, f"{int(declared):,} bytes is over the limit of {options.max_bytes:,} bytes"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > options.max_bytes:
                raise TooLargeError(
                    url, f"more than {options.max_bytes:,} bytes (the limit); stopped reading"
                )
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {options.timeout} s")
            chunks.append(chunk)
        return Response(
            url, final_url, answer.status_code, content_type, b"".join(chunks), answer_headers, fetched_at
        )

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=self._transport,
                timeout=httpx.Timeout(self.options.timeout),
                follow_redirects=False,
                headers={"User-Agent": self.options.user_agent, "Accept": ACCEPT},
            )
        return self._client


def fetch(
    url: str,
    options: FetchOptions,
    *,
    headers: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Response:
    """Download one URL under ``options``' limits (see ``Fetcher.get``)."""
    with Fetcher(options, transport=transport) as fetcher:
        return fetcher.get(url, headers=headers)


def _readable(content_type: str) -> bool:
    return content_type in _TEXT_TYPES or content_type.endswith("+xml")


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


def pinned_request(
    client: httpx.Client, url: httpx.URL, address: IPAddress, headers: Mapping[str, str] | None = None
) -> httpx.Request:
    """A GET of ``url`` sent to ``address``, with the URL's host as Host header and TLS server name."""
    return client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={**(headers or {}), "Host": url.netloc.decode("ascii")},
        extensions={"sni_hostname": url.raw_host.decode("ascii")},
    )
