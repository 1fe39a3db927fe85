"""Care-leaver figures are one OC3 cohort a collection year (issue 7.2): one point a year,
compared with the year before's cohort (from the earlier version that holds it), never with
itself as "no change"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.indicators.builders import episodes, header, oc3
from trajectory.indicators import figures, registry, selectors
from trajectory.indicators.services import indicators_compute
from trajectory.returns.models import ReturnVersion

D = date
pytestmark = pytest.mark.django_db


def store(council, number: int, *, latest_episode: date, data_to: date, leavers) -> ReturnVersion:
    """A version whose latest episode date puts its OC3 cohort in the year to the next 31 March."""
    tables = {
        "Episodes": episodes(
            ("A", D(2021, 4, 1), "S", "C2", "U1", None, None),
            ("B", latest_episode, "S", "C2", "U1", None, None),
        ),
        "Header": header(A=D(2012, 1, 1), B=D(2014, 2, 2)),
        "OC3": oc3(*leavers),
    }
    key = f"{council.code}/ssda903/{number:064d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=number,
        content_sha256=f"{number:064d}",
        storage_key=key,
        data_from=D(2021, 4, 1),
        data_to=data_to,
    )


# Year to March 2024: 3 of 4 in touch (75.0%), 2 of 4 in education, employment or training.
YEAR_2024 = [
    ("L1", "YES", "F2", "B1"),
    ("L2", "YES", "F1", "B1"),
    ("L3", "YES", "G4", "B2"),
    ("L4", "NO", "G5", "B2"),
]
# Year to March 2025: 4 of 5 in touch (80.0%), 1 of 5 in education, employment or training.
YEAR_2025 = [
    ("M1", "YES", "F2", "B1"),
    ("M2", "YES", "G4", "B1"),
    ("M3", "YES", "G4", "B1"),
    ("M4", "YES", "G6", "B2"),
    ("M5", "NO", "G5", "B2"),
]


@pytest.fixture
def two_years(council, make_user):
    store(council, 1, latest_episode=D(2023, 6, 1), data_to=D(2024, 3, 31), leavers=YEAR_2024)
    store(council, 2, latest_episode=D(2024, 6, 1), data_to=D(2025, 3, 31), leavers=YEAR_2025)
    leader = make_user("leader", council)
    run = indicators_compute(council=council, user=leader)
    return leader, run


def test_an_annual_cohort_is_one_point_a_year(council, two_years):
    leader, run = two_years
    points = selectors.series(leader, council, "care_leavers_in_touch_pct")
    assert [(p.as_at, p.value) for p in points] == [(D(2024, 3, 31), 75.0), (D(2025, 3, 31), 80.0)]
    assert sorted(v.number for v in run.versions.all()) == [1, 2]
    # A monthly indicator keeps every month-end: March 2022 (a year after the data begin on
    # 1 April 2021) to March 2025, 37 of them.
    assert len(selectors.series(leader, council, "cla_count")) == 37


def test_the_cohort_is_compared_with_the_year_before(council, two_years):
    leader, _ = two_years
    rows = {row.indicator.id: row for row in selectors.scorecard(leader, council)}
    in_touch = rows["care_leavers_in_touch_pct"]
    assert (in_touch.as_at, in_touch.value, in_touch.value_year_ago) == (D(2025, 3, 31), 80, 75)
    assert in_touch.direction == figures.IMPROVING  # higher is better, 75.0% to 80.0%
    assert figures.change_shown(in_touch.indicator, in_touch.change) == "+5.0 percentage points"
    eet = rows["care_leavers_eet_pct"]
    assert (eet.value, eet.value_year_ago, eet.direction) == (20.0, 50.0, figures.WORSENING)

    trend = selectors.indicator_trend(leader, council, "care_leavers_in_touch_pct")
    (year_before,) = trend.comparisons  # no 3-month comparison of a cohort with itself
    assert (year_before.label, year_before.as_at, year_before.value) == (
        "the year before",
        D(2024, 3, 31),
        75.0,
    )


def test_one_year_alone_has_no_earlier_figure_not_no_change(council, make_user):
    store(council, 1, latest_episode=D(2024, 6, 1), data_to=D(2025, 3, 31), leavers=YEAR_2025)
    leader = make_user("leader", council)
    indicators_compute(council=council, user=leader)
    # The run holds the cohort at all 12 month-ends of its year; it is still one point.
    points = selectors.series(leader, council, "care_leavers_in_touch_pct")
    assert [(p.as_at, p.value) for p in points] == [(D(2025, 3, 31), 80.0)]
    trend = selectors.indicator_trend(leader, council, "care_leavers_in_touch_pct")
    assert trend.headline == figures.NO_DATA and trend.year_before.value is None
    row = next(r for r in selectors.scorecard(leader, council) if r.indicator.cadence == "annual")
    assert row.direction == figures.NO_DATA


def test_a_correction_of_the_same_year_is_not_taken_for_the_year_before(council, make_user):
    store(council, 1, latest_episode=D(2024, 6, 1), data_to=D(2025, 3, 31), leavers=YEAR_2024)
    store(council, 2, latest_episode=D(2024, 7, 1), data_to=D(2025, 3, 31), leavers=YEAR_2025)
    leader = make_user("leader", council)
    run = indicators_compute(council=council, user=leader)
    points = selectors.series(leader, council, "care_leavers_in_touch_pct")
    assert [(p.as_at, p.value) for p in points] == [(D(2025, 3, 31), 80.0)]
    assert [v.number for v in run.versions.all()] == [2]


def test_the_indicator_page_draws_annual_points_named_by_year(client, council, two_years):
    leader, _ = two_years
    client.force_login(leader)
    page = client.get(reverse("indicator_detail", args=[council.code, "care_leavers_in_touch_pct"]))
    spec = page.context["chart_spec"]
    rows = spec["datasets"][spec["data"]["name"]] if "datasets" in spec else spec["data"]["values"]
    assert [(r["year"], r["shown"]) for r in rows] == [
        ("Year to March 2024", "75.0%"),
        ("Year to March 2025", "80.0%"),
    ]
    assert spec["mark"]["type"] == "point"
    html = page.content.decode()
    assert "Year by year" in html and "Year to March 2024" in html
    scorecard = client.get(reverse("council_home", args=[council.code])).content.decode()
    row = scorecard.split('data-indicator="care_leavers_in_touch_pct">')[1].split("</tr>")[0]
    assert "Year to March 2025" in row and "Improving" in row


def test_every_care_leaver_indicator_is_annual_and_only_they_are():
    """Of the SSDA903 indicators; the workforce census's are annual too (one a census)."""
    ssda903 = [i for i in registry.INDICATORS if i.source_return == "ssda903"]
    annual = {i.id for i in ssda903 if i.cadence == "annual"}
    assert annual == {i.id for i in ssda903 if i.domain == registry.CARE_LEAVERS}
    workforce = [i for i in registry.INDICATORS if i.source_return == "workforce"]
    assert workforce and all(i.cadence == "annual" for i in workforce)
