"""A bounded hypothesis run: random bytes and mutated CIN files never raise and never need the
reader's last-resort net (`reader_failed`)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.returns.cin.conftest import SMALL
from trajectory.returns.cin.reader import read_return

SOURCE = SMALL.encode()
CSV = b",LAchildID,CINdetailsID,CINreferralDate,ReferralNFA\n0,C1,1,2024-05-01,0\n"


def _read(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = read_return([(name, path)], max_bytes=10_000_000, today=date(2025, 6, 1))
    assert all(p.code != "reader_failed" for p in result.log.kept)
    assert all(p.file for p in result.log.kept)


@st.composite
def mutated(draw, source: bytes) -> bytes:
    data = bytearray(source)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "delete", "flip"]))
        if kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"<",
                        b">",
                        b"&",
                        b"&x;",
                        b"</Child>",
                        b"<Child>",
                        b"\x00",
                        b"\xff\xfe",
                        "١٢".encode(),
                        b"<!DOCTYPE x [<!ENTITY x 'y'>]>",
                        b"]]>",
                        b"<![CDATA[",
                        b"<LAchildID>C1</LAchildID>",
                        b"<CINdetails>",
                        b"2024-02-30",
                    ]
                )
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2_000))
def test_random_bytes(data):
    _read("random.xml", data)
    _read("random.csv", data)


@FUZZ
@given(mutated(SOURCE))
def test_mutated_census(data):
    _read("census.xml", data)


@FUZZ
@given(mutated(CSV))
def test_mutated_csv_table(data):
    _read("table.csv", data)
