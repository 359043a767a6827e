"""The CAMEO table: codes, names, roots, quad classes, and that it matches the shared facts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from parley.ontology import cameo

REPO = Path(__file__).resolve().parents[2]
SHARED_ONTOLOGY = REPO / ".." / "shared" / "ontology"


def test_every_root_from_01_to_20_has_codes() -> None:
    roots = {cameo.cameo_root(code) for code in cameo.table()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_names_come_from_the_table() -> None:
    assert cameo.name("036") == "Express intent to meet or negotiate"
    assert cameo.name("026") == "Appeal to others to meet or negotiate"
    assert cameo.name("0871") == "Declare truce, ceasefire"


def test_unknown_codes_are_invalid_and_nameless() -> None:
    assert cameo.is_valid("135")
    assert not cameo.is_valid("35")
    assert not cameo.is_valid("0999")
    assert cameo.name("0999") is None


def test_editorial_notes_are_not_part_of_names() -> None:
    assert cameo.name("0813") == "Ease curfew"


def test_root_and_quad_class_are_unchanged() -> None:
    assert cameo.cameo_root("0356") == "03"
    assert [cameo.quad_class(r) for r in ("01", "05", "06", "09", "10", "14", "15", "20")] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_committed_table_matches_the_shared_ontology(tmp_path: Path) -> None:
    if not (SHARED_ONTOLOGY / "CAMEO2PLOVER-2021.txt").is_file():
        pytest.skip("../shared/ontology not found (the CAMEO to PLOVER table lives beside the checkout)")
    spec = importlib.util.spec_from_file_location("build_ontology", REPO / "scripts" / "build_ontology.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "cameo_plover.tsv"
    assert module.main(["--shared", str(SHARED_ONTOLOGY), "--out", str(out)]) == 0
    committed = REPO / "src" / "parley" / "ontology" / "cameo_plover.tsv"
    assert out.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
