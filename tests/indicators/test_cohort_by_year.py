"""Each annual cohort figure from its own collection year's return (issue 8.2).

Several years are held at once: the monthly series read the newest version of the latest year,
and each year's OC3 cohort comes from the newest version of that year, counted for the year
the version declares rather than the one its dates suggest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from tests.indicators.builders import episodes, header, oc3
from trajectory.indicators import selectors
from trajectory.indicators.compute import compute_all
from trajectory.indicators.services import indicators_compute
from trajectory.returns.models import ReturnVersion
from trajectory.returns.selectors import latest_version

D = date

# Year to March 2024: 3 of 4 in touch (75.0%). Year to March 2025: 4 of 5 (80.0%). The
# builders' leavers are born on 1 January 2005: 19 in the year to March 2024, 20 in the next.
YEAR_2024 = [
    ("L1", "YES", "F2", "B1"),
    ("L2", "YES", "F1", "B1"),
    ("L3", "YES", "G4", "B2"),
    ("L4", "NO", "G5", "B2"),
]
YEAR_2025 = [
    ("M1", "YES", "F2", "B1"),
    ("M2", "YES", "G4", "B1"),
    ("M3", "YES", "G4", "B1"),
    ("M4", "YES", "G6", "B2"),
    ("M5", "NO", "G5", "B2"),
]
IN_TOUCH = "care_leavers_in_touch_pct"


def tables(latest_episode: date, latest_ending: date | None, leavers) -> dict:
    """Child A in care from 1 April 2021 throughout; child B's episode sets the latest date."""
    return {
        "Episodes": episodes(
            ("A", D(2021, 4, 1), "S", "C2", "U1", None, None),
            ("B", latest_episode, "S", "C2", "U1", latest_ending, "E4A" if latest_ending else None),
        ),
        "Header": header(A=D(2012, 1, 1), B=D(2014, 2, 2)),
        "OC3": oc3(*leavers),
    }


def store(council, number: int, year: int, data_to: date, frames: dict) -> ReturnVersion:
    key = f"{council.code}/ssda903/{number:064d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in frames.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=number,
        content_sha256=f"{number:064d}",
        storage_key=key,
        data_from=D(2021, 4, 1),
        data_to=data_to,
        collection_year=year,
        collection_year_source="declared",
    )


@pytest.mark.django_db
def test_an_earlier_year_imported_later_adds_its_cohort_and_leaves_the_series(council, make_user):
    latest = store(council, 1, 2025, D(2025, 3, 31), tables(D(2024, 6, 1), None, YEAR_2025))
    earlier = store(council, 2, 2024, D(2024, 3, 31), tables(D(2023, 6, 1), None, YEAR_2024))
    assert latest_version(council) == latest  # number 2 is an earlier year's
    leader = make_user("leader", council)
    run = indicators_compute(council=council, user=leader)
    assert set(run.versions.all()) == {latest, earlier}
    points = selectors.series(leader, council, IN_TOUCH)
    assert [(p.as_at, p.value) for p in points] == [(D(2024, 3, 31), 75.0), (D(2025, 3, 31), 80.0)]
    # The monthly series are the 2024-25 version's: March 2022 (12 months after 1 April 2021)
    # to March 2025, 37 month-ends, not the 25 to March 2024 of the later-numbered version.
    counts = selectors.series(leader, council, "cla_count")
    assert (len(counts), counts[-1].as_at) == (37, D(2025, 3, 31))


@pytest.mark.django_db
def test_a_correction_of_an_earlier_year_replaces_that_year_only(council, make_user):
    store(council, 1, 2024, D(2024, 3, 31), tables(D(2023, 6, 1), None, YEAR_2024))
    store(council, 2, 2025, D(2025, 3, 31), tables(D(2024, 6, 1), None, YEAR_2025))
    # 2023-24 again, corrected: L4 is in touch after all, 4 of 4.
    corrected = [*YEAR_2024[:3], ("L4", "YES", "G5", "B2")]
    store(council, 3, 2024, D(2024, 3, 31), tables(D(2023, 6, 1), None, corrected))
    leader = make_user("leader", council)
    run = indicators_compute(council=council, user=leader)
    assert sorted(v.number for v in run.versions.all()) == [2, 3]
    points = selectors.series(leader, council, IN_TOUCH)
    assert [(p.as_at, p.value) for p in points] == [(D(2024, 3, 31), 100.0), (D(2025, 3, 31), 80.0)]


@pytest.mark.django_db
def test_the_declared_year_decides_the_cohort_not_the_latest_date(council, make_user):
    """A 2024-25 return whose one late ending (15 April 2025) would put it in 2025-26 by its
    dates: declared 2024-25, its cohort is the year to March 2025."""
    frames = tables(D(2024, 6, 1), D(2025, 4, 15), YEAR_2025)
    store(council, 1, 2025, D(2026, 3, 31), frames)
    leader = make_user("leader", council)
    indicators_compute(council=council, user=leader)
    points = selectors.series(leader, council, IN_TOUCH)
    assert [(p.as_at, p.value) for p in points] == [(D(2025, 3, 31), 80.0)]


def test_compute_takes_the_year_and_infers_it_without():
    frames = {
        name: frame.lazy()
        for name, frame in tables(D(2024, 6, 1), D(2025, 4, 15), YEAR_2025).items()
    }
    dates = [D(2025, 3, 31), D(2026, 3, 31)]

    def in_touch(**year):
        found = compute_all(frames, dates, None, [IN_TOUCH], **year).sort("as_at")
        return found["value"].to_list()

    assert in_touch(collection_year_end=D(2025, 3, 31)) == [80.0, None]
    assert in_touch() == [None, 80.0]  # inferred: the latest date, 15 April 2025, is in 2025-26
