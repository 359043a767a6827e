"""Parley's scale stage."""
