"""The synthetic SSDA903 generator: reproducible, internally consistent, realistic in volume."""

from __future__ import annotations

import csv
import re
from datetime import date

import polars as pl
import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trajectory.returns.ssda903.schema import TABLES_BY_NAME, recognise
from trajectory.synth.ssda903 import NOT_GENERATED, generate, looked_after_on, write_csv

from .invariants import problems

END = date(2025, 3, 31)


@pytest.fixture(scope="module")
def westshire():
    """A council at the demo's scale: 2,500 children over three years."""
    return generate(council_code="990", children=2500, years=3, seed=2026)


def _bytes(tables, folder):
    return {path.name: path.read_bytes() for path in write_csv(tables, folder)}


def test_same_seed_writes_the_same_bytes(tmp_path):
    first = _bytes(generate(council_code="990", children=400, years=2, seed=7), tmp_path / "a")
    second = _bytes(generate(council_code="990", children=400, years=2, seed=7), tmp_path / "b")
    assert first == second
    assert sorted(first) == [
        "episodes.csv",
        "header.csv",
        "missing.csv",
        "oc3.csv",
        "reviews.csv",
        "uasc.csv",
    ]


def test_different_seeds_give_different_extracts(tmp_path):
    first = _bytes(generate(council_code="990", children=400, years=2, seed=7), tmp_path / "a")
    other = _bytes(generate(council_code="990", children=400, years=2, seed=8), tmp_path / "b")
    assert first["episodes.csv"] != other["episodes.csv"]
    assert first["header.csv"] != other["header.csv"]


def test_every_child_keeps_the_rules(westshire):
    assert problems(westshire, children=2500, end=END) == []


def test_csv_is_dfe_format_and_reads_back_as_the_same_tables(westshire, tmp_path):
    for path in write_csv(westshire, tmp_path):
        lines = path.read_text().splitlines()
        table = recognise(lines[0].split(","))
        assert table is not None and table.name.lower() == path.stem
        frame = westshire[table.name]
        dates = [c.dfe for c in table.columns if c.is_date]
        read = pl.read_csv(path, infer_schema=False).with_columns(
            pl.col(dates).str.strptime(pl.Date, "%d/%m/%Y")
        )
        assert read.equals(frame)
    episodes = (tmp_path / "episodes.csv").read_text().splitlines()
    made = [c for c in TABLES_BY_NAME["Episodes"].dfe_columns if c not in NOT_GENERATED]
    assert episodes[0] == ",".join(made)
    # dd/mm/yyyy dates and empty fields for an open episode's DEC and REC
    rows = list(csv.DictReader(episodes))
    open_rows = [row for row in rows if row["DEC"] == ""]
    assert len(open_rows) == westshire["Episodes"]["DEC"].null_count() > 0
    assert all(row["REC"] == "" for row in open_rows)
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", row["DECOM"]) for row in rows)
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", row["DEC"]) for row in rows if row["DEC"])


def test_child_ids_are_unique_synthetic_and_prefixed(westshire):
    header = westshire["Header"]
    assert header["CHILD"].str.starts_with("990").all()
    assert header["CHILD"].n_unique() == 2500
    upns = header["UPN"]
    assert (upns.str.starts_with("SYN") | upns.is_in(["UN1", "UN2"])).all()


def test_about_a_thousand_looked_after_on_any_day(westshire):
    for day in (date(2022, 3, 31), date(2023, 3, 31), date(2024, 3, 31), END):
        assert 800 <= looked_after_on(westshire, day) <= 1300, day


def test_children_in_care_before_the_window_appear_with_earlier_episodes(westshire):
    episodes = westshire["Episodes"]
    started_before = episodes.filter(pl.col("DECOM") < date(2022, 4, 1))["CHILD"].n_unique()
    assert started_before > 400


def test_short_break_only_children_are_a_small_share(westshire):
    per_child = (
        westshire["Episodes"]
        .group_by("CHILD")
        .agg(only_short_breaks=pl.col("LS").is_in(["V3", "V4"]).all())
    )
    share = per_child["only_short_breaks"].sum() / 2500
    assert 0.03 <= share <= 0.12


