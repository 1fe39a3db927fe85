"""Signals for one team, from the run's figures by team (issue 8.7)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from trajectory.indicators.compute import month_ends
from trajectory.indicators.models import IndicatorBreakdown
from trajectory.spc import selectors

MONTHS = month_ends(date(2024, 4, 1), date(2025, 3, 31))  # 12 month-ends


def _team(run, key: str, values: list[float]) -> None:
    IndicatorBreakdown.objects.bulk_create(
        IndicatorBreakdown(
            run=run,
            indicator_id="cla_count",
            dimension="team",
            key=key,
            as_at=as_at,
            numerator=value,
            value=value,
        )
        for as_at, value in zip(MONTHS, values, strict=True)
    )


def test_a_teams_signals_read_its_own_series(charted):
    council, analyst = charted["council"], charted["analyst"]
    # North: 10, 12, 10, ... for 11 months, then 30. Mean 150/12 = 12.5; moving ranges ten
    # of 2 and one of 20, mean 40/11 = 3.64 (20 > 3.267 x 3.64 is screened out: 2), so the
    # upper limit is 12.5 + 2.66 x 2 = 17.82 < 30, and the eleven months before all lie
    # below the mean (a run of 7 or more on one side): special cause since April 2024.
    # South: 10, 12, ... for 12 months, common cause throughout.
    _team(charted["run"], "North", [10, 12] * 5 + [10, 30])
    _team(charted["run"], "South", [10, 12] * 6)
    north = selectors.council_signals(analyst, council, team="North")
    assert [(s.indicator.id, s.rule, s.since) for s in north] == [
        ("cla_count", "outside_limits", date(2024, 4, 30))
    ]
    assert selectors.council_signals(analyst, council, team="South") == []
    charts = selectors.council_charts(analyst, council, team="North")
    assert list(charts) == ["cla_count"]  # only the indicators the team has figures for
    assert [p.value for p in charts["cla_count"].points][-2:] == [10, 30]


def test_the_signals_page_has_a_team_selector(client, charted):
    council = charted["council"]
    _team(charted["run"], "North", [10, 12] * 5 + [10, 30])
    client.force_login(charted["board"])
    url = reverse("council_signals", args=[council.code])
    page = client.get(url).content.decode()
    assert '<option value="North">North</option>' in page
    team_page = client.get(url + "?team=North").content.decode()
    assert "Signals for North" in team_page
    assert 'data-indicator="cla_count"' in team_page
    assert client.get(url + "?team=Nowhere").status_code == 404
