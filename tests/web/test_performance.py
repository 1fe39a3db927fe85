"""The scorecard and the overview's headline figures carry each figure's variation (SPC), target
RAG and England's published figure (issue 8.9), worked by hand:

cla_missing_pct (lower is better) runs 10, 14, 10, 14, ... for twelve months then 30 in March
2025. Mean 174 / 13 = 13.38; the moving ranges are eleven 4s and one 16, mean 60 / 12 = 5; 16 is
under 3.267 × 5 = 16.34, so none is screened out; the upper limit is 13.38 + 2.66 × 5 = 26.68,
so 30 is outside it: special cause, a concern, high. The twelve months before alternate either
side of the mean, so they meet no rule and the signal begins in March 2025. With a target of 10
and a tolerance of 2, 30 is off target.

cla_rate_per_10k has no target and common-cause variation (a flat 50). England's latest
published rate, read here straight from DfE's file, is shown beside it."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.overview.conftest import add_run, add_version
from trajectory.targets.services import indicator_target_set

pytestmark = pytest.mark.django_db

CLA_FILE = (
    Path(settings.TRAJECTORY_REFERENCE_DIR)
    / "dfe_csc_outcomes_enablers"
    / "cla_number_and_rate_per_10k_children.csv"
)
needs_published_file = pytest.mark.skipif(
    not CLA_FILE.is_file(), reason=f"reference data not found in {CLA_FILE.parent}"
)
SERIES = {
    "cla_missing_pct": [10.0, 14.0] * 6 + [30.0],
    "cla_rate_per_10k": [50.0] * 13,
}


def _england_latest_rate() -> tuple[int, str]:
    with CLA_FILE.open(encoding="utf-8-sig", newline="") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if row["geographic_level"] == "National"
            and row["population_type"] == "Children looked after on 31 March each year"
        ]
    latest = max(rows, key=lambda row: int(row["time_period"]))
    return int(latest["time_period"]), latest["rate_per_10000"]


def _row(html: str, indicator_id: str) -> str:
    found = re.search(
        rf'<tr class="govuk-table__row" data-indicator="{indicator_id}">(.*?)</tr>', html, re.S
    )
    assert found, indicator_id
    return found[1]


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


@pytest.fixture
def figures(council, make_user):
    add_run(council, add_version(council), SERIES)
    leader = make_user("leader", council)
    indicator_target_set(
        actor=leader,
        council=council,
        indicator_id="cla_missing_pct",
        target=10,
        tolerance=2,
        reason="Back to the regional average within the year.",
    )
    return leader


def test_the_scorecard_row_gives_variation_target_and_england(client, council, figures):
    client.force_login(figures)
    html = client.get(reverse("council_home", args=[council.code])).content.decode()

    missing = _row(html, "cla_missing_pct")
    assert 'data-variation="concern_high"' in missing
    assert "Special cause variation: concern, higher figures" in _text(missing)
    assert "Off target" in _text(missing)
    assert "30.0% against a target of 10.0% or lower" in _text(missing)

    rate = _row(html, "cla_rate_per_10k")
    assert 'data-variation="common_cause"' in rate
    assert "Common cause variation: no significant change" in _text(rate)
    assert "No target" in _text(rate)
    assert _text(rate).count("Common cause variation") == 1  # the icon is decoration here


@needs_published_file
def test_the_scorecard_sets_the_rate_beside_englands_latest_published(client, council, figures):
    year, rate = _england_latest_rate()
    client.force_login(figures)
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    benchmark = re.search(
        r"<td[^>]*data-benchmark>(.*?)</td>", _row(html, "cla_rate_per_10k"), re.S
    )
    assert _text(benchmark[1]).startswith(f"England {rate} ({year})")


def test_a_local_measure_says_it_has_no_published_figure(client, council, figures):
    client.force_login(figures)
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert "Local measure: no published figure" in _text(_row(html, "cla_reviews_on_time_pct"))


def test_the_overview_lists_headline_figures_and_the_signal(client, council, figures):
    client.force_login(figures)
    html = client.get(reverse("council_overview", args=[council.code])).content.decode()
    rate = _row(html[html.index('id="overview-headline"') :], "cla_rate_per_10k")
    assert "Common cause variation" in _text(rate) and "No target" in _text(rate)
    signals = re.search(r'<ul class="govuk-list" id="overview-signals">(.*?)</ul>', html, re.S)
    assert [_text(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", signals[1], re.S)] == [
        "Children who went missing : special cause: concern since March 2025"
    ]


@needs_published_file
def test_a_published_council_gets_its_rank_and_quartile(client, make_council, make_user):
    """West Sussex (938) in DfE's latest year: its rank among councils, counted here from the
    file (rate per 10,000 is neutral: rank 1 the highest, ties share the best rank, councils
    with a marker left out) and the quartile ceil(4 × rank / councils ranked)."""
    west_sussex = make_council(code="938", name="West Sussex")
    add_run(west_sussex, add_version(west_sussex), {"cla_rate_per_10k": [50.0] * 13})
    year, _ = _england_latest_rate()
    with CLA_FILE.open(encoding="utf-8-sig", newline="") as handle:
        rates = {
            row["old_la_code"]: float(row["rate_per_10000"])
            for row in csv.DictReader(handle)
            if row["geographic_level"] == "Local authority"
            and row["time_period"] == str(year)
            and row["population_type"] == "Children looked after on 31 March each year"
            and row["rate_per_10000"].replace(".", "", 1).isdigit()
        }
    rank = 1 + sum(1 for rate in rates.values() if rate > rates["938"])
    quartile = -(-4 * rank // len(rates))

    client.force_login(make_user("board_member", west_sussex))
    html = client.get(reverse("council_home", args=["938"])).content.decode()
    benchmark = re.search(
        r"<td[^>]*data-benchmark>(.*?)</td>", _row(html, "cla_rate_per_10k"), re.S
    )
    assert f"Rank {rank} of {len(rates)} (quartile {quartile})" in _text(benchmark[1])


def test_the_kept_scorecard_changes_with_a_new_target_rebase_or_run(client, council, figures):
    """The scorecard's lines are kept per process (web/performance.scorecard_lines) but never
    outlive what they are made from: a new target, a rebase or a new run shows at once."""
    from trajectory.spc.services import spc_limits_rebase

    client.force_login(figures)
    url = reverse("council_home", args=[council.code])
    before = _text(_row(client.get(url).content.decode(), "cla_rate_per_10k"))
    assert "No target" in before

    indicator_target_set(
        actor=figures,
        council=council,
        indicator_id="cla_rate_per_10k",
        target=40,
        tolerance=5,
        reason="The regional rate.",
    )  # neutral polarity: 50 is 10 from 40, beyond twice the tolerance
    after = _text(_row(client.get(url).content.decode(), "cla_rate_per_10k"))
    assert "50 against a target of 40" in after

    spc_limits_rebase(
        actor=figures,
        council=council,
        indicator_id="cla_missing_pct",
        from_date=date(2025, 3, 31),
        reason="A new missing-from-care protocol.",
    )  # one point in its own segment: no special cause left
    rebased = client.get(url).content.decode()
    assert 'data-variation="concern_high"' not in _row(rebased, "cla_missing_pct")

    add_run(council, add_version(council, number=2), {"cla_rate_per_10k": [30.0] * 13})
    rerun = _text(_row(client.get(url).content.decode(), "cla_rate_per_10k"))
    assert rerun.startswith("Children looked after per 10,000 children 30")
