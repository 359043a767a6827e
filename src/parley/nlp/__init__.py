"""Parley's nlp stage."""
