"""permissions.require, the one check every selector, service and view asks (issue 7.22, 7.6)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.plans import selectors as plan_selectors
from trajectory.returns import selectors as return_selectors


@pytest.mark.django_db
def test_a_role_holding_the_capability_goes_on(council, make_user):
    assert require(make_user("analyst", council), "view_child_level", council) is None
    # The Commissioner reads all of the council, child-level lists included (DESIGN.md, 7.6).
    assert require(make_user("commissioner", council), "view_child_level", council) is None


def test_the_command_lines_system_actor_is_trusted(council):
    assert require(None, "upload_returns", council) is None


@pytest.mark.django_db
def test_a_role_of_the_council_is_told_which_roles_may(council, make_user):
    board = make_user("board_member", council)
    with pytest.raises(PermissionDenied) as refused:
        require(board, "view_child_level", council)
    assert str(refused.value) == (
        "Child-level data is shown only to performance analysts, team and service managers, "
        "leaders, commissioners and improvement partners."
    )
    with pytest.raises(PermissionDenied) as refused:
        require(make_user("analyst", council, "ana2"), "edit_plan", council)
    assert str(refused.value) == (
        "The plan is changed only by team and service managers and leaders."
    )


@pytest.mark.django_db
def test_another_councils_reads_are_404_in_every_app(council, make_council, make_user):
    outsider = make_user("leader", make_council(code="991", name="Eastshire"))
    with pytest.raises(Http404):
        require(outsider, "view_council", council)
    with pytest.raises(Http404):
        plan_selectors.plan_current(outsider, council)
    with pytest.raises(Http404):  # was PermissionDenied before one require
        return_selectors.versions_for(outsider, council)
