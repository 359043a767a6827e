"""Parley's clean stage."""
