"""Parley's store stage."""
