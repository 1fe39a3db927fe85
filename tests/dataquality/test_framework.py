"""The rule runner itself (issue 13.2): every rule reports run, not run with its reason, or
failed; rules apply by collection year; a year's set is built by code."""

from __future__ import annotations

from datetime import date

import polars as pl

from tests.dataquality.conftest import flagged, ret
from trajectory.dataquality import registry
from trajectory.dataquality.catalogue import Catalogue, years_of
from trajectory.dataquality.run import FAILED, NOT_RUN, RAN, validate


def test_years_read_as_collection_years():
    assert years_of("2022-23..2026-27") == (2023, 2027)
    assert years_of("2023-24") == (2024, 2024)


def test_a_rule_changed_between_years_is_the_years_own_version():
    # 101: 1 and 2 until 2023-24, M, F and U from 2024-25.
    header = {
        "Header": [
            {"CHILD": "A", "SEX": "1", "DOB": date(2010, 1, 1)},
            {"CHILD": "B", "SEX": "M", "DOB": date(2010, 1, 1)},
        ]
    }
    assert flagged("101", ret(year=2024, **header)) == {"Header": [3]}
    assert flagged("101", ret(year=2025, **header)) == {"Header": [2]}


def test_a_rule_needing_last_year_says_so_when_it_is_not_supplied():
    found = ret(Header=[{"CHILD": "A", "SEX": "M", "DOB": date(2010, 1, 1)}])
    result = validate(found).by_rule()["202"]
    assert result.status == NOT_RUN
    assert result.reason == "not run: previous year not supplied"


def test_last_year_is_compared_when_supplied():
    found = ret(
        Header=[{"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "F"}],
        previous={"Header": [{"CHILD": "A", "SEX": "F"}, {"CHILD": "B", "SEX": "F"}]},
    )
    assert flagged("202", found) == {"Header": [2]}


def test_sex_written_1_last_year_and_m_this_year_is_the_same():
    # 2023-24's 1 and 2 became M and F in 2024-25: no change of sex for child A; B's did change.
    found = ret(
        year=2025,
        Header=[{"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "M"}],
        previous={"Header": [{"CHILD": "A", "SEX": "1"}, {"CHILD": "B", "SEX": "2"}]},
    )
    assert flagged("202", found) == {"Header": [3]}


def test_a_rule_whose_tables_are_absent_is_not_run_and_says_why():
    found = ret(Episodes=[])
    result = validate(found).by_rule()["102"]
    assert (result.status, result.reason) == (NOT_RUN, "not run: no Header table in the return")


def test_a_rule_that_raises_is_reported_failed_not_lost():
    catalogue = Catalogue("ssda903")

    @catalogue.rule("X1", tables="Header", fields="DOB", kind="other", message="Boom.")
    def boom(found):
        raise RuntimeError("a bug")

    @catalogue.rule("X2", tables="Header", fields="DOB", kind="other", message="Lazy boom.")
    def lazy_boom(found):
        # Fails only when collected: "A" is not a whole number.
        return found.table("Header").filter(pl.col("CHILD").str.to_integer(strict=True) > 0)

    found = ret(Header=[{"CHILD": "A", "DOB": date(2010, 1, 1)}])
    results = validate(found, catalogue.rules).results
    assert [(r.rule.code, r.status) for r in results] == [("X1", FAILED), ("X2", FAILED)]
    assert "a bug" in results[0].reason


def test_every_rule_of_every_year_runs_on_an_empty_return_without_failing():
    for returns, tables in (("ssda903", ("Header", "Episodes")), ("cin", ("ChildIdentifiers",))):
        for year in range(2023, 2028):
            found = ret(
                returns,
                year,
                previous={name: [] for name in tables},
                **{name: [] for name in tables},
            )
            for result in validate(found).results:
                assert result.status in (RAN, NOT_RUN), (
                    returns,
                    year,
                    result.rule.code,
                    result.reason,
                )
                assert result.count == 0


def test_no_code_is_declared_twice_for_one_year():
    for returns in ("ssda903", "cin"):
        for year in range(2023, 2028):
            codes = [rule.code for rule in registry.rules_for(returns, year)]
            assert len(codes) == len(set(codes)), (returns, year)
