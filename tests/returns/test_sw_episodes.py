"""SWEpisodes read and checked with the rest of an SSDA903 upload (issue 8.7)."""

from __future__ import annotations

from tests.returns.test_checks import EPISODES, HEADER
from trajectory.returns.ssda903.reader import read_return

SW = (
    "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
    "A,SW1001,01/04/2020,01/09/2020,FCONTA\n"  # 2: fine
    "A,SW1002,01/09/2020,,TSPROC\n"  # 3: open but not A's latest -> SW08
    "A,AB1003,01/02/2021,,LEFTRL\n"  # 4: SW_ID not SW/XX -> SW02
    "A,SW1004,01/02/2021,,MANAGE\n"  # 5: A and 01/02/2021 again -> SW19
    "C,SW1001,01/05/2022,01/05/2022,FCONTA\n"  # 6: ends the day it starts -> SW18
    "C,SW1005,01/06/2022,,NOPE\n"  # 7: SW_REASON not in the list -> SW13
)


def _read(write_files, sw: str):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES, swepisodes__csv=sw)
    return read_return(files, max_bytes=20_000)


def test_each_sw_rule_flags_the_rows_counted_by_hand(write_files):
    result = _read(write_files, SW)
    assert not result.log.has_errors, result.log.errors
    found = {
        (p.code, p.row)
        for p in result.log.kept
        if p.file == "swepisodes.csv" and p.code != "table_not_collected"
    }
    # The return's latest episode is in 2022-23, before SWEpisodes was collected (2023-24):
    # the table is read, checked and kept, with one warning saying so.
    (early,) = [p for p in result.log.kept if p.code == "table_not_collected"]
    assert (early.file, early.severity, result.year.label) == (
        "swepisodes.csv",
        "warning",
        "2022-23",
    )
    assert "collected from 2023-24" in early.message
    assert found == {
        ("SW08STG2", 3),
        ("SW02STG1", 4),
        ("SW19STG2", 5),
        ("SW18STG2", 6),
        ("SW13STG1", 7),
    }
    assert "SWEpisodes" in result.frames


def test_a_social_worker_episode_in_the_future_refuses_the_upload(write_files):
    result = _read(write_files, SW + "C,SW1006,01/06/2099,,MANAGE\n")
    assert result.log.has_errors
    error = next(p for p in result.log.errors if p.code == "SW06STG2")
    assert (error.file, error.row, error.column) == ("swepisodes.csv", 8, "SW_DECOM")
