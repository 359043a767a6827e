"""How the web app was started: what it may do and with which token."""

from __future__ import annotations

from dataclasses import dataclass, field

from parley.config import FetchOptions
from parley.errors import ConfigError

MIN_TOKEN_CHARS = 16


@dataclass(frozen=True, slots=True)
class WebSettings:
    """The web app's options; ``token`` is required when ``allow_ingest`` is set."""

    allow_ingest: bool = False
    allow_private_urls: bool = False
    token: str | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)

    def __post_init__(self) -> None:
        if self.allow_ingest and (not self.token or len(self.token) < MIN_TOKEN_CHARS):
            raise ConfigError(
                f"--allow-ingest needs PARLEY_TOKEN set to a secret of at least {MIN_TOKEN_CHARS} characters "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe())')"
            )
