"""The sources package's public surface and its place in the one-way pipeline."""

from __future__ import annotations

import ast
import inspect
import types
from pathlib import Path

import parley.sources
from parley.config import SourceOptions
from parley.sources import read_inputs

PACKAGE = Path(parley.sources.__file__).resolve().parent


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(parley.sources).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert set(parley.sources.__all__) == public
    assert sorted(parley.sources.__all__) == parley.sources.__all__


def test_read_inputs_has_the_agreed_signature() -> None:
    parameters = inspect.signature(read_inputs).parameters
    assert list(parameters)[:3] == ["inputs", "options", "state"]
    assert parameters["state"].default is None
    assert all(p.kind is p.KEYWORD_ONLY for p in list(parameters.values())[3:])


def test_sources_import_nothing_downstream() -> None:
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {
            node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        }
        imported |= {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        downstream = {
            name for name in imported if name.startswith(("parley.clean", "parley.nlp", "parley.store"))
        }
        assert not downstream, f"{module.name} imports {downstream}"


def test_every_module_has_a_docstring() -> None:
    for module in PACKAGE.glob("*.py"):
        assert ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))), module.name


def test_nothing_is_read_until_asked(tmp_path: Path) -> None:
    reader = read_inputs([str(tmp_path / "missing.txt")], SourceOptions())
    assert inspect.isgenerator(reader)
    reader.close()
