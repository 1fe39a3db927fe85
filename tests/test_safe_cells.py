"""The one helper every CSV and XLSX export writes its cells through (issue 6.10)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from trajectory.safe_cells import SafeCsvWriter, SafeDictWriter, append_safe, safe_cell, safe_row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),  # text that looks like a number is still text from a person or a file
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),  # only the first character counts
        (" =1", " =1"),  # a leading space is not on OWASP's list
        ("'=1", "'=1"),  # already quoted: unchanged, so the helper can run twice
        ("", ""),
        ("Recruit social workers", "Recruit social workers"),
    ],
)
def test_text_beginning_a_formula_gets_a_quote(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize("value", [-1, -2.5, 0, 7, Decimal("-3.10"), date(2025, 6, 30), None, True])
def test_numbers_dates_and_blanks_are_values_not_formulas(value):
    assert safe_cell(value) is value


def test_safe_row_and_the_csv_writers():
    assert safe_row(["=1", -1, "-1", None]) == ["'=1", -1, "'-1", None]
    out = io.StringIO()
    SafeCsvWriter(out, lineterminator="\n").writerows([["name", "n"], ["=cmd|'/c calc'!A0", -4]])
    assert out.getvalue() == "name,n\n'=cmd|'/c calc'!A0,-4\n"
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["title", "count"], lineterminator="\n")
    writer.writeheader()
    writer.writerow({"title": "@SUM(A1:A9)", "count": -2})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["title", "count"],
        ["'@SUM(A1:A9)", "-2"],
    ]


def test_append_safe_keeps_formulas_out_of_a_workbook_and_numbers_numeric():
    book = Workbook()
    append_safe(book.active, ['=HYPERLINK("http://x","y")', -3, "-3", date(2025, 6, 30)])
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    title, negative, negative_text, due = sheet[1]
    assert title.value == '\'=HYPERLINK("http://x","y")' and title.data_type == "s"
    assert negative.value == -3 and negative.data_type == "n"
    assert negative_text.value == "'-3" and negative_text.data_type == "s"
    assert due.value.date() == date(2025, 6, 30) and due.data_type == "d"


def test_without_the_helper_openpyxl_would_store_a_formula():
    """Why the helper exists: openpyxl takes any text starting with = as a formula."""
    book = Workbook()
    book.active.append(['=HYPERLINK("http://x","y")'])
    assert book.active["A1"].data_type == "f"
