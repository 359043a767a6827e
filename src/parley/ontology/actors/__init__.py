"""The actor tables: countries, organisations, role words and office holders, and the one matcher
that finds them in text.

``entries`` holds the entries, ``loader`` reads the TSV files in ``parley/ontology/data/`` and a
user's own (``PARLEY_ACTORS``, documented in ``docs/actors.md``), ``index`` is the matcher, and
``gazetteer`` the lookups by name, date and office on top of it.
"""

from parley.ontology.actors.entries import (
    ISO_EXCEPTIONS,
    ROLE_CODES,
    STATE_ROLES,
    CountryEntry,
    OrgEntry,
    PersonEntry,
    RoleTerm,
    actor_code,
)
from parley.ontology.actors.gazetteer import Gazetteer
from parley.ontology.actors.index import ActorIndex, Surface
from parley.ontology.actors.loader import DATA_FILES, ENV_VAR

__all__ = [
    "DATA_FILES",
    "ENV_VAR",
    "ISO_EXCEPTIONS",
    "ROLE_CODES",
    "STATE_ROLES",
    "ActorIndex",
    "CountryEntry",
    "Gazetteer",
    "OrgEntry",
    "PersonEntry",
    "RoleTerm",
    "Surface",
    "actor_code",
]
