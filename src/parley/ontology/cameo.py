"""CAMEO codes: roots and the quad classes used by GDELT."""

from __future__ import annotations


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
