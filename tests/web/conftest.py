"""Two councils with stored figures and uploads, made straight through the models.

The page tests check who may see what; they need rows to exist, not a real import, so they
build the smallest records the pages read.
"""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def council_b(make_council):
    return make_council(code="991", name="Eastshire", child_population=120_000)


def _figures(council, user):
    """One accepted version, one upload waiting, and an indicator run for `council`."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue
    from trajectory.returns.models import ReturnVersion, Upload

    version = ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="a" * 64,
        storage_key="none",
        accepted_by=user,
        files=[{"name": "episodes.csv"}],
        row_counts={"Episodes": 10},
        data_from=date(2022, 4, 1),
        data_to=date(2025, 3, 31),
    )
    upload = Upload.objects.create(
        council=council,
        kind="ssda903",
        uploaded_by=user,
        status=Upload.Status.PREVIEW,
        files=[{"name": "episodes.csv", "size": 10, "sha256": "b" * 64, "table": "Episodes"}],
        row_counts={"Episodes": 10},
        errors=[],
        warnings=[
            {
                "file": "episodes.csv",
                "row": 3,
                "column": "RNE",
                "value": "Z",
                "message": "RNE is not a known reason for new episode",
                "severity": "warning",
                "code": "code_list",
            }
        ],
    )
    run = IndicatorRun.objects.create(
        council=council,
        computed_by=user,
        period_from=date(2024, 3, 31),
        period_to=date(2025, 3, 31),
        child_population=council.child_population,
    )
    run.versions.add(version)
    for as_at, value in [(date(2024, 3, 31), 40.0), (date(2025, 3, 31), 42.0)]:
        IndicatorValue.objects.create(
            run=run,
            indicator_id="cla_count",
            as_at=as_at,
            value=value,
            numerator=value,
            denominator=None,
        )
    return {"version": version, "upload": upload, "run": run}


@pytest.fixture
def figures():
    return _figures
