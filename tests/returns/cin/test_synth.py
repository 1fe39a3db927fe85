"""The synthetic CIN census: same seed same bytes, and it reads back to the same tables."""

from __future__ import annotations

from datetime import date

from trajectory.returns.cin.reader import read_return
from trajectory.synth.cin import cin_xml, generate_cin, write_cin_xml
from trajectory.synth.ssda903 import generate


def test_the_same_seed_gives_the_same_bytes():
    first = cin_xml(generate_cin(children=300, seed=11))
    assert first == cin_xml(generate_cin(children=300, seed=11))
    assert first != cin_xml(generate_cin(children=300, seed=12))


def test_a_written_census_reads_back_to_the_same_tables(tmp_path):
    tables = generate_cin(children=500, seed=5)
    path = write_cin_xml(tables, tmp_path / "cin.xml")
    result = read_return([("cin.xml", path)], max_bytes=100_000_000, today=date(2025, 6, 1))
    assert result.log.kept == []
    assert result.year.label == "2024-25"
    for name, frame in tables.items():
        assert result.tables[name].equals(frame), name


def test_children_looked_after_appear_with_their_ssda903_identifiers():
    looked_after = generate(council_code="990", children=40, years=1, seed=3)["Header"]
    tables = generate_cin(children=200, seed=2, looked_after=looked_after)
    children = tables["ChildIdentifiers"]
    assert children.height == 200
    assert children["LAchildID"].n_unique() == 200
    both = children.join(looked_after, left_on="LAchildID", right_on="CHILD")
    assert both.height == 40
    assert (both["PersonBirthDate"] == both["DOB"]).all()


def test_an_earlier_year_writes_gender_current():
    tables = generate_cin(children=50, seed=1, end=date(2024, 3, 31))
    children = tables["ChildIdentifiers"]
    assert children["Sex"].null_count() == 50
    assert set(children["GenderCurrent"]) <= {"0", "1", "2", "9"}
    assert tables["Header"]["Year"].to_list() == ["2024"]
