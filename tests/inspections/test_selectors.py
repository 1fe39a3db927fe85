"""Selectors: scoped to the acting user; national figures and neighbours from loaded data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from trajectory.councils.models import Council
from trajectory.inspections import selectors

pytestmark = pytest.mark.django_db


def test_council_reads_need_a_membership(ofsted_loaded, make_user):
    west_sussex = Council.objects.get(code="938")
    outsider = make_user("analyst", Council.objects.get(code="936"))

    for read in (
        selectors.inspections_for,
        selectors.latest_judgements,
        selectors.neighbour_latest_grades,
        selectors.national_counts_by_year,
    ):
        with pytest.raises(Http404):
            read(outsider, west_sussex)


def test_latest_judgements_and_neighbours_for_west_sussex(ofsted_loaded, make_user):
    west_sussex = Council.objects.get(code="938")
    board = make_user("board_member", west_sussex)

    latest = selectors.latest_judgements(board, west_sussex, dt.date(2025, 3, 31))
    assert latest.fieldwork_start == dt.date(2023, 3, 13)
    assert selectors.latest_judgements(
        board, west_sussex, dt.date(2022, 12, 31)
    ).fieldwork_start == dt.date(2019, 2, 25)

    rows = selectors.neighbour_latest_grades(board, west_sussex, dt.date(2025, 3, 31))
    assert len(rows) == 11 and rows[0]["is_self"]
    assert rows[0]["grade"] == "requires_improvement"
    assert [row["rank"] for row in rows[1:]] == list(range(1, 11))
    assert all(row["grade"] for row in rows)


def test_national_counts_by_year_mark_this_councils_grade(ofsted_loaded, make_user):
    west_sussex = Council.objects.get(code="938")
    leader = make_user("leader", west_sussex)

    rows = selectors.national_counts_by_year(leader, west_sussex, range(2020, 2026))

    own = {row["year"]: row["grade"] for row in rows if row["is_council_grade"]}
    assert own[2020] == own[2022] == "inadequate"
    assert own[2024] == own[2025] == "requires_improvement"
    year_2025 = {row["grade"]: row["count"] for row in rows if row["year"] == 2025}
    assert year_2025 == selectors.national_grade_counts(dt.date(2025, 3, 31))


def test_a_made_up_council_sees_its_own_grade_but_stays_out_of_englands_counts(
    ofsted_loaded, council, make_user
):
    from trajectory.inspections.models import Inspection
    from trajectory.inspections.services import inspection_save

    leader = make_user("leader", council)
    before = selectors.national_grade_counts(dt.date(2025, 3, 31))
    inspection_save(
        council=council,
        user=leader,
        kind=Inspection.Kind.STANDARD,
        fieldwork_start=dt.date(2023, 9, 11),
        fieldwork_end=dt.date(2023, 9, 22),
        published_on=dt.date(2023, 11, 3),
        judgements={"overall": "inadequate", "leaders": "inadequate"},
    )

    rows = selectors.national_counts_by_year(leader, council, range(2024, 2026))
    own = {row["year"]: row["grade"] for row in rows if row["is_council_grade"]}
    assert own == {2024: "inadequate", 2025: "inadequate"}
    assert selectors.national_grade_counts(dt.date(2025, 3, 31)) == before
    assert selectors.neighbour_latest_grades(leader, council)[0]["grade"] == "inadequate"
