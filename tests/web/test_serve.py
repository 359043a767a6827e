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


def test_requests_must_name_a_host_the_app_serves(tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from parley.store import Store
    from parley.web import create_app

    with Store(f"sqlite:///{tmp_path / 'hosts.db'}") as store:
        app = create_app(store, hosts=("0.0.0.0", "parley.example.org"))
        with TestClient(app) as client:
            for name in ("parley.example.org", "PARLEY.example.org:8000", "localhost:8000", "127.0.0.1"):
                assert client.get("/api/stats", headers={"host": name}).status_code == 200, name
            # A rebinding attack's request carries the attacker's name.
            rebound = client.get("/api/stats", headers={"host": "attacker.example.com"})
            assert rebound.status_code == 400
            assert client.get("/api/stats", headers={"host": "0.0.0.0"}).status_code == 400


def test_settle_sets_what_is_loaded_aside_from_the_collector() -> None:
    import gc

    from parley.web.serve import settle

    try:
        settle()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
