"""A council's own extract with PL_DISTANCE and PL_LOCATION (issue 8.8): the columns survive
the upload and the distance indicator is counted from them. The expected figure is counted
here from the uploaded table itself: children looked after on 31 March 2025 (an episode open
that day, short breaks aside) whose episode that day is OUT of the council and over 20 miles."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from trajectory.indicators.selectors import indicators_at
from trajectory.returns.services import return_import
from trajectory.synth.ssda903 import generate, write_csv

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)


def test_placed_far_away_is_counted_from_the_councils_own_distance_columns(
    council, make_user, tmp_path
):
    tables = generate(council_code="990", children=150, years=2, seed=11, end=END)
    episodes = tables["Episodes"].with_row_index("n")
    tables["Episodes"] = episodes.with_columns(
        PL_DISTANCE=pl.when(pl.col("n") % 3 == 0).then(pl.lit("25.5")).otherwise(pl.lit("20.0")),
        PL_LOCATION=pl.when(pl.col("n") % 2 == 0).then(pl.lit("OUT")).otherwise(pl.lit("IN")),
    ).drop("n")
    analyst = make_user("analyst", council)
    upload = return_import(council=council, user=analyst, paths=write_csv(tables, tmp_path))
    assert upload.version is not None, upload.errors[:3]

    open_on_end = tables["Episodes"].filter(
        (pl.col("DECOM") <= END)
        & (pl.col("DEC").is_null() | (pl.col("DEC") > END))
        & ~pl.col("LS").is_in(["V3", "V4"])
    )
    looked_after = open_on_end["CHILD"].n_unique()
    far = open_on_end.filter(
        (pl.col("PL_LOCATION") == "OUT") & (pl.col("PL_DISTANCE").cast(pl.Float64) > 20)
    )["CHILD"].n_unique()

    figures = {row["id"]: row for row in indicators_at(council, END)}
    distant = figures["cla_placed_distant_pct"]
    assert (distant["numerator"], distant["denominator"]) == (far, looked_after)
    assert distant["value"] == pytest.approx(100 * far / looked_after)