def test_mixes_look_like_an_english_council(westshire):
    episodes = westshire["Episodes"]
    in_care = episodes.filter(pl.col("DEC").is_null() & ~pl.col("LS").is_in(["V3", "V4"]))

    def share(frame, column, codes):
        return frame.filter(pl.col(column).is_in(codes)).height / frame.height

    assert 0.40 <= share(in_care, "LS", ["C2"]) <= 0.65
    assert 0.12 <= share(in_care, "LS", ["V2"]) <= 0.35
    assert share(in_care, "LS", ["E1"]) > 0
    assert 0.55 <= share(in_care, "PLACE", [f"U{i}" for i in range(1, 7)]) <= 0.85
    assert 0.04 <= share(in_care, "PLACE", ["K2"]) <= 0.15
    moves = episodes.filter(pl.col("RNE").is_in(["P", "T", "B", "U"]))
    assert moves.height > 1000
    assert set(moves["RNE"].unique()) >= {"P", "T", "B"}
    ended = episodes.filter(
        pl.col("REC").is_not_null() & (pl.col("REC") != "X1") & ~pl.col("LS").is_in(["V3", "V4"])
    )
    assert share(ended, "REC", ["E4A", "E4B"]) > 0.3
    assert {"E11", "E45", "E17", "E5", "E8"} <= set(ended["REC"].unique())
    ethnicity = westshire["Header"]["ETHNIC"]
    assert 0.5 <= (ethnicity == "WBRI").mean() <= 0.8


def test_care_leavers_reviews_missing_and_uasc_are_present(westshire):
    care_leavers = westshire["OC3"]
    assert 300 <= care_leavers.height <= 800
    assert 0.8 <= (care_leavers["IN_TOUCH"] == "YES").mean() <= 0.97
    suitable = care_leavers.filter(pl.col("ACCOM") != "0")["ACCOM"].str.ends_with("1").mean()
    assert 0.8 <= suitable <= 0.97
    reviews = westshire["Reviews"]
    assert (reviews["REVIEW_CODE"] == "PN1").mean() > 0.35
    missing_children = westshire["Missing"]["CHILD"].n_unique()
    assert 0.03 * 2500 <= missing_children <= 0.2 * 2500
    missing_age = (
        westshire["Missing"]
        .select((pl.col("MIS_START") - pl.col("DOB")).dt.total_days() / 365.25)
        .to_series()
    )
    assert missing_age.min() >= 11
    assert 0.01 * 2500 <= westshire["UASC"].height <= 0.08 * 2500


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    children=st.integers(min_value=1, max_value=150),
    years=st.integers(min_value=1, max_value=5),
    end=st.sampled_from(
        [date(2019, 3, 31), date(2024, 3, 31), END, date(2026, 3, 31), date(2024, 9, 30)]
    ),
)
def test_rules_hold_for_any_seed_size_and_span(seed, children, years, end):
    tables = generate(council_code="123", children=children, years=years, seed=seed, end=end)
    assert problems(tables, children=children, end=end) == []
    if end >= date(2025, 4, 1):
        assert (
            not tables["Episodes"]
            .filter(
                (pl.col("DECOM") >= date(2025, 4, 1)) & pl.col("PLACE").is_in(["H5", "P2", "Z1"])
            )
            .height
        )


def test_refuses_an_empty_extract():
    with pytest.raises(ValueError):
        generate(council_code="990", children=0, years=3, seed=1)


def test_command_writes_the_csv_files_and_says_what_it_wrote(tmp_path, capsys):
    call_command(
        "synth",
        "903",
        "--council",
        "990",
        "--children",
        "300",
        "--years",
        "2",
        "--seed",
        "3",
        "--out",
        str(tmp_path / "out"),
        "--end",
        "2024-03-31",
    )
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        "episodes.csv",
        "header.csv",
        "missing.csv",
        "oc3.csv",
        "reviews.csv",
        "uasc.csv",
    ]
    output = capsys.readouterr().out
    assert "header.csv  300 rows" in output
    assert "Children looked after on 31/03/2024" in output
    tables = generate(council_code="990", children=300, years=2, seed=3, end=date(2024, 3, 31))
    assert (tmp_path / "out" / "episodes.csv").read_bytes() == _bytes(tables, tmp_path / "again")[
        "episodes.csv"
    ]
    assert f": {looked_after_on(tables, date(2024, 3, 31))}" in output
