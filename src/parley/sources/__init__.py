"""Parley's sources stage."""
