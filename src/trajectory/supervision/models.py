"""Supervision models (being written)."""
