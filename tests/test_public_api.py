"""Each package's ``__all__`` lists exactly the names it makes public (as httpx checks its own)."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import parley

PACKAGES = sorted(
    ["parley"] + [f"parley.{info.name}" for info in pkgutil.iter_modules(parley.__path__) if info.ispkg]
)


def public_names(package: ModuleType) -> list[str]:
    """What ``from package import ...`` offers: names without a leading underscore that are not submodules."""
    return sorted(
        name
        for name, value in vars(package).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    )


def test_every_stage_is_checked() -> None:
    assert {"parley.clean", "parley.sources", "parley.store", "parley.web"} <= set(PACKAGES)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_agrees_with_what_is_importable(name: str) -> None:
    package = importlib.import_module(name)
    listed = getattr(package, "__all__", [])
    assert len(set(listed)) == len(listed), f"{name}.__all__ lists a name twice"
    assert sorted(n for n in listed if not n.startswith("_")) == public_names(package)
    for member in listed:
        assert hasattr(package, member), f"{name}.__all__ names {member}, which it does not define"
