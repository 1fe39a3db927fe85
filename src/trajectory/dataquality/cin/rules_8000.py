"""CIN census rules 8000 and over: identifiers and the basic shape of each child's record."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.cin import CATALOGUE
from trajectory.dataquality.cin.common import Return, blank

rule = CATALOGUE.rule


@rule(
    "8500",
    tables="ChildIdentifiers",
    fields="LAchildID",
    kind="required",
    message="Every child needs an LAchildID (the council's identifier for the child).",
)
def child_id_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(blank("LAchildID"))
