"""The standard's periods and the compliance figure, worked by hand (no database)."""

from datetime import date

from trajectory.supervision import figures
from trajectory.supervision.schedule import (
    GROUP,
    INDIVIDUAL,
    MONTHS,
    WEEKS,
    Standard,
    Step,
    add_months,
    check_steps,
    dues,
    periods,
)

D = date
AUGUST_END = date(2025, 8, 31)


def test_months_are_calendar_months_clamped_to_the_last_day():
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 3, 31), -3) == D(2024, 12, 31)
    assert add_months(D(2025, 11, 15), 2) == D(2026, 1, 15)


def _newly_qualified(standards=None, until=AUGUST_END):
    """Qualified and started on Wednesday 1 January 2025, the default standard from then."""
    standards = standards or [Standard(applies_from=D(2025, 1, 1))]
    return periods(
        standards=standards,
        start=D(2025, 1, 1),
        until=until,
        qualified_on=D(2025, 1, 1),
        started_on=D(2025, 1, 1),
    )


def test_weekly_for_six_weeks_then_fortnightly_to_six_months_then_monthly():
    found = [(p.start, p.due) for p in _newly_qualified()]
    weekly = [
        (D(2025, 1, 1), D(2025, 1, 7)),
        (D(2025, 1, 8), D(2025, 1, 14)),
        (D(2025, 1, 15), D(2025, 1, 21)),
        (D(2025, 1, 22), D(2025, 1, 28)),
        (D(2025, 1, 29), D(2025, 2, 4)),
        (D(2025, 2, 5), D(2025, 2, 11)),
    ]
    assert found[:6] == weekly
    # Six weeks end on 11 February; the first fortnight starts on 12 February.
    assert found[6] == (D(2025, 2, 12), D(2025, 2, 25))
    assert found[7] == (D(2025, 2, 26), D(2025, 3, 11))
    # Six months from 1 January is 1 July. The fortnight starting 18 June runs its full
    # length, to 1 July; the first month starts on 2 July.
    assert (D(2025, 6, 18), D(2025, 7, 1)) in found
    assert found[found.index((D(2025, 6, 18), D(2025, 7, 1))) + 1] == (
        D(2025, 7, 2),
        D(2025, 8, 1),
    )
    assert found[-1] == (D(2025, 7, 2), D(2025, 8, 1))  # 2 Aug - 1 Sep not due by 31 August
    assert len(found) == 6 + 10 + 1  # six weeks, ten fortnights (12 Feb to 18 Jun), a month


def test_a_worker_without_a_qualification_date_is_monthly_throughout():
    found = periods(
        standards=[Standard(applies_from=D(2025, 1, 1))],
        start=D(2025, 1, 1),
        until=D(2025, 3, 31),
        started_on=D(2020, 5, 4),
    )
    assert [(p.start, p.due) for p in found] == [
        (D(2025, 1, 1), D(2025, 1, 31)),
        (D(2025, 2, 1), D(2025, 2, 28)),
        (D(2025, 3, 1), D(2025, 3, 31)),
    ]


def test_a_change_of_standard_applies_to_periods_starting_from_its_date():
    monthly = Standard(applies_from=D(2025, 3, 1), steps=(Step(every=(1, MONTHS)),))
    found = _newly_qualified([Standard(applies_from=D(2025, 1, 1)), monthly], D(2025, 5, 31))
    # The fortnight from 26 February started under the old standard and keeps it.
    assert found[7].start == D(2025, 2, 26) and found[7].due == D(2025, 3, 11)
    assert found[7].standard.applies_from == D(2025, 1, 1)
    assert (found[8].start, found[8].due) == (D(2025, 3, 12), D(2025, 4, 11))
    assert found[8].standard is monthly


def test_leaving_ends_the_periods():
    found = periods(
        standards=[Standard(applies_from=D(2025, 1, 1))],
        start=D(2025, 1, 1),
        until=D(2025, 12, 31),
        left_on=D(2025, 3, 15),
    )
    assert [p.due for p in found] == [D(2025, 1, 31), D(2025, 2, 28)]


def test_compliance_by_month_across_the_six_week_boundary():
    held = [
        (D(2025, 1, 7), INDIVIDUAL),  # 1-7 January: on time
        (D(2025, 1, 10), INDIVIDUAL),  # 8-14 January: on time
        (D(2025, 1, 22), INDIVIDUAL),  # late for 15-21, on time for 22-28
        (D(2025, 2, 3), GROUP),  # group supervision does not count: 29 Jan - 4 Feb missed
        (D(2025, 2, 11), INDIVIDUAL),  # 5-11 February: on time
    ]
    due = dues("SW0001", "Team A", _newly_qualified(until=D(2025, 7, 31)), held)
    rows = figures.compliance_rows(due, figures.months_between(D(2025, 1, 1), D(2025, 7, 1)))
    # January: due 7, 14, 21, 28 - three on time. February: due 4, 11, 25 - one.
    assert rows[0] == [D(2025, 1, 31), 3, 4, 75.0]
    assert rows[1] == [D(2025, 2, 28), 1, 3, 33.3]
    # March to June: two fortnights due each month, none held. July: the fortnight due 1 July.
    assert [r[2] for r in rows[2:]] == [2, 2, 2, 2, 1]
    assert rows[6] == [D(2025, 7, 31), 0, 1, 0.0]


def test_a_month_with_nothing_due_has_no_figure():
    assert figures.compliance_rows([], [D(2025, 1, 1)]) == [[D(2025, 1, 31), 0, 0, None]]


def test_compliance_by_team():
    one = dues("SW0001", "A", _newly_qualified(until=D(2025, 1, 31)), [(D(2025, 1, 2), INDIVIDUAL)])
    other = dues("SW0002", "B", _newly_qualified(until=D(2025, 1, 31)), [])
    teams = figures.compliance_by_team(one + other, [D(2025, 1, 1)])
    assert teams == {"A": [[D(2025, 1, 31), 1, 4, 25.0]], "B": [[D(2025, 1, 31), 0, 4, 0.0]]}


def test_steps_are_checked():
    assert check_steps(list(Standard(applies_from=D(2025, 1, 1)).steps)) == []
    assert check_steps([Step(every=(1, WEEKS), until=(6, WEEKS))]) == [
        "The last step must have no end ('after that')."
    ]
    backwards = [
        Step(every=(1, WEEKS), until=(6, MONTHS)),
        Step(every=(2, WEEKS), until=(6, WEEKS)),
        Step(every=(1, MONTHS)),
    ]
    assert "Each step must end later than the one before." in check_steps(backwards)


def test_oversight_in_the_required_period():
    # Three months to 31 March 2025: 1 January to 31 March.
    assert figures.window_start(D(2025, 3, 31), (3, MONTHS)) == D(2025, 1, 1)
    spells = [
        ("A", D(2024, 12, 1), None),  # counted, oversight in the period
        ("B", D(2025, 1, 1), None),  # counted (opened on the period's first day), none
        ("C", D(2025, 1, 2), None),  # opened within the period: not counted
        ("D", D(2024, 6, 1), D(2025, 3, 31)),  # closed on the day: not open
        ("E", D(2024, 6, 1), D(2025, 4, 1)),  # counted; its oversight was before the period
    ]
    oversight = {"A": [D(2025, 2, 15)], "C": [D(2025, 3, 1)], "E": [D(2024, 12, 31)]}
    assert figures.oversight_row(D(2025, 3, 31), spells, oversight, (3, MONTHS)) == [
        D(2025, 3, 31),
        1,
        3,
        33.3,
    ]
