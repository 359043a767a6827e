"""CAMEO codes: names, validity, roots and the quad classes used by GDELT.

The names come from ``cameo_plover.tsv`` beside this module, which
``scripts/build_ontology.py`` writes from the shared ontology files (the CAMEO to
PLOVER table for roots 03-20 and the CAMEO codebook rows for roots 01 and 02).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CameoEntry:
    """One row of the CAMEO table: the code, its CAMEO name and its PLOVER mapping."""

    code: str
    name: str
    plover_type: str | None  # None for root 01, public statements
    mode: str | None
    context: tuple[str, ...]


@cache
def table() -> dict[str, CameoEntry]:
    """Every CAMEO code Parley knows, keyed by code (``"0356"``), in code order."""
    text = resources.files("parley.ontology").joinpath("cameo_plover.tsv").read_text(encoding="utf-8")
    entries: dict[str, CameoEntry] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        entries[row["code"]] = CameoEntry(
            code=row["code"],
            name=row["name"],
            plover_type=row["plover_type"] or None,
            mode=row["mode"] or None,
            context=tuple(c for c in row["context"].split(";") if c),
        )
    return entries


def is_valid(code: str) -> bool:
    """Whether ``code`` is a CAMEO code of the table (``"036"`` yes, ``"36"`` and ``"0999"`` no)."""
    return code in table()


def name(code: str) -> str | None:
    """The CAMEO name of a code (``"036"`` -> ``"Express intent to meet or negotiate"``), None if unknown."""
    entry = table().get(code)
    return entry.name if entry else None


def cameo_root(code: str) -> str:
    """The two-digit root of a CAMEO code: ``"0356"`` -> ``"03"``."""
    return code[:2]


def quad_class(root: str) -> int:
    """GDELT's quad class of a CAMEO root.

    1 verbal cooperation (01-05), 2 material cooperation (06-09),
    3 verbal conflict (10-14), 4 material conflict (15-20).
    """
    n = int(root[:2])
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4
