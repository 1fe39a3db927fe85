"""The indicator page's benchmark section: scoped by the user, our figure beside DfE's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.template.loader import render_to_string

from trajectory.benchmarking.charts import benchmark_chart
from trajectory.benchmarking.selectors import indicator_benchmarks
from trajectory.indicators.models import IndicatorRun, IndicatorValue

from .published_fixtures import needs_shared_data

pytestmark = [pytest.mark.django_db, needs_shared_data]


@pytest.fixture
def west_sussex_held(make_council):
    """West Sussex with a run holding 52.4 per 10,000 at 31 March 2024 (made up)."""
    council = make_council(code="938", name="West Sussex", child_population=180_203)
    run = IndicatorRun.objects.create(
        council=council, period_from=dt.date(2023, 3, 31), period_to=dt.date(2024, 3, 31)
    )
    IndicatorValue.objects.create(
        run=run, indicator_id="cla_rate_per_10k", as_at=dt.date(2024, 3, 31), value=52.4
    )
    IndicatorValue.objects.create(
        run=run, indicator_id="cla_rate_per_10k", as_at=dt.date(2024, 2, 29), value=60.0
    )
    return council


def test_our_31_march_figure_sits_beside_the_published_one(west_sussex_held, make_user):
    user = make_user("board_member", west_sussex_held)
    section = indicator_benchmarks(user, west_sussex_held, "cla_rate_per_10k")
    year = next(year for year in section.benchmarks.years if year.year == 2024)
    assert (year.council.value, year.computed) == (50, 52.4)
    assert year.difference == pytest.approx(2.4)
    assert next(y for y in section.benchmarks.years if y.year == 2023).computed is None


def test_a_user_of_another_council_gets_nothing(west_sussex_held, make_council, make_user):
    elsewhere = make_council(code="990", name="Westshire")
    with pytest.raises(Http404):
        indicator_benchmarks(make_user("leader", elsewhere), west_sussex_held, "cla_rate_per_10k")


def test_a_local_measure_says_so(west_sussex_held, make_user):
    user = make_user("analyst", west_sussex_held)
    section = indicator_benchmarks(user, west_sussex_held, "cla_reviews_on_time_pct")
    assert section.benchmarks is None
    html = render_to_string("benchmarking/_indicator_benchmarks.html", {"benchmarks": section})
    assert "A local measure" in html


def test_the_include_shows_the_table_and_the_neighbours(west_sussex_held, make_user):
    user = make_user("analyst", west_sussex_held)
    section = indicator_benchmarks(user, west_sussex_held, "cla_rate_per_10k")
    html = render_to_string("benchmarking/_indicator_benchmarks.html", {"benchmarks": section})
    assert 'id="benchmark-table"' in html
    assert "Gloucestershire" in html and "Devon" in html
    row_2024 = html.split('<th scope="row" class="govuk-table__header">2024</th>')[1]
    cells = row_2024.split("</tr>")[0]
    for shown in (">50<", ">52<", ">+2.4<", ">69<", ">56<"):
        assert shown in cells, shown
    assert 'id="benchmark-chart-spec"' in html


def test_the_include_names_missing_reference_data(west_sussex_held, make_user, settings, tmp_path):
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path
    section = indicator_benchmarks(
        make_user("analyst", west_sussex_held), west_sussex_held, "cla_rate_per_10k"
    )
    assert section.benchmarks is None
    html = render_to_string("benchmarking/_indicator_benchmarks.html", {"benchmarks": section})
    assert "cla_number_and_rate_per_10k_children.csv" in html
    assert "trajectory reference fetch" in html
    assert 'id="benchmark-table"' not in html


def test_the_chart_draws_every_place_by_year_and_not_by_colour_alone(west_sussex_held):
    section = indicator_benchmarks(None, west_sussex_held, "cla_rate_per_10k")
    spec = benchmark_chart(section.benchmarks)
    lines, points = spec["layer"]
    assert "strokeDash" in lines["encoding"] and "strokeWidth" in lines["encoding"]
    assert "shape" in points["encoding"]
    # one legend with every cue: no channel's legend is switched off
    for cue in ("strokeDash", "strokeWidth"):
        assert "legend" not in lines["encoding"][cue], cue
    assert points["encoding"]["shape"]["scale"]["domain"] == [
        "West Sussex",
        "England",
        "South East",
        "Statistical neighbour",
    ]
    x = spec["encoding"]["x"] if "encoding" in spec else lines["encoding"]["x"]
    assert x["title"] == "Year ending 31 March"
    assert x["scale"]["domain"] == ["Mar 2021", "Mar 2022", "Mar 2023", "Mar 2024", "Mar 2025"]
    rows = spec["data"]["values"] if "data" in spec else spec["datasets"]
    places = {(row["place"], row["year"]) for row in rows}
    assert ("West Sussex", "Mar 2024") in places
    assert ("England", "Mar 2024") in places
    assert ("South East", "Mar 2024") in places
    neighbours = {row["place"] for row in rows if row["group"] == "Statistical neighbour"}
    assert len(neighbours) == 10


def test_a_synthetic_council_is_set_beside_england_without_a_published_figure(
    make_council, make_user
):
    council = make_council(code="990", name="Westshire")
    section = indicator_benchmarks(make_user("analyst", council), council, "cla_rate_per_10k")
    year = next(year for year in section.benchmarks.years if year.year == 2024)
    assert year.council is None and year.ranking.rank is None
    assert year.england.value == 69
    html = render_to_string("benchmarking/_indicator_benchmarks.html", {"benchmarks": section})
    assert "Not published" in html


@needs_shared_data
def test_a_count_is_charted_beside_the_neighbours_only():
    """England's children looked after (about 83,000) would flatten West Sussex's (about 900)
    to the axis: a count's chart sets the council beside its neighbours; a rate keeps all."""
    from trajectory.benchmarking.charts import NEIGHBOUR, benchmark_rows
    from trajectory.benchmarking.selectors import benchmarks_for

    count = benchmarks_for(None, None, "cla_count", code="938")
    assert {row["group"] for row in benchmark_rows(count)} == {"West Sussex", NEIGHBOUR}
    rate = benchmarks_for(None, None, "cla_rate_per_10k", code="938")
    assert {"West Sussex", "England", "South East", NEIGHBOUR} == {
        row["group"] for row in benchmark_rows(rate)
    }
