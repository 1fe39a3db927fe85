"""A bounded fuzz run of the CSV and XML readers: 1,500 generated files and not one traceback.

Issue 6's bar. Valid SSDA903 files are mutated by seeded generators (tests/returns/fuzz.py), so
the run is the same on every machine and a failure names the seed that reproduces it:
`fuzz.csv_file(random.Random(seed))`. Each file is read alone, and every tenth with valid
partner tables so that the row checks run on it too. The reader must give back a result whose
problems name an uploaded file, and must never need its last-resort net (`reader_failed`):
that net is for faults nobody foresaw, and the fuzz is how we foresee them. The whole run takes
about 10 seconds on one core.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.returns import fuzz
from tests.returns.conftest import EPISODES, HEADER
from trajectory.returns.ssda903.reader import ReadResult, read_return

CSV_FILES = 1_000
XML_FILES = 500
WITH_PARTNERS_EVERY = 10


def _read_generated(
    folder: Path, generate: Callable[[random.Random], tuple[str, bytes]], seed: int
) -> tuple[ReadResult, list[str]]:
    name, data = generate(random.Random(seed))
    path = folder / name
    path.write_bytes(data)
    files = [(name, path)]
    if seed % WITH_PARTNERS_EVERY == 0:
        for partner, text in (("header.csv", HEADER), ("episodes.csv", EPISODES)):
            if partner != name:
                (folder / f"ok-{partner}").write_text(text)
                files.append((partner, folder / f"ok-{partner}"))
    try:
        result = read_return(files, max_bytes=10_000_000)
    except Exception as error:  # report the seed, then fail with the traceback
        raise AssertionError(
            f"{generate.__name__} seed {seed} ({name}) crashed the reader"
        ) from error
    return result, [n for n, _ in files]


def _assert_sound(result: ReadResult, names: list[str], seed: int) -> None:
    assert isinstance(result, ReadResult)
    log = result.log
    assert [p for p in log.kept if p.code == "reader_failed"] == [], f"seed {seed}"
    assert all(p.file in (*names, "(upload)") for p in log.kept), f"seed {seed}"
    assert all(p.message for p in log.kept), f"seed {seed}"
    assert log.kept or result.frames, f"seed {seed}: neither tables nor problems"
    if not log.has_errors:
        assert result.row_counts == {n: f.height for n, f in result.tables.items()}


@pytest.mark.parametrize(
    ("generate", "count"), [(fuzz.csv_file, CSV_FILES), (fuzz.xml_file, XML_FILES)]
)
def test_fuzzed_files_never_crash_the_reader(tmp_path, generate, count):
    outcomes = {"refused": 0, "read": 0}
    for seed in range(count):
        result, names = _read_generated(tmp_path, generate, seed)
        _assert_sound(result, names, seed)
        outcomes["refused" if result.log.has_errors else "read"] += 1
    # The mutations are hostile but not all fatal: both outcomes must be exercised.
    assert outcomes["refused"] > count // 4 and outcomes["read"] > 0, outcomes


def test_the_fuzz_run_is_what_it_claims():
    """At least 1,000 files, the same ones every time."""
    assert CSV_FILES + XML_FILES >= 1_000
    assert fuzz.csv_file(random.Random(7)) == fuzz.csv_file(random.Random(7))
    assert fuzz.xml_file(random.Random(7)) == fuzz.xml_file(random.Random(7))
