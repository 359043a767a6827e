"""``parley.web.serve``: what ``parley serve`` runs."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from parley.errors import ConfigError
from parley.web import serve


def test_ingest_is_refused_without_a_token_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARLEY_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="PARLEY_TOKEN"):
        serve(f"sqlite:///{tmp_path / 'serve.db'}", allow_ingest=True)


def test_it_binds_to_loopback_unless_told_otherwise() -> None:
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
