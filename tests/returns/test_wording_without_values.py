"""What roles without child-level data read when an upload is refused (issue 6.5): the reason,
quoting nothing from the file, and naming no one return (issue 10: four share the path)."""

from __future__ import annotations

from trajectory.returns.problems import described_without_values


def test_an_unknown_table_is_named_without_its_columns_or_a_return():
    problem = {
        "code": "unknown_table",
        "file": "staff.csv",
        "message": "staff.csv is not an SSDA903 table: its columns (NAME, TEAM, START) ...",
    }
    assert described_without_values(problem) == (
        "staff.csv is not a table of this return: its columns match none of them"
    )


def test_other_problems_keep_their_message():
    assert described_without_values({"code": "bad_date", "message": "DECOM is not a date"}) == (
        "DECOM is not a date"
    )
