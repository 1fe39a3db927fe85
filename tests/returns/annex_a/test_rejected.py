"""An upload's flagged rows given back as a workbook: the rows as uploaded, errors first, with
their problems, and read again to the same rows and the same problems."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from tests.returns.annex_a.conftest import workbook
from trajectory.returns.annex_a.rejected import PROBLEMS_COLUMN, flagged_workbook

HEADERS = ["Child ID", "Date of Contact", "Contact Source"]


def _upload():
    return workbook(
        {
            "Notes": [["Prepared for inspection"]],
            "List 1": [
                ["Contacts to 31 March 2025"],
                HEADERS,
                ["1", datetime(2025, 3, 1), "6"],
                ["2", "31/02/2025", "6"],  # an error
                ["3", datetime(2025, 3, 3), "Martian"],  # a warning
                ["", 45719, "a) 1A: Individual"],  # an error, a serial date
            ],
        }
    )


def test_flagged_rows_come_back_as_uploaded_errors_first(read, tmp_path):
    data = _upload()
    result = read(data)

    back = flagged_workbook("annex_a.xlsx", data, result.log.kept, result.recognition)
    path = tmp_path / "back.xlsx"
    path.write_bytes(back)
    sheet = openpyxl.load_workbook(path)["List 1"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]

    assert openpyxl.load_workbook(path).sheetnames == ["List 1"]
    assert rows[0] == [*HEADERS, PROBLEMS_COLUMN]
    assert [r[:3] for r in rows[1:]] == [
        ["2", "31/02/2025", "6"],
        [None, datetime(2025, 3, 3), "a) 1A: Individual"],  # the serial, shown as a date
        ["3", datetime(2025, 3, 3), "Martian"],
    ]
    assert rows[1][3].startswith("Date of Contact (error): Date of Contact: not a date")
    assert rows[3][3].startswith("Contact Source (warning):")


def test_the_workbook_given_back_reads_to_the_same_rows_and_problems(read):
    data = _upload()
    first = read(data)
    again = read(flagged_workbook("annex_a.xlsx", data, first.log.kept, first.recognition))

    def row_problems(result):
        return sorted((p.column, p.code, p.value) for p in result.log.kept if p.row is not None)

    assert row_problems(again) == row_problems(first)

    def sheet_problems(result):
        return [p.code for p in result.log.kept if p.row is None and p.code != "unknown_sheet"]

    # the same, and the extra column reported as not read
    assert sheet_problems(again) == ["unknown_column", *sheet_problems(first)]
    flagged = first.frames["List1"].filter(first.frames["List1"]["_row"] > 3)
    assert sorted(again.tables["List1"].rows(), key=str) == sorted(
        flagged.drop("_row").rows(), key=str
    )


def test_nothing_flagged_nothing_given_back(read):
    data = workbook({"List 1": [HEADERS, ["1", "01/03/2025", "6"]]})
    result = read(data)

    assert flagged_workbook("annex_a.xlsx", data, result.log.kept, result.recognition) is None
    assert flagged_workbook("annex_a.xlsx", b"not a workbook", [], []) is None


def test_the_reports_dicts_do_as_well(read):
    data = _upload()
    result = read(data)
    problems = [p.as_dict() for p in result.log.kept]

    assert flagged_workbook("annex_a.xlsx", data, problems, result.recognition_report()) == (
        flagged_workbook("annex_a.xlsx", data, result.log.kept, result.recognition)
    )
