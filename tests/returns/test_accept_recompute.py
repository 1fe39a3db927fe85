"""Accept then recompute is one service call and one transaction (issue 7.23): the figures and
the version they come from are committed together or not at all.

The failure is a real one in the real compute: the database refuses the indicator values (a
temporary trigger, as a full disk or a lost connection would), after the version's row and
Parquet folder were written. Worked by hand: the inline return (tests/returns/conftest.py)
has episodes from 1 April 2022 to 5 January 2023, so it covers the collection years ending
31 March 2023; version 1 is the first and only version.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection

from tests.returns.conftest import EPISODES, HEADER, REVIEWS, stored_parquet
from trajectory.indicators.models import IndicatorRun, IndicatorValue
from trajectory.returns import storage
from trajectory.returns.models import ReturnVersion, Upload
from trajectory.returns.services import upload_accept, upload_preview

pytestmark = pytest.mark.django_db

TRIGGER = "refuse_indicator_values"


@pytest.fixture
def previewed(council, analyst, write_files):
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=EPISODES, reviews__csv=REVIEWS),
    )
    assert upload.status == Upload.Status.PREVIEW
    return upload


def _refuse_indicator_values() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TRIGGER {TRIGGER} BEFORE INSERT ON {IndicatorValue._meta.db_table} "
            "BEGIN SELECT RAISE(ABORT, 'the database refused the figures'); END"
        )


def _allow_indicator_values() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {TRIGGER}")


def test_accept_with_recompute_commits_the_version_and_its_figures(council, analyst, previewed):
    version = upload_accept(upload=previewed, user=analyst, recompute=True)
    assert version.number == 1
    run = IndicatorRun.objects.get(council=council)
    assert list(run.versions.all()) == [version]
    assert run.values.exists()
    previewed.refresh_from_db()
    assert previewed.status == Upload.Status.ACCEPTED


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the trigger is SQLite's")
def test_a_failed_recompute_leaves_no_accepted_version(council, analyst, previewed):
    _refuse_indicator_values()
    with pytest.raises(IntegrityError, match="refused the figures"):
        upload_accept(upload=previewed, user=analyst, recompute=True)

    assert not ReturnVersion.objects.filter(council=council).exists()
    assert not IndicatorRun.objects.filter(council=council).exists()
    previewed.refresh_from_db()
    assert previewed.status == Upload.Status.PREVIEW and previewed.version is None
    staged = storage.staging_of(previewed.staging_path) / "tables"
    assert any(staged.glob("*.parquet"))  # still staged, so it can be accepted again
    outside_staging = [
        path
        for path in stored_parquet()
        if path.relative_to(storage.root()).parts[0] != storage.STAGING
    ]
    assert outside_staging == []  # the version's folder went with the transaction

    _allow_indicator_values()
    version = upload_accept(upload=previewed, user=analyst, recompute=True)
    assert version.number == 1
    assert IndicatorRun.objects.get(council=council).versions.get() == version


def test_accept_alone_still_computes_nothing(council, analyst, previewed):
    upload_accept(upload=previewed, user=analyst)
    assert ReturnVersion.objects.filter(council=council).count() == 1
    assert not IndicatorRun.objects.filter(council=council).exists()
