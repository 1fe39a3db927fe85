"""The row-check catalogue against small tables whose findings can be counted by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from trajectory.returns.ssda903 import checks
from trajectory.returns.ssda903.reader import read_return
from trajectory.returns.ssda903.values import read_dates

HEADER = (
    "CHILD,SEX,DOB,ETHNIC\n"
    "A,1,01/01/2010,WBRI\n"  # row 2
    "B,2,01/06/2015,WBRI\n"  # row 3
    "B,2,01/06/2015,WBRI\n"  # row 4: B twice -> INT32 on rows 3 and 4
    "C,1,01/01/2012,WBRI\n"  # row 5
)
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
    "A,01/04/2020,S,C2,N1,U1,PR1,01/09/2020,X1\n"  # 2: fine, next starts 01/09/2020
    "A,01/09/2020,P,C2,N1,U4,PR1,01/03/2021,X1\n"  # 3: X1 but next starts 01/02/2021 -> 388
    "A,01/02/2021,P,C2,N1,U4,PR1,,\n"  # 4: starts before previous ended -> 501
    "B,01/01/2015,S,V2,N2,K2,PR2,01/12/2014,E4A\n"  # 5: before birth (302), DEC<DECOM (356)
    "C,01/05/2022,S,C2,N1,U1,PR1,01/06/2022,X1\n"  # 6: last episode ends X1 -> 388
    "Z,01/05/2022,S,C2,N1,U1,PR1,,\n"  # 7: no Header row -> INT03
)


def findings(write_files) -> set[tuple[str, str, int]]:
    result = read_return(write_files(header__csv=HEADER, episodes__csv=EPISODES), max_bytes=10_000)
    assert not result.log.has_errors, result.log.errors
    return {(p.code, p.file, p.row) for p in result.log.kept}


def test_each_check_flags_the_rows_counted_by_hand(write_files):
    assert findings(write_files) == {
        ("356", "episodes.csv", 5),
        ("501", "episodes.csv", 4),
        ("388", "episodes.csv", 3),
        ("388", "episodes.csv", 6),
        ("302", "episodes.csv", 5),
        ("INT32", "header.csv", 3),
        ("INT32", "header.csv", 4),
        ("INT03", "episodes.csv", 7),
    }


def test_checks_are_warnings_and_name_the_column_and_value(write_files):
    result = read_return(write_files(header__csv=HEADER, episodes__csv=EPISODES), max_bytes=10_000)
    overlap = next(p for p in result.log.kept if p.code == "501")
    assert overlap.severity == "warning"
    assert (overlap.column, overlap.value) == ("DECOM", "01/02/2021")
    assert overlap.line() == (
        "episodes.csv:4: DECOM: The episode starts before the child's previous episode "
        'ended: the two overlap (found "01/02/2021")'
    )


def test_every_check_cites_a_dfe_rule_on_a_known_table(settings):
    from trajectory.returns.ssda903.schema import TABLES_BY_NAME

    specification = settings.TRAJECTORY_REFERENCE_DIR.parent / "domain/rules/ssda903_rules.csv"
    if not specification.exists():
        pytest.skip(f"DfE rule specification not found at {specification}")
    rules = pl.read_csv(specification, infer_schema=False)
    for check in checks.CHECKS:
        assert check.table in TABLES_BY_NAME
        assert all(f in TABLES_BY_NAME[check.table].dfe_columns for f in check.fields)
        assert (check.where is None) != (check.rows is None)
        cited = rules.filter(pl.col("code") == check.code)
        assert cited.height, check.code
        assert check.table in cited["tables"][0].split(";"), check.code


def test_cross_table_checks_are_skipped_without_the_other_table(write_files):
    result = read_return(write_files(episodes__csv=EPISODES), max_bytes=10_000)
    assert result.log.errors[0].code == "missing_table"  # and no crash in INT03 / 302


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2024", date(2024, 3, 31)),
        ("1/4/2024", date(2024, 4, 1)),
        ("2024-03-31", date(2024, 3, 31)),
        ("31/03/2024 00:00", date(2024, 3, 31)),
        (" 31/03/2024 ", date(2024, 3, 31)),
        ("29/02/2023", None),
        ("31/03/24", None),
        ("03/31/2024", None),
        ("2024/03/31", None),
        ("01/01/0201", None),
        ("yesterday", None),
    ],
)
def test_dates_read(text, expected):
    parsed = pl.DataFrame({"d": [text]}).select(read_dates(pl.col("d")))["d"][0]
    assert parsed == expected
