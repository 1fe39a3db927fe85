"""Expressions the CIN census rules share (see ssda903/common.py for the same ideas there)."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.context import ROW, TEXT, Return
from trajectory.dataquality.ssda903.common import age_on, birthday_in, blank, text

__all__ = ["ROW", "TEXT", "Return", "age_on", "birthday_in", "blank", "by_episode", "text"]

EPISODE = ["LAchildID", "CINdetailsID"]


def by_episode(left: pl.LazyFrame, right: pl.LazyFrame, columns: list[str]) -> pl.LazyFrame:
    """`left`'s rows with `right`'s columns of the same CIN episode (LAchildID, CINdetailsID)."""
    return left.join(right.select([*EPISODE, *columns]), on=EPISODE, how="inner")
