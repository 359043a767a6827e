"""The store tests' conftest as a module, for the export and scale tests that reuse its records and cluster.

``tests/store/conftest.py`` holds the sample records and the throwaway PostgreSQL cluster;
loading it once under its own name lets other test packages use them without a copy.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

CONFTEST = Path(__file__).resolve().parent / "store" / "conftest.py"


def store_fixtures() -> ModuleType:
    """The store tests' conftest, loaded once under its own name."""
    name = "parley_store_test_fixtures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, CONFTEST)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[name]
