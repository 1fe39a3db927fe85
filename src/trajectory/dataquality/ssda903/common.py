"""Expressions the SSDA903 rules share: one place for each idea (a placement code set, an
age at a date, an open episode), so two rules never read the same thing two ways."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.dataquality.context import ROW, TEXT, Return

__all__ = ["ROW", "TEXT", "Return", "age_on", "blank", "birthday_in", "text"]


def blank(column: str) -> pl.Expr:
    """Nothing written (readers turn blank cells to null)."""
    return pl.col(column).is_null()


def text(column: str) -> pl.Expr:
    """A coded column's value as written (before upper-casing), for code-list rules."""
    return pl.col(TEXT + column)


def age_on(dob: pl.Expr, on: date | pl.Expr) -> pl.Expr:
    """Whole years of age on a day: the birthday counts from the day itself. A 29 February
    birthday falls on 1 March in a year without one (as the law of England reads it), and no
    date is ever built from parts, so no birthday can raise."""
    on_expr = on if isinstance(on, pl.Expr) else pl.lit(on)
    years = on_expr.dt.year() - dob.dt.year()
    before_birthday = (on_expr.dt.month() < dob.dt.month()) | (
        (on_expr.dt.month() == dob.dt.month()) & (on_expr.dt.day() < dob.dt.day())
    )
    return years - before_birthday.cast(pl.Int32)


def birthday_in(dob: pl.Expr, years: int) -> pl.Expr:
    """The day a child turns `years` old; 29 February births turn on 1 March where the year
    has none. Built by Polars' calendar offset, which cannot raise on a leap day."""
    shifted = dob.dt.offset_by(f"{years}y")
    leap_day = (dob.dt.month() == 2) & (dob.dt.day() == 29)
    return (
        pl.when(leap_day & (shifted.dt.day() == 28))
        .then(shifted + pl.duration(days=1))
        .otherwise(shifted)
    )


def looked_after_all_year(ret: Return) -> pl.LazyFrame:
    """The children (CHILD) continuously looked after during the collection year: DfE's CLA
    flag, as the spec's rule 157 defines it and 185, 190, 198, 543, 545 and 546 use it. An
    episode overlapping the year, and none starting after 1 April with RNE S (a new period of
    care), none ending in the year with a REC other than X1 (care left), none in the year under
    LS V3/V4 (short breaks). A REC left blank on an ended episode counts as leaving care."""
    episodes = ret.table("Episodes")
    in_year = (pl.col("DECOM") <= ret.end) & (
        pl.col("DEC").is_null() | (pl.col("DEC") >= ret.start)
    )
    broken = (
        ((pl.col("DECOM") > ret.start) & (pl.col("RNE").fill_null("") == "S"))
        | (pl.col("DEC").is_between(ret.start, ret.end) & (pl.col("REC").fill_null("") != "X1"))
        | (in_year & pl.col("LS").fill_null("").is_in(["V3", "V4"]))
    )
    overlapping = episodes.filter(in_year).select("CHILD").unique()
    return overlapping.join(episodes.filter(broken).select("CHILD"), on="CHILD", how="anti")


def unreadable_date(column: str) -> pl.Expr:
    """Something written that the reader could not read as a date (dd/mm/yyyy, or yyyy-mm-dd
    in DfE's XML): the value as written is kept beside the parsed, blank, one."""
    return pl.col(TEXT + column).is_not_null() & pl.col(column).is_null()
