"""Parley's web stage."""
