"""SSDA903 rules INT01-INT36: the return's tables agree with one another.

DfE's integrity rules (../shared/domain/rules/ssda903_rules.csv): every child in a table is a
child of the Header, with the Header's date of birth and sex, and the tables holding one row
per child hold one. Like DfE's validator, a cross-table check does nothing unless both tables
were uploaded (a missing Header is a missing file, not thousands of wrong rows).
"""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return

rule = CATALOGUE.rule

# DfE's code for each table's check, by the table checked.
_IN_HEADER = {
    "INT01": "AD1",
    "INT02": "PlacedAdoption",
    "INT03": "Episodes",
    "INT04": "Missing",
    "INT05": "OC2",
    "INT06": "OC3",
    "INT07": "PrevPerm",
    "INT08": "Reviews",
    "INT09": "UASC",
}
_HEADER_DOB = {
    "INT11": "AD1",
    "INT12": "PlacedAdoption",
    "INT13": "Missing",
    "INT14": "OC2",
    "INT15": "OC3",
    "INT16": "PrevPerm",
    "INT17": "Reviews",
    "INT18": "UASC",
}
_ONE_ROW_PER_CHILD = {
    "INT31": "AD1",
    "INT32": "Header",
    "INT33": "OC2",
    "INT34": "OC3",
    "INT35": "PrevPerm",
    "INT36": "UASC",
}


def _both_uploaded(ret: Return, name: str) -> bool:
    return ret.has("Header") and ret.has(name)


def _nothing(ret: Return, name: str) -> pl.LazyFrame:
    return ret.table(name).head(0)


def _not_in_header(name: str):
    def check(ret: Return) -> dict[str, pl.LazyFrame]:
        if not _both_uploaded(ret, name):
            return {name: _nothing(ret, name)}
        children = ret.table("Header").select("CHILD").unique()
        return {name: ret.table(name).join(children, on="CHILD", how="anti")}

    check.__name__ = f"{name.lower()}_child_not_in_header"
    check.__doc__ = f"DfE rule: every {name} row's CHILD is a child of the Header."
    return check


def _dob_differs(name: str):
    def check(ret: Return) -> dict[str, pl.LazyFrame]:
        if not _both_uploaded(ret, name):
            return {name: _nothing(ret, name)}
        header = (
            ret.table("Header")
            .filter(pl.col("DOB").is_not_null())
            .select("CHILD", pl.col("DOB").alias("_header_dob"))
            .unique()
        )
        # An unreadable date reads as blank, so "blank or invalid" are both skipped here.
        return {
            name: ret.table(name)
            .filter(pl.col("DOB").is_not_null())
            .join(header, on="CHILD", how="inner")
            .filter(pl.col("DOB") != pl.col("_header_dob"))
            .drop("_header_dob")
        }

    check.__name__ = f"{name.lower()}_dob_differs_from_header"
    check.__doc__ = f"DfE rule: a child's {name} DOB is the Header's DOB."
    return check


def _child_repeated(name: str):
    def check(ret: Return) -> pl.LazyFrame:
        # A blank CHILD is the reader's missing-key error, not a repeated child.
        return ret.table(name).filter(
            pl.col("CHILD").is_not_null() & pl.col("CHILD").is_duplicated()
        )

    check.__name__ = f"{name.lower()}_child_repeated"
    check.__doc__ = f"DfE rule: {name} holds one row per child."
    return check


for _code, _name in _IN_HEADER.items():
    rule(
        _code,
        tables=f"Header;{_name}",
        requires=f"Header;{_name}",
        fields="CHILD",
        kind="cross-table",
        message=f"This {_name} row's CHILD has no row in the Header: every child in the "
        "return needs a Header row with the same CHILD.",
    )(_not_in_header(_name))

for _code, _name in _HEADER_DOB.items():
    rule(
        _code,
        tables=f"Header;{_name}",
        requires=f"Header;{_name}",
        fields="DOB",
        kind="cross-table",
        message=f"DOB in this {_name} row is not the child's DOB in the Header: the two must "
        "be the same date.",
    )(_dob_differs(_name))

for _code, _name in _ONE_ROW_PER_CHILD.items():
    rule(
        _code,
        tables=_name,
        fields="CHILD",
        kind="uniqueness",
        message=f"This CHILD has more than one {_name} row: {_name} holds one row per child.",
    )(_child_repeated(_name))


@rule(
    "INT21",
    tables="Header;UASC",
    requires="Header;UASC",
    fields="SEX",
    kind="cross-table",
    message="SEX in this UASC row is not the child's SEX in the Header: the two must match.",
)
def uasc_sex_differs_from_header(ret: Return) -> dict[str, pl.LazyFrame]:
    """DfE rule INT21: a child's UASC SEX is the Header's SEX (codes compared as DfE compares
    them, upper-cased; a blank on either side is skipped)."""
    if not _both_uploaded(ret, "UASC"):
        return {"UASC": _nothing(ret, "UASC")}
    header = (
        ret.table("Header")
        .filter(pl.col("SEX").is_not_null())
        .select("CHILD", pl.col("SEX").str.strip_chars().alias("_header_sex"))
        .unique()
    )
    return {
        "UASC": ret.table("UASC")
        .filter(pl.col("SEX").is_not_null())
        .join(header, on="CHILD", how="inner")
        .filter(pl.col("SEX").str.strip_chars() != pl.col("_header_sex"))
        .drop("_header_sex")
    }
