"""A bounded fuzz run of the Annex A reader: random header spellings, cell values and damaged
bytes, and never a traceback nor the reader's last-resort net (`reader_failed`)."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.returns.annex_a.conftest import raw_workbook, workbook
from trajectory.returns.annex_a.rejected import flagged_workbook
from trajectory.returns.annex_a.schema import LISTS
from trajectory.synth import annex_a as synth

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(["a) Yes", "N1 - Abuse or neglect", "01/02/2025", "2025-13-45", "١٢٣", "=1+1"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)
SHEET_NAME = st.one_of(
    st.sampled_from(["List 1", "L3 Referrals", "Contacts", "CIN", "Adopters", "Sheet1", "Notes"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABC0123456789-_()&", min_size=1, max_size=25),
)


def _spelling(draw, name: str) -> str:
    how = draw(st.sampled_from(["same", "upper", "lower", "underscores", "spaces", "hint", "junk"]))
    if how == "upper":
        return name.upper()
    if how == "lower":
        return name.lower()
    if how == "underscores":
        return name.replace(" ", "_")
    if how == "spaces":
        return f"  {name.replace(' ', '   ')} "
    if how == "hint":
        return f"{name} (DD/MM/YYYY)"
    if how == "junk":
        return draw(TEXT)
    return name


@st.composite
def sheets(draw):
    found = {}
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        annex_list = draw(st.sampled_from(LISTS))
        columns = draw(st.lists(st.sampled_from(annex_list.columns), min_size=1, max_size=8))
        headers = [_spelling(draw, c) for c in columns]
        rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=len(headers) + 1), max_size=6))
        found[draw(SHEET_NAME).strip() or "Sheet"] = [headers, *rows]
    return found


def _assert_sound(result) -> None:
    assert not any(p.code == "reader_failed" for p in result.log.kept), result.log.kept
    assert {p.file for p in result.log.kept} <= {"annex_a.xlsx", "(upload)"}
    for name, frame in result.frames.items():
        assert "_row" in frame.columns and name.startswith("List")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sheets())
def test_random_headers_and_values_never_crash_the_reader(read, drawn):
    data = workbook(drawn)
    result = read(data)
    _assert_sound(result)
    back = flagged_workbook("annex_a.xlsx", data, result.log.kept, result.recognition)
    assert back is None or read(back).frames.keys() <= result.frames.keys()


def test_damaged_bytes_never_crash_the_reader(read):
    lists = synth.generate(council_code="999", referrals=20, seed=3)
    valid = synth.workbook_bytes(lists, seed=3, variants=True)
    for seed in range(30):
        rng = random.Random(seed)
        data = bytearray(valid)
        if seed % 3 == 0:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randint(1, 12)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            result = read(bytes(data))
        except Exception as error:  # name the seed that reproduces it
            raise AssertionError(f"seed {seed} crashed the reader") from error
        _assert_sound(result)


_HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Child ID</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Date of Contact</t></is></c></row>'
)
XML_MUTATIONS = (
    (b"<si>", b"<si><r>"),
    (b"</si>", b""),
    (b"<v>", b"<v>1e999"),
    (b"<v>", b"<v>nan"),
    (b"<v>", b"<v>-"),
    (b't="s"><v>', b't="s"><v>99999999'),
    (b'r="A', b'r="ZZZZZZZ'),
    (b'r="B', b'r="-'),
    (b"<row ", b'<row r="x" '),
    (b"</c>", b""),
    (b"<sheetData>", b"<sheetData><row><c><v>1</v></c></row>" * 3),
)


def test_damaged_sheet_xml_inside_a_sound_zip_never_crashes_the_reader(read):
    lists = synth.generate(council_code="999", referrals=15, seed=5)
    ours = zipfile.ZipFile(io.BytesIO(synth.workbook_bytes(lists, seed=5)))
    rows = [["Child ID", "Date of Contact", "Contact Source"]] + [
        [f"C{i}", f"0{i % 9 + 1}/03/2025", "a) 1A: Individual"] for i in range(20)
    ]
    theirs = zipfile.ZipFile(io.BytesIO(workbook({"List 1": rows})))  # openpyxl's parts
    cells = [
        f'<row r="{n}"><c r="A{n}" t="s"><v>{n % 3}</v></c><c r="B{n}"><v>45719</v></c></row>'
        for n in range(2, 30)
    ]
    shared = zipfile.ZipFile(  # Excel's way: text in a shared-strings table
        io.BytesIO(
            raw_workbook(
                [_HEADER_ROW, "".join(cells).encode()], shared=["C1", "C2", "Child ID &amp; co"]
            )
        )
    )
    for seed in range(30):
        rng = random.Random(seed)
        valid = (theirs, ours, shared)[seed % 3]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for member in valid.infolist():
                content = valid.read(member.filename)
                if member.filename.startswith("xl/worksheets/") or (
                    member.filename == "xl/sharedStrings.xml" and seed % 2
                ):
                    old, new = rng.choice(XML_MUTATIONS)
                    content = content.replace(old, new, rng.randint(1, 5))
                    if seed % 4 == 0:
                        content = content[: rng.randrange(len(content))]
                target.writestr(member.filename, content)
        try:
            result = read(out.getvalue())
        except Exception as error:
            raise AssertionError(f"seed {seed} crashed the reader") from error
        _assert_sound(result)
