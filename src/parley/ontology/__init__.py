"""Parley's ontology stage."""
