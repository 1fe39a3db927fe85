"""Who a programme samples, and the same sample again from the same seed."""

from __future__ import annotations

from tests.assurance.conftest import AS_AT, TEAMS, hand_tables
from trajectory.assurance import sampling


def pool(with_cin=True):
    tables, cin_tables = hand_tables()
    return sampling.candidates(tables, cin_tables if with_cin else None, TEAMS, AS_AT)


def test_candidates_and_their_themes_workers_and_teams():
    found = {c.child: c for c in pool()}
    # C6's care ended and C10's plan ended before the date: neither is a candidate.
    assert sorted(found) == ["C1", "C2", "C3", "C4", "C5", "C7", "C8", "C9"]
    assert found["C1"].themes == {"looked_after", "permanence"}  # looked after over a year
    assert found["C2"].themes == {"looked_after", "permanence"}  # placement order (E1)
    assert found["C3"].themes == {"looked_after"}
    assert found["C7"].themes == {"care_leaver"}
    assert found["C8"].themes == {"child_protection", "neglect"}
    assert found["C9"].themes == {"child_protection"}
    # C1's latest worker by the date is SW2 (from June 2024); lower case ids are read upper.
    assert (found["C1"].worker, found["C1"].team) == ("SW2", "North")
    assert (found["C7"].worker, found["C7"].team) == ("SW4", "Leaving care")
    assert (found["C9"].worker, found["C9"].team) == ("", "")  # no worker recorded


def test_without_a_cin_census_no_protection_themes_and_the_programme_says_so():
    found = pool(with_cin=False)
    assert all(not ({"neglect", "child_protection"} & c.themes) for c in found)
    notes = sampling.shortfalls(found, [{"rule": "neglect", "count": 2}], has_cin=False)
    assert notes == ["Neglect: no CIN census is held, so no child could be drawn."]


def test_rules_draw_each_team_and_each_theme_without_repeats():
    rules = [
        {"rule": "team", "count": 1},
        {"rule": "neglect", "count": 1},
        {"rule": "care_leaver", "count": 1},
        {"rule": "permanence", "count": 5},
    ]
    picked = sampling.draw(pool(), rules, seed=1)
    children = [p.candidate.child for p in picked]
    assert len(children) == len(set(children))
    by_rule = {}
    for p in picked:
        by_rule.setdefault(p.rule, []).append(p.candidate)
    assert sorted(c.team for c in by_rule["team"]) == ["Leaving care", "North", "South"]
    assert all("neglect" in c.themes for c in by_rule.get("neglect", []))
    # Permanence asks for five but only C1 and C2 qualify, less any a team draw took.
    assert {c.child for c in by_rule.get("permanence", [])} <= {"C1", "C2"}


def test_the_same_seed_draws_the_same_sample_and_another_seed_can_differ():
    rules = [{"rule": "team", "count": 2}, {"rule": "worker", "count": 2}]
    first = sampling.draw(pool(), rules, seed=42)
    again = sampling.draw(list(reversed(pool())), rules, seed=42)  # order of rows irrelevant
    assert first == again
    samples = {
        tuple(p.candidate.child for p in sampling.draw(pool(), rules, seed=s)) for s in range(20)
    }
    assert len(samples) > 1
