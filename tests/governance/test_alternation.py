"""The Improvement Board's meetings alternate internal and external by default (2022-01
Commissioner report, paragraph 40): the new meeting's form starts at the opposite of the last
meeting's kind, and the person recording it still chooses."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from trajectory.governance import catalogue, selectors, services
from trajectory.governance.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_rule_worked_by_hand():
    assert catalogue.next_meeting_kind("improvement_board", None) == "internal"
    assert catalogue.next_meeting_kind("improvement_board", "internal") == "external"
    assert catalogue.next_meeting_kind("improvement_board", "external") == "internal"
    # Bodies that do not alternate start at their usual kind whatever came before.
    assert catalogue.next_meeting_kind("cabinet", "internal") == "internal"
    assert catalogue.next_meeting_kind("cabinet", "external") == "internal"
    assert catalogue.next_meeting_kind("health_and_wellbeing_board", "internal") == "external"


def test_the_default_follows_the_latest_meeting_by_date(board, leader, make_meeting):
    assert selectors.next_meeting_kind(leader, board) == "internal"
    make_meeting(date(2024, 1, 16), "internal")
    assert selectors.next_meeting_kind(leader, board) == "external"
    make_meeting(date(2024, 2, 6), "external")
    assert selectors.next_meeting_kind(leader, board) == "internal"
    # A meeting recorded late, dated before the latest, does not change the default.
    make_meeting(date(2024, 1, 30), "internal")
    assert selectors.next_meeting_kind(leader, board) == "internal"


def _checked(content: str, value: str) -> bool:
    marker = f'value="{value}" checked'
    return marker in content


def test_the_form_starts_at_the_opposite_but_the_user_chooses(client, board, leader, make_meeting):
    make_meeting(date(2024, 1, 16), "internal")
    client.force_login(leader)
    url = reverse("governance_meeting_add", args=[board.council.code, board.pk])
    page = client.get(url).content.decode()
    assert _checked(page, "external") and not _checked(page, "internal")

    # The user keeps it internal: a choice, not a rule.
    response = client.post(
        url, {"held_on-day": "6", "held_on-month": "2", "held_on-year": "2024", "kind": "internal"}
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(body=board, held_on=date(2024, 2, 6)).get().kind == "internal"
    body_page = client.get(reverse("governance_body", args=[board.council.code, board.pk]))
    assert "Same as the last" in body_page.content.decode()


def test_pattern_marks_each_meeting(board, leader, make_meeting):
    make_meeting(date(2024, 1, 16), "internal")
    make_meeting(date(2024, 2, 6), "external")
    make_meeting(date(2024, 3, 5), "external")
    rows = selectors.meeting_rows(leader, board)
    assert [row.alternates for row in rows] == [None, True, False]


def test_a_body_that_does_not_alternate_has_no_pattern(council, leader):
    cabinet = services.body_create(council=council, user=leader, name="Cabinet", kind="cabinet")
    services.meeting_create(body=cabinet, user=leader, held_on=date(2024, 1, 30), kind="internal")
    services.meeting_create(body=cabinet, user=leader, held_on=date(2024, 3, 5), kind="internal")
    assert [row.alternates for row in selectors.meeting_rows(leader, cabinet)] == [None, None]
