"""A tiny reference folder written by hand, pinned by its own manifest, for worked answers.

Kept apart from conftest.py (the LAIT explorer's fixtures); test modules import
`tiny_reference` from here.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from django.conf import settings

SHARED = Path(settings.TRAJECTORY_REFERENCE_DIR)
CLA_FILE = "dfe_csc_outcomes_enablers/cla_number_and_rate_per_10k_children.csv"
STABILITY_FILE = "dfe_csc_outcomes_enablers/la_cla_placement_stability.csv"
SN_2025 = "dfe_csc_outcomes_enablers/sn_model_2025_wide.csv"
SN_2021 = "dfe_csc_outcomes_enablers/New_Statistical_Neighbour_Groupings_April_2021.csv"

needs_shared_data = pytest.mark.skipif(
    not (SHARED / CLA_FILE).is_file(), reason=f"reference data not found in {SHARED}"
)

_PLACE = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "la_name",
    "new_la_code",
]
STABILITY_COLUMNS = [
    *_PLACE,
    "cla_group",
    "placement_stability",
    "children_count",
    "children_percent",
]
THREE_PLUS = ("CLA on 31 March", "With 3 or more placements during the year")

# 3 or more placements in the year (lower is better), 2024: ten councils, two not published.
TINY_COUNCILS = [
    ("101", "Alpha", "10"),
    ("102", "Bravo", "12"),
    ("103", "Charlie", "12"),
    ("104", "Delta", "8"),
    ("105", "Echo", "15"),
    ("106", "Foxtrot", "c"),
    ("107", "Golf", "x"),
    ("108", "Hotel", "9"),
    ("109", "India", "12"),
    ("110", "Juliet", "20"),
]


def _place(level, region="", code="", name=""):
    return ["2024", "Reporting year", level, "E92000001", "England", "", region, code, name, ""]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_manifest(folder: Path, names: list[str], into: Path) -> Path:
    """A manifest pinning the files written in `folder`, in the project's format."""
    with into.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["local_file", "needed_for", "source", "url", "bytes", "sha256", "licence"])
        for name in names:
            content = (folder / name).read_bytes()
            writer.writerow(
                [
                    name,
                    "benchmarks",
                    "made by hand for a test",
                    f"https://raw.githubusercontent.com/test/test/{'0' * 40}/{name}",
                    len(content),
                    hashlib.sha256(content).hexdigest(),
                    "test",
                ]
            )
    return into


@pytest.fixture
def tiny_reference(tmp_path, settings, monkeypatch):
    """The tiny folder as the reference folder, with a manifest pinning its files."""
    from trajectory.reference import manifest

    folder = tmp_path / "reference"
    rows = [
        [*_place("National"), *THREE_PLUS, "9000", "11"],
        [*_place("Regional", "South East"), *THREE_PLUS, "900", "10"],
        [*_place("Regional", "London"), *THREE_PLUS, "800", "13"],
    ]
    for code, name, percent in TINY_COUNCILS:
        rows.append(
            [*_place("Local authority", "South East", code, name), *THREE_PLUS, "100", percent]
        )
        # a row the filters leave out: it must not be counted or ranked
        rows.append(
            [
                *_place("Local authority", "South East", code, name),
                THREE_PLUS[0],
                "Total children",
                "100",
                "100",
            ]
        )
    _write_csv(folder / STABILITY_FILE, STABILITY_COLUMNS, rows)
    sn_header = ["old_la_code", "la_name", "region_ind", "region_name"]
    for rank in range(1, 11):
        sn_header += [f"SN_{rank}", f"SN_{rank}P"]
    _write_csv(
        folder / SN_2025,
        sn_header,
        [
            [
                "101",
                "Alpha",
                "6",
                "South East",
                "102",
                "Close",
                "106",
                "Close",
                "110",
                "Close",
                *[""] * 14,
            ],
        ],
    )
    _write_csv(
        folder / SN_2021,
        ["LA num", "LA Name", *[f"SN{rank}" for rank in range(1, 11)]],
        [["101", "Alpha", *["-"] * 10]],
    )
    monkeypatch.setattr(
        manifest,
        "MANIFEST",
        write_manifest(folder, [STABILITY_FILE, SN_2025, SN_2021], tmp_path / "manifest.csv"),
    )
    settings.TRAJECTORY_REFERENCE_DIR = folder
    return folder
