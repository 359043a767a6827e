#!/usr/bin/env python3
"""Write ``src/parley/ontology/cameo_plover.tsv`` from the shared ontology facts.

Reads ``../shared/ontology/CAMEO2PLOVER-2021.txt`` (CAMEO roots 03-20 mapped to PLOVER
type, mode and context, each with its CAMEO name) and the table of roots 01 and 02 in
``../shared/ontology/README.md``, and writes one row per CAMEO code:
``code, name, plover_type, mode, context`` (contexts joined with ``;``).

Root 01 (public statements) has no PLOVER event type: its rows get an empty type and
the mode ``statement``, so that statements are kept but never counted as one of the
16 PLOVER types. Root 02 (appeals) follows the README's table: ``REQUEST`` with the
mode it names.

The output is committed; the package never reads ``../shared`` at run time.

Usage: python scripts/build_ontology.py [--shared PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO / ".." / "shared" / "ontology"
DEFAULT_OUT = REPO / "src" / "parley" / "ontology" / "cameo_plover.tsv"

CODE_LINE = re.compile(r"^(\d{3,4}):\s*(.*?)\s*#\s*(.*)$")
README_ROW = re.compile(r"^\|\s*(0[12]\d)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|$")
# The table carries editorial notes after a name ("Ease curfew  21.09.17: ..."): drop them.
EDITOR_NOTE = re.compile(r"\s{2,}\d\d\.\d\d\.\d\d:.*$")

Row = tuple[str, str, str, str, str]


def parse_table(text: str) -> list[Row]:
    """Rows of the CAMEO to PLOVER table; the first row of a duplicated code wins."""
    rows: dict[str, Row] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        match = CODE_LINE.match(line.strip())
        if not match:
            continue
        code, fields, name = match.groups()
        parts = [p.strip() for p in fields.split(",")]
        if len(parts) != 3 or not parts[0]:
            raise SystemExit(f"CAMEO2PLOVER line {lineno}: expected 'TYPE, mode, context': {line!r}")
        plover_type, mode, context = parts
        contexts = ";".join(c.strip() for c in context.split(";") if c.strip())
        name = EDITOR_NOTE.sub("", name).strip()
        rows.setdefault(code, (code, name, plover_type.upper(), mode.strip(), contexts))
    return list(rows.values())


def parse_readme(text: str) -> list[Row]:
    """Rows for CAMEO roots 01 and 02 from the README's markdown table."""
    rows: list[Row] = []
    for line in text.splitlines():
        match = README_ROW.match(line.strip())
        if not match:
            continue
        code, name, plover = match.groups()
        if code.startswith("01"):
            rows.append((code, name, "", "statement", ""))
            continue
        type_, _, mode = (p.strip() for p in plover.partition(","))
        rows.append((code, name, type_.upper(), mode, ""))
    return rows


def build(shared: Path) -> list[Row]:
    """All rows, sorted by code, from the two shared files."""
    table = shared / "CAMEO2PLOVER-2021.txt"
    readme = shared / "README.md"
    for path in (table, readme):
        if not path.is_file():
            raise SystemExit(f"{path}: not found (pass --shared to the ontology folder)")
    rows = parse_readme(readme.read_text(encoding="utf-8")) + parse_table(table.read_text(encoding="utf-8"))
    if not any(r[0].startswith("01") for r in rows) or not any(r[0].startswith("02") for r in rows):
        raise SystemExit(f"{readme}: the table of CAMEO roots 01 and 02 was not found")
    return sorted(rows, key=lambda r: (r[0][:3], r[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = build(args.shared)
    lines = ["code\tname\tplover_type\tmode\tcontext"]
    lines += ["\t".join(row) for row in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} CAMEO codes to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
