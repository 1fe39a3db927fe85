"""Westshire's data quality (issue 13.3): every version the demo imports is checked as it is
accepted (returns.services.upload_accept), so the data-quality page has its findings already.
This stores a run for a latest SSDA903 or CIN version that has none: a demo database loaded
before findings were kept."""

from __future__ import annotations

from trajectory.dataquality.services import CHECKED_KINDS, dataquality_run_store
from trajectory.returns.selectors import latest_version


def dataquality_demo(council, users) -> list:
    runs = []
    for kind in CHECKED_KINDS:
        version = latest_version(council, kind)
        if version is not None and not version.dataquality_runs.exists():
            runs.append(dataquality_run_store(version=version))
    return runs
