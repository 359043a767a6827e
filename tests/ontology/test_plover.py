"""PLOVER types of CAMEO codes and the old PLOVER names of the gold records."""

from __future__ import annotations

import pytest

from parley.ontology.cameo import table
from parley.ontology.plover import PLOVER_TYPES, canonical_type, to_plover


def test_statements_have_no_plover_type_but_are_marked() -> None:
    for code in ("010", "016", "019"):
        plover = to_plover(code)
        assert plover.type is None
        assert plover.mode == "statement"


@pytest.mark.parametrize(
    ("code", "mode"), [("020", None), ("021", "assist"), ("024", "change"), ("025", "yield"), ("026", "meet")]
)
def test_appeals_are_requests_with_the_codebook_mode(code: str, mode: str | None) -> None:
    assert to_plover(code).type == "REQUEST"
    assert to_plover(code).mode == mode


def test_types_modes_and_contexts_follow_the_table() -> None:
    assert to_plover("0871").type == "RETREAT"
    assert to_plover("0871").mode == "ceasefire"
    assert to_plover("135").type == "THREATEN"
    assert to_plover("163").type == "COERCE"
    assert to_plover("1121").context == ("crime", "corruption")


def test_every_typed_code_maps_to_one_of_the_sixteen_types() -> None:
    assert len(PLOVER_TYPES) == 16
    for code, entry in table().items():
        if not code.startswith("01"):
            assert entry.plover_type in PLOVER_TYPES, code


def test_unlisted_subcodes_take_their_parents_mapping() -> None:
    assert to_plover("0211") == to_plover("021")
    assert to_plover("9999").type is None


@pytest.mark.parametrize(
    ("old", "new"),
    [("DEMAND", "REQUEST"), ("disapprove", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT")],
)
def test_old_names_are_aliases(old: str, new: str) -> None:
    assert canonical_type(old) == new
    assert canonical_type("AGREE") == "AGREE"
