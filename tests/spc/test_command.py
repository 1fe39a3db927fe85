"""`trajectory spc --csv FILE`: JSON and text, and refusals naming file, row and field."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

# NHSRplotthedots' screening example (tests/spc/test_xmr.py works it): mean 1.944, limits
# 4.604 and -0.716; only the 10, in May 2023, is outside.
VALUES = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
MONTH_ENDS = [
    f"{2023 + i // 12}-{i % 12 + 1:02d}-{[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][i % 12]}"
    for i in range(18)
]
ROWS = [f"{day},{value}" for day, value in zip(MONTH_ENDS, VALUES, strict=True)]


def _file(tmp_path, lines: list[str]):
    path = tmp_path / "series.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args) -> str:
    out = StringIO()
    call_command("spc", *args, stdout=out)
    return out.getvalue()


def test_json_output(tmp_path):
    path = _file(tmp_path, ["date,value", *ROWS])
    printed = json.loads(_run("--csv", str(path), "--json", "--polarity", "higher_is_better"))
    assert set(printed) == {"mean", "upl", "lpl", "points"}
    assert round(printed["mean"], 2) == 1.94
    assert round(printed["upl"], 2) == 4.60
    assert round(printed["lpl"], 2) == -0.72
    assert len(printed["points"]) == 18
    assert printed["points"][4] == {
        "date": "2023-05-31",
        "value": 10.0,
        "special_cause": True,
        "variation": "improvement",
        "rule": "outside_limits",
    }
    others = [point for i, point in enumerate(printed["points"]) if i != 4]
    assert {(p["special_cause"], p["variation"]) for p in others} == {(False, "common_cause")}
    assert printed["points"][0]["date"] == "2023-01-31"


def test_unscreened_and_rows_out_of_order(tmp_path):
    path = _file(tmp_path, ["date,value", *reversed(ROWS)])
    printed = json.loads(_run("--csv", str(path), "--json", "--no-screen"))
    assert (round(printed["upl"], 2), round(printed["lpl"], 2)) == (6.95, -3.06)
    assert printed["points"][0]["date"] == "2023-01-31"  # put in date order
    assert printed["points"][4]["variation"] == "neutral"


def test_text_output(tmp_path):
    path = _file(tmp_path, ["date,value", *ROWS])
    text = _run("--csv", str(path), "--polarity", "lower_is_better")
    assert "mean 1.944, upper 4.604, lower -0.7156" in text
    assert "2 moving range(s) screened out" in text
    line = next(line for line in text.splitlines() if line.startswith("2023-05-31"))
    assert " ".join(line.split()) == (
        "2023-05-31 10 Special cause: concern (a point outside the process limits)"
    )
    assert text.count("Common cause") == 17


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["day,value", "2024-01-31,1"], "row 1: the header must be exactly 'date,value'"),
        (["date,value", "2024-01-31,1", "2024-02-29,x"], "row 3, field 'value': 'x' is not"),
        (["date,value", "31/01/2024,1"], "row 2, field 'date': '31/01/2024' is not a date"),
        (["date,value", "2024-01-31,1,2"], "row 2: expected 2 fields"),
        (["date,value", "2024-01-31,1", "2024-01-31,2"], "row 3, field 'date': 2024-01-31"),
        (["date,value", "2024-01-31,nan"], "row 2, field 'value': 'nan' is not a finite"),
        (["date,value"], "there are no rows"),
    ],
)
def test_a_bad_file_names_file_row_and_field(tmp_path, lines, message):
    path = _file(tmp_path, lines)
    with pytest.raises(CommandError) as refused:
        _run("--csv", str(path), "--json")
    assert str(refused.value).startswith(str(path))
    assert message in str(refused.value)


def test_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        _run("--csv", str(tmp_path / "absent.csv"))
