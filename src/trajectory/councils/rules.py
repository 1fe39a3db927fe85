"""Loaded by rules' autodiscovery so that the council permissions are registered at start-up."""

from trajectory.councils import permissions  # noqa: F401
