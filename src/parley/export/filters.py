"""Which records an export writes: the filters of ``parley export``, checked against the schema."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from parley.errors import ConfigError

EVENT_FILTERS = frozenset({"source", "target", "actor", "exact", "type", "cameo", "since", "until"})
ARTICLE_FILTERS = frozenset({"search", "outlet", "since", "until"})
POSITION_FILTERS = frozenset({"actor", "issue", "since", "until"})


@dataclass(frozen=True, slots=True)
class ExportFilters:
    """Filters of an export; each is None when unused.

    Event schemas (gdelt, plover) take those of ``Store.events``: ``source``/``target``
    and ``actor`` (either side), resolved like every actor filter (a country is its whole
    side unless ``exact``), ``type`` (PLOVER), ``cameo`` (a code prefix),
    ``since``/``until`` (the event's date, else its article's publication date). The
    parley schema takes those of ``Store.articles``: ``search`` (full text), ``outlet``,
    ``since``/``until`` (the publication date). The positions and shifts schemas take
    ``actor`` (resolved the same way), ``issue`` and ``since``/``until``.
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    exact: bool = False
    type: str | None = None
    cameo: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    search: str | None = None
    outlet: str | None = None
    issue: str | None = None

    def used(self) -> set[str]:
        """The names of the filters that are set."""
        return {f.name for f in fields(self) if getattr(self, f.name) not in (None, "", False)}

    def check(self, schema: str, allowed: frozenset[str]) -> None:
        """ConfigError naming any set filter that ``schema`` cannot apply."""
        unusable = sorted(self.used() - allowed)
        if unusable:
            flags = ", ".join(f"--{name}" for name in unusable)
            raise ConfigError(
                f"{flags}: not a filter of --schema {schema}; it takes {', '.join(sorted(allowed))}"
            )
