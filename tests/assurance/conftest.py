"""Fixtures for case audits: people by role, small hand-made returns to sample from (the
returns selectors are patched to give them), and a programme drawn from them."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from trajectory.assurance import sampling

AS_AT = date(2025, 3, 1)


def hand_tables() -> tuple[dict, dict]:
    """Six looked-after children, one care leaver and two CIN children on CP plans.

    C1 (since 2023, so permanence), C2 (legal status E1: placement order), C3, C4, C5 looked
    after; C6's care ended in 2024 (not looked after at AS_AT); C7 a care leaver (OC3);
    C8 on a CP plan for neglect, C9 on a CP plan for emotional abuse; C10's plan ended."""
    episodes = pl.DataFrame(
        {
            "CHILD": ["C1", "C2", "C3", "C4", "C5", "C6"],
            "DECOM": [
                date(2023, 1, 5),
                date(2024, 11, 1),
                date(2024, 12, 1),
                date(2025, 1, 10),
                date(2025, 2, 1),
                date(2023, 6, 1),
            ],
            "DEC": [None, None, None, None, None, date(2024, 5, 1)],
            "LS": ["C2", "E1", "C2", "V2", "C2", "C2"],
        }
    )
    sw = pl.DataFrame(
        {
            "CHILD": ["C1", "C1", "C2", "C3", "C4", "C5", "C7", "C8"],
            "SW_ID": ["sw1", "SW2", "SW2", "SW3", "SW3", "SW4", "SW4", "SW1"],
            "SW_DECOM": [
                date(2023, 1, 5),
                date(2024, 6, 1),
                date(2024, 11, 1),
                date(2024, 12, 1),
                date(2025, 1, 10),
                date(2025, 2, 1),
                date(2022, 1, 1),
                date(2024, 1, 1),
            ],
        }
    )
    oc3 = pl.DataFrame({"CHILD": ["C7"]})
    plans = pl.DataFrame(
        {
            "LAchildID": ["C8", "C9", "C10"],
            "CPPstartDate": [date(2024, 10, 1), date(2025, 1, 1), date(2024, 1, 1)],
            "CPPendDate": [None, None, date(2024, 6, 1)],
            "LatestCategoryOfAbuse": ["NEG", "EMO", "NEG"],
        }
    )
    return (
        {"Episodes": episodes.lazy(), "SWEpisodes": sw.lazy(), "OC3": oc3.lazy()},
        {"ChildProtectionPlans": plans.lazy()},
    )


TEAMS = {"SW1": "North", "SW2": "North", "SW3": "South", "SW4": "Leaving care"}


@pytest.fixture
def held(monkeypatch):
    """The returns every programme in the test samples from."""
    from trajectory.assurance import selectors

    tables, cin_tables = hand_tables()
    found = {
        "ssda903": None,
        "cin": None,
        "team_file": None,
        "tables": tables,
        "cin_tables": cin_tables,
        "teams": TEAMS,
    }
    monkeypatch.setattr(selectors, "returns_for", lambda council: found)
    return found


@pytest.fixture
def people(make_user, council):
    return {
        role: make_user(role, council)
        for role in (
            "analyst",
            "manager",
            "leader",
            "commissioner",
            "board_member",
            "region",
            "admin",
        )
    }


@pytest.fixture
def second_manager(make_user, council):
    return make_user("manager", council, username="manager-two")


@pytest.fixture
def programme(held, council, people):
    from trajectory.assurance import services

    return services.programme_create(
        council=council,
        user=people["manager"],
        month=date(2025, 3, 1),
        rules=[{"rule": "team", "count": 1}, {"rule": "neglect", "count": 1}],
        seed=7,
        sampled_at=AS_AT,
    )


def grade_all(audit, grade="good", yes="yes"):
    """Every question of the audit's template graded: quality questions `grade`, yes/no `yes`."""
    return {
        q.pk: (grade if q.scale == "ofsted" else yes, "")
        for q in audit.programme.template.questions()
    }


__all__ = ["AS_AT", "TEAMS", "grade_all", "hand_tables", "sampling"]
