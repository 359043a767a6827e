"""Parley's store: articles and everything found in them, in SQLite or PostgreSQL.

``Store(url)`` is the whole public surface; see ``parley.store.db``.
"""

from parley.store.db import Store

__all__ = ["Store"]
