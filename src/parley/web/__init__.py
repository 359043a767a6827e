"""Parley's web stage: a JSON API and server-rendered pages over a store."""

from parley.web.app import create_app
from parley.web.serve import serve

__all__ = ["create_app", "serve"]
