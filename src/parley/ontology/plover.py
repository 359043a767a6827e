"""PLOVER types for CAMEO codes, and the older PLOVER names found in gold records.

PLOVER (the ontology of POLECAT) has 16 event types. CAMEO root 01, public
statements, maps to none of them: ``to_plover`` returns type ``None`` with mode
``"statement"`` so statements are kept and recognisable without being counted as
PLOVER events. Root 02, appeals, maps to ``REQUEST`` with the mode of the CAMEO
codebook table (``assist``, ``change``, ``yield``, ``meet``).
"""

from __future__ import annotations

from parley.ontology.cameo import CameoEntry, table
from parley.records import Plover

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# Names used by PLOVER drafts before 0.8, as in the PLOVER gold standard records.
OLD_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

STATEMENT_MODE = "statement"


def canonical_type(name: str) -> str:
    """The current PLOVER type for a type name, old names included: ``"fight"`` -> ``"ASSAULT"``."""
    upper = name.strip().upper()
    return OLD_NAMES.get(upper, upper)


def _entry(code: str) -> CameoEntry | None:
    # CAMEO sub-codes the table does not list (e.g. 0211) take their parent's mapping.
    entries = table()
    for candidate in (code, code[:3], code[:2] + "0"):
        if candidate in entries:
            return entries[candidate]
    return None


def to_plover(code: str) -> Plover:
    """The PLOVER type, mode and context of a CAMEO code.

    An unknown code gives ``Plover(None)``; a root 01 code gives type None, mode ``"statement"``.
    """
    entry = _entry(code)
    if entry is None:
        return Plover(None)
    return Plover(entry.plover_type, entry.mode, entry.context)
