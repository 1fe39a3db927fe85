"""The peer-made fake CIN tables (CSV, one file per table) import into the same tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from trajectory.returns import collection_year as years
from trajectory.returns.cin.reader import read_return

FAKE = (
    Path(__file__).resolve().parents[3].parent
    / "shared/data/synthetic"
    / ("LA-Analyst-Tinkering_FAKE-CIN-DATA")
)


@pytest.mark.skipif(
    not FAKE.is_dir(), reason=f"{FAKE} is not here (a fresh clone has no ../shared)"
)
def test_the_fake_cin_tables_import():
    files = [(p.name, p) for p in sorted(FAKE.glob("*.csv"))]
    result = read_return(files, max_bytes=50_000_000, today=date(2025, 6, 1))
    assert not result.log.has_errors, [p.line() for p in result.log.errors]
    assert result.sources["CPPreviews"] == "FakeReviews.csv"
    assert result.year == years.CollectionYear(2022)  # the header's Year
    # Its ReferenceDate is the day it was made, which rule 100 warns about.
    assert [p.code for p in result.log.warnings] == ["100"]
    counts = result.row_counts
    assert counts["ChildIdentifiers"] == 332
    assert counts["CINdetails"] == 402
    details = result.tables["CINdetails"]
    assert details["CINdetailsID"].max() >= 2
    assert details["CINreferralDate"].null_count() == 0


def test_tables_are_recognised_by_their_columns(tmp_path):
    path = tmp_path / "anything.csv"
    path.write_text(
        ",LAchildID,CINdetailsID,CPPID,CPPreviewDate\n0,C1,1,1,2024-08-15\n1,C1,1,1,15/02/2025\n"
    )
    result = read_return([("anything.csv", path)], max_bytes=10_000, today=date(2025, 6, 1))
    assert result.tables["CPPreviews"].rows() == [
        ("C1", 1, 1, date(2024, 8, 15)),
        ("C1", 1, 1, date(2025, 2, 15)),
    ]
