"""Compliance by team counts each month under the team the worker was in that month, by the
worker-to-team file's dated versions, falling back to the current team. Worked by hand."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from trajectory.councils.models import Role, TeamFile
from trajectory.councils.team_files import team_file_import
from trajectory.supervision import figures, selectors, services
from trajectory.supervision.schedule import MONTHS, Step
from trajectory.supervision.team_history import TeamHistory

D = date
LONDON = ZoneInfo("Europe/London")


def test_team_on_a_day_pure():
    history = TeamHistory.from_versions(
        [
            (D(2024, 7, 10), 2, "SW0001", "Team B"),
            (D(2024, 1, 5), 1, "SW0001", "Team A"),
            (D(2024, 7, 10), 2, "SW0003", "Team C"),
        ]
    )
    assert history.team_on("SW0001", D(2024, 1, 4), "Team B") == "Team B"  # before any file
    assert history.team_on("SW0001", D(2024, 1, 5), "Team B") == "Team A"
    assert history.team_on("SW0001", D(2024, 6, 30), "Team B") == "Team A"
    assert history.team_on("SW0001", D(2024, 7, 10), "Team B") == "Team B"
    assert history.team_on("SW0003", D(2024, 3, 31), "Team C") == "Team C"  # not yet named
    assert history.team_on("SW0009", D(2024, 3, 31), "") == ""


def _team_file(council, content: bytes, uploaded: datetime) -> None:
    made = team_file_import(council=council, user=None, content=content, file_name="teams.csv")
    TeamFile.objects.filter(pk=made.team_file.pk).update(uploaded_at=uploaded)


def test_a_worker_moving_team_mid_year(council, people):
    """SW0001 is in Team A by the file uploaded 5 January 2024 and in Team B by the one
    uploaded 10 July 2024; SW0003 is first named (Team C) in July's file.

    Standard: monthly from 1 January 2024, so one supervision is due at each month's end.
    SW0001 is supervised on the 10th of every month from January 2024 to February 2025 but
    April 2024 and September 2024; SW0003 in January and February 2024 only. Today is 15 March
    2025, so dues run to February 2025: 14 months.

    SW0001: January-June 2024 count for Team A (6 due, April missed: 5 on time); July 2024 -
    February 2025 for Team B (8 due, September missed: 7 on time). July itself counts for Team
    B: the file naming it was uploaded by 31 July. SW0003: no file named them before July, so
    January-June fall back to their current team, Team C, as do July onwards: 14 due, 2 on time.
    """
    leader = people[Role.LEADER]
    _team_file(council, b"SW_ID,team\nSW0001,Team A\n", datetime(2024, 1, 5, 9, tzinfo=LONDON))
    _team_file(
        council,
        b"SW_ID,team\nSW0001,Team B\nSW0003,Team C\n",
        datetime(2024, 7, 10, 9, tzinfo=LONDON),
    )
    services.standard_change(
        council=council,
        user=leader,
        applies_from=D(2024, 1, 1),
        steps=[Step(every=(1, MONTHS))],
        measured_from="qualification",
        counted_types=["individual"],
        oversight_every=(3, MONTHS),
        reason="Monthly",
    )
    months = [D(2024, m, 10) for m in range(1, 13)] + [D(2025, 1, 10), D(2025, 2, 10)]
    held = {
        "SW0001": [d for d in months if d not in (D(2024, 4, 10), D(2024, 9, 10))],
        "SW0003": months[:2],
    }
    for worker, days in held.items():
        for day in days:
            services.supervision_record(
                council=council,
                user=leader,
                worker_id=worker,
                held_on=day,
                kind="individual",
                supervisor="M",
            )
    found = selectors.compliance(people[Role.BOARD_MEMBER], council)
    assert sorted(found.by_team) == ["Team A", "Team B", "Team C"]

    def totals(team):
        rows = found.by_team[team]
        return sum(r[1] for r in rows), sum(r[2] for r in rows)

    assert totals("Team A") == (5, 6)
    assert totals("Team B") == (7, 8)
    assert totals("Team C") == (2, 14)
    team_a = {r[0]: r[1:] for r in found.by_team["Team A"]}
    team_b = {r[0]: r[1:] for r in found.by_team["Team B"]}
    assert team_a[D(2024, 4, 30)] == [0, 1, 0.0]
    assert team_a[D(2024, 6, 30)] == [1, 1, 100.0]
    assert team_a[D(2024, 7, 31)] == [0, 0, None]  # moved: nothing due for Team A any more
    assert team_b[D(2024, 6, 30)] == [0, 0, None]  # not yet in Team B
    assert team_b[D(2024, 7, 31)] == [1, 1, 100.0]
    assert team_b[D(2024, 9, 30)] == [0, 1, 0.0]
    # The council's figure counts both workers every month, whatever their team.
    overall = {r[0]: r[1:] for r in found.overall}
    assert overall[D(2024, 4, 30)] == [0, 2, 0.0]  # SW0001 missed, SW0003 not supervised
    assert overall[D(2024, 1, 31)] == [2, 2, 100.0]
    # The run's figures per team follow the same rule.
    run = [r for r in figures.monthly_figures(council) if r.get("dimension") == "team"]
    july = {r["key"]: r["value"] for r in run if r["as_at"] == D(2024, 7, 31)}
    assert july == {"Team B": 100.0, "Team C": 0.0}
    # The worker's page still names the team they are in now.
    rows = selectors.worker_rows(people[Role.MANAGER], council)
    assert {r.facts.worker_id: r.facts.team for r in rows} == {
        "SW0001": "Team B",
        "SW0003": "Team C",
    }
