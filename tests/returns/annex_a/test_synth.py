"""The synthetic Annex A workbook: same seed same bytes, all eleven lists, and the header
variants read back to the same tables as the template's spellings."""

from __future__ import annotations

import re
import time
import warnings

import openpyxl
from polars.testing import assert_frame_equal

from trajectory.returns.annex_a.schema import LISTS
from trajectory.synth import annex_a as synth


def _lists(seed: int = 11):
    return synth.generate(council_code="999", referrals=150, seed=seed)


def test_same_seed_same_bytes_even_a_second_later():
    first = synth.workbook_bytes(_lists(), seed=11)
    time.sleep(1.1)  # openpyxl stamps the zip entries and properties with the clock
    assert synth.workbook_bytes(_lists(), seed=11) == first
    assert synth.workbook_bytes(_lists(), seed=11, variants=True) == synth.workbook_bytes(
        _lists(), seed=11, variants=True
    )


def test_another_seed_another_workbook():
    assert synth.workbook_bytes(_lists(12), seed=12) != synth.workbook_bytes(_lists(), seed=11)


def test_every_list_is_written_and_children_follow_the_ssda903_scheme():
    lists = _lists()

    assert [name for name, rows in lists.items() if rows] == [f"List{n}" for n in range(1, 12)]
    ids = {
        row["Child Unique ID"] for name, rows in lists.items() if name != "List11" for row in rows
    }
    assert all(re.fullmatch(r"999\d{6}", child) for child in ids)
    referred = {row["Child Unique ID"] for row in lists["List3"]}
    # the journey: every plan's child was referred, every referral's child was contacted first
    assert {row["Child Unique ID"] for row in lists["List7"]} <= referred
    assert referred <= {row["Child Unique ID"] for row in lists["List1"]}


def test_the_template_and_its_variants_read_to_the_same_tables(read):
    lists = _lists()
    template = read(synth.workbook_bytes(lists, seed=11))
    variants = read(synth.workbook_bytes(lists, seed=11, variants=True))

    assert not template.log.has_errors and not variants.log.has_errors
    assert [p.code for p in template.log.kept] == []
    assert [p.code for p in variants.log.kept] == ["unknown_sheet"]  # the notes sheet
    assert {s.recognised_by for s in variants.recognition if s.list_name} == {
        "sheet name and headers"
    }
    assert any(c.matched_by.startswith("pattern") for s in variants.recognition for c in s.columns)
    for annex_list in LISTS:
        assert template.tables[annex_list.name].height == len(lists[annex_list.name])
        assert_frame_equal(template.tables[annex_list.name], variants.tables[annex_list.name])
    assert template.year.label == "2024-25"


def test_write_workbook(tmp_path):
    path = tmp_path / "annex_a.xlsx"
    counts = synth.write_workbook(path, council_code="999", referrals=40, seed=1)

    assert path.stat().st_size > 0 and counts["List3"] == 40


def test_the_workbook_opens_in_openpyxl_without_complaint(tmp_path):
    """openpyxl is strict about the parts Excel needs; a workbook it opens quietly, Excel opens."""
    for variants in (False, True):
        path = tmp_path / f"annex_a_{variants}.xlsx"
        synth.write_workbook(path, council_code="999", referrals=20, seed=2, variants=variants)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            book = openpyxl.load_workbook(path)
        if variants:
            assert book.sheetnames[4] == "S47 & ICPC"
        else:
            assert book["List 1"]["F2"].is_date and book["List 1"]["A1"].value == "Child Unique ID"
