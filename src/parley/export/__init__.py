"""Parley's exports: the store's records as JSON Lines, CSV or Parquet in three schemas.

``export(store, fmt, schema, out, filters)`` is the one entry point (``parley export``).
Schemas: ``parley`` (the analysis contract, one object per article), ``gdelt`` (the
GDELT 2.0 events table) and ``plover`` (PLOVER event records). See docs/exports.md.
"""

from parley.export.filters import ExportFilters
from parley.export.run import FORMATS, SCHEMAS, export

__all__ = ["FORMATS", "SCHEMAS", "ExportFilters", "export"]
