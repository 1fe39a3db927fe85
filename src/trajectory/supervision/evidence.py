"""Supervision's citable evidence (filled in below)."""


def register_kinds():
    return None
