"""Parley: quotations and events from news about diplomacy and conflict."""

from parley.errors import ParleyError
from parley.records import Actor, ActorRef, Analysis, Article, Event, Plover, Quote

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorRef",
    "Analysis",
    "Article",
    "Event",
    "ParleyError",
    "Plover",
    "Quote",
    "__version__",
]
