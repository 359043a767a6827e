"""Parley's evaluate stage."""
