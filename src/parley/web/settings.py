"""How the web app was started: what it may do and with which token."""

from __future__ import annotations

from dataclasses import dataclass, field

from parley.config import FetchOptions
from parley.errors import ConfigError

MIN_TOKEN_CHARS = 16
# Names the app always answers to: the machine itself, and Starlette's test client.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "testserver")
# Bind addresses that are no host name a browser would send.
_WILDCARDS = ("0.0.0.0", "::", "")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """The web app's options; ``token`` is required when ``allow_ingest`` is set."""

    allow_ingest: bool = False
    allow_private_urls: bool = False
    token: str | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)
    # Host names the app serves (the Host header must be one of them or LOCAL_HOSTS), so a
    # page on another site cannot reach it through a DNS name rebound to this machine.
    hosts: tuple[str, ...] = ()

    def allowed_hosts(self) -> list[str]:
        """Every Host header value (without port) the app answers."""
        names = [h.strip().lower() for h in self.hosts if h.strip() not in _WILDCARDS]
        return list(dict.fromkeys([*names, *LOCAL_HOSTS]))

    def __post_init__(self) -> None:
        if self.allow_ingest and (not self.token or len(self.token) < MIN_TOKEN_CHARS):
            raise ConfigError(
                f"--allow-ingest needs PARLEY_TOKEN set to a secret of at least {MIN_TOKEN_CHARS} characters "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe())')"
            )
