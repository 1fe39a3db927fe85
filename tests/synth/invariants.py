"""What must hold for every child in a generated SSDA903 extract, as a list of broken rules."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.returns.ssda903.schema import TABLES_BY_NAME
from trajectory.synth.ssda903 import NOT_GENERATED


def problems(tables: dict[str, pl.DataFrame], *, children: int, end: date) -> list[str]:
    found: list[str] = []

    def check(name: str, offenders: pl.DataFrame) -> None:
        if offenders.height:
            found.append(f"{name}: {offenders.height} rows, e.g. {offenders.head(3).rows()}")

    for name, frame in tables.items():
        table = TABLES_BY_NAME[name]
        made = tuple(c for c in table.dfe_columns if c not in NOT_GENERATED)
        if tuple(frame.columns) != made:
            found.append(f"{name} columns {frame.columns} are not {made}")
            continue
        for column in (c for c in table.columns if c.dfe not in NOT_GENERATED):
            expected = pl.Date if column.is_date else pl.Utf8
            if frame.schema[column.dfe] != expected:
                found.append(f"{name}.{column.dfe} is {frame.schema[column.dfe]}")
            if column.codes is not None:
                check(
                    f"{name}.{column.dfe} outside its code list",
                    frame.filter(
                        ~pl.col(column.dfe).is_in(sorted(column.codes))
                        & pl.col(column.dfe).is_not_null()
                    ),
                )
    if found:
        return found

    header = tables["Header"]
    if header.height != children or header["CHILD"].n_unique() != children:
        found.append(f"Header has {header.height} rows, {header['CHILD'].n_unique()} children")
    for name in ("Episodes", "Reviews", "Missing", "OC3", "UASC"):
        check(f"{name} child not in Header", tables[name].join(header, on="CHILD", how="anti"))

    episodes = (
        tables["Episodes"]
        .join(header.select("CHILD", "DOB"), on="CHILD")
        .sort("CHILD", "DECOM")
        .with_columns(
            next_start=pl.col("DECOM").shift(-1).over("CHILD"),
            is_last=pl.col("DECOM").cum_count().over("CHILD") == pl.len().over("CHILD"),
            turns_18=pl.col("DOB").dt.offset_by("18y"),
        )
    )
    check("DEC before DECOM", episodes.filter(pl.col("DEC") < pl.col("DECOM")))
    check("episodes overlap", episodes.filter(pl.col("next_start") < pl.col("DEC")))
    check(
        "two episodes start the same day", episodes.filter(pl.col("next_start") == pl.col("DECOM"))
    )
    check(
        "an episode other than the last is open",
        episodes.filter(pl.col("DEC").is_null() & ~pl.col("is_last")),
    )
    check(
        "open episode has a REC",
        episodes.filter(pl.col("DEC").is_null() & pl.col("REC").is_not_null()),
    )
    check(
        "closed episode has no REC",
        episodes.filter(pl.col("DEC").is_not_null() & pl.col("REC").is_null()),
    )
    check(
        "X1 not followed by an episode starting that day",
        episodes.filter(
            (pl.col("REC") == "X1")
            & (pl.col("next_start").is_null() | (pl.col("next_start") != pl.col("DEC")))
        ),
    )
    check(
        "a contiguous episode after a cease is not X1",
        episodes.filter((pl.col("REC") != "X1") & (pl.col("next_start") == pl.col("DEC"))),
    )
    check(
        "new episode after X1 has RNE S",
        episodes.filter((pl.col("REC") == "X1") & pl.col("RNE").shift(-1).over("CHILD").eq("S")),
    )
    check("DOB not before first DECOM", episodes.filter(pl.col("DOB") >= pl.col("DECOM")))
    check("looked after from 18", episodes.filter(pl.col("DECOM") >= pl.col("turns_18")))
    check("DECOM after the extract's end", episodes.filter(pl.col("DECOM") > end))
    check("DEC after the extract's end", episodes.filter(pl.col("DEC") > end))
    check(
        "placement change reason without a placement change",
        episodes.filter(
            pl.col("REASON_PLACE_CHANGE").is_not_null()
            & ~pl.col("RNE").shift(-1).over("CHILD").is_in(["P", "T", "U", "B"])
        ),
    )
    check(
        "short break episode that is not RNE S",
        episodes.filter(pl.col("LS").is_in(["V3", "V4"]) & (pl.col("RNE") != "S")),
    )
    check(
        "under 16 in supported or semi-independent accommodation",
        episodes.filter(
            pl.col("PLACE").is_in(["H5", "K3"])
            & (pl.col("DECOM") < pl.col("DOB").dt.offset_by("16y"))
        ),
    )

    last_year_start = (
        date(end.year - 1, end.month, end.day)
        if (end.month, end.day) != (2, 29)
        else date(end.year - 1, 2, 28)
    )
    end_month_day = end.month * 100 + end.day
    care_leavers = tables["OC3"].with_columns(
        age=end.year
        - pl.col("DOB").dt.year().cast(pl.Int32)
        - (
            pl.col("DOB").dt.month().cast(pl.Int32) * 100 + pl.col("DOB").dt.day() > end_month_day
        ).cast(pl.Int32)
    )
    birthdays = care_leavers.with_columns(
        birthday=pl.col("DOB").dt.offset_by(pl.format("{}y", pl.col("age")))
    )
    check("OC3 age outside 17-21", care_leavers.filter(~pl.col("age").is_between(17, 21)))
    check(
        "OC3 birthday outside the last collection year",
        birthdays.filter(~pl.col("birthday").is_between(last_year_start, end, closed="right")),
    )
    still_in_care = episodes.filter(pl.col("DEC").is_null() & ~pl.col("LS").is_in(["V3", "V4"]))
    check(
        "OC3 care leaver still looked after",
        tables["OC3"].join(still_in_care, on="CHILD", how="semi"),
    )
    check(
        "missing episode ends before it starts",
        tables["Missing"].filter(pl.col("MIS_END") < pl.col("MIS_START")),
    )
    check("review before birth", tables["Reviews"].filter(pl.col("REVIEW") < pl.col("DOB")))
    check("review after the extract's end", tables["Reviews"].filter(pl.col("REVIEW") > end))
    return found
