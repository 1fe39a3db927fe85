"""Hypothesis-generated returns (bounded) never crash the validator (issue 13's bar): every
rule of every year either runs or says why it did not, whatever the values — blanks, codes
outside every list, dates out of order, 29 February births, a child in one table and not
another, last year's tables or none."""

from __future__ import annotations

from datetime import date

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trajectory.dataquality.context import ROW, TEXT, Return, empty_table
from trajectory.dataquality.run import FAILED, validate
from trajectory.returns.cin import schema as cin_schema
from trajectory.returns.ssda903 import schema as ssda903_schema

DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2027, 12, 31)),
    st.sampled_from([date(2008, 2, 29), date(2012, 2, 29), date(2024, 2, 29), date(2025, 3, 31)]),
)
CHILDREN = st.sampled_from(["1", "2", "3", "A1", "9" * 10])


def _codes(column) -> list[str]:
    codes = column.codes
    if codes is None:
        return []
    if hasattr(codes, "by_year"):
        return sorted({code for _, year_codes in codes.by_year for code in year_codes})
    return sorted(codes)


def _value(name: str, dtype, codes: list[str]):
    if dtype == pl.Date:
        return DATES
    if dtype == pl.Boolean:
        return st.one_of(st.none(), st.booleans())
    if dtype == pl.Int64:
        return st.one_of(st.none(), st.integers(min_value=-1, max_value=40))
    if name in ("CHILD", "LAchildID"):
        return CHILDREN
    return st.one_of(
        st.none(),
        st.sampled_from(codes) if codes else st.text("ABC019 ", max_size=6),
        st.text("XYZ0123456789 ", max_size=8),
    )


def _table(returns: str, name: str):
    schema = empty_table(returns, name).collect_schema()
    if returns == "ssda903":
        columns = {column.dfe: column for column in ssda903_schema.TABLES_BY_NAME[name].columns}
        codes = {dfe: _codes(column) for dfe, column in columns.items()}
    else:
        table = cin_schema.TABLES_BY_NAME[name]
        codes = {item.name: _codes(item) for item in table.fields}
    fields = {
        column: _value(column, dtype, codes.get(column, []))
        for column, dtype in schema.items()
        if column != ROW and not column.startswith(TEXT)
    }
    rows = st.lists(st.fixed_dictionaries(fields), max_size=6)

    def frame(found: list[dict]) -> pl.DataFrame:
        filled = []
        for number, row in enumerate(found, start=2):
            record = dict(row)
            for column in schema.names():
                if column.startswith(TEXT):
                    written = row.get(column[len(TEXT) :])
                    if isinstance(written, date):
                        written = written.strftime("%d/%m/%Y")
                    elif written is None and schema.get(column[len(TEXT) :]) == pl.Date:
                        # Sometimes a date nobody could read: the reader left it blank.
                        written = "31/02/2024" if number % 2 else None
                    record[column] = written
            record[ROW] = number
            filled.append(record)
        return pl.DataFrame(filled, schema=schema)

    return rows.map(frame)


def _tables(returns: str, names: list[str]):
    return st.fixed_dictionaries({name: _table(returns, name) for name in names})


SSDA903_TABLES = [table.name for table in ssda903_schema.TABLES]
CIN_TABLES = [table.name for table in cin_schema.TABLES]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=st.integers(min_value=2023, max_value=2027),
    current=_tables("ssda903", SSDA903_TABLES),
    previous=st.one_of(st.none(), _tables("ssda903", ["Header", "Episodes", "UASC"])),
)
def test_no_ssda903_return_crashes_any_rule(year, current, previous):
    report = validate(Return.of("ssda903", year, current, previous=previous))
    failed = [(r.rule.code, r.reason) for r in report.results if r.status == FAILED]
    assert failed == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.integers(min_value=2023, max_value=2027), current=_tables("cin", CIN_TABLES))
def test_no_cin_census_crashes_any_rule(year, current):
    report = validate(Return.of("cin", year, current))
    failed = [(r.rule.code, r.reason) for r in report.results if r.status == FAILED]
    assert failed == []
