"""SSDA903 rules 200-299: this year against last year, and placements."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return

rule = CATALOGUE.rule


@rule(
    "202",
    tables="Header;Header_last",
    fields="SEX",
    kind="previous-year",
    needs="previous",
    message="SEX differs from last year's return for the same child.",
)
def sex_changed(ret: Return) -> pl.LazyFrame:
    last = ret.last("Header").select("CHILD", pl.col("SEX").alias("_last_sex")).unique("CHILD")
    return (
        ret.table("Header")
        .join(last, on="CHILD", how="inner")
        .filter(pl.col("SEX").fill_null("") != pl.col("_last_sex").fill_null(""))
    )
