"""The demo ships the journey (issue 9.8): Westshire's record replays the source documents'
intervals, counted here from the database, not from the demo's own lists.

West Sussex's journey, moved to start from Westshire's inadequate judgement of 3 November 2023
(synth/journey.py): twelve areas for improvement; monitoring visits on 12 March, 11 June and
10 September 2024, then none while visits were paused nationally (2 December 2024 to 30 June
2025); a focused visit from 8 July 2025; the monitoring visits again from 10 March 2026.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from trajectory.inspections.models import Finding, Inspection
from trajectory.plans.clock import today as plan_today
from trajectory.plans.models import Plan
from trajectory.plans.selectors import plan_on_a_page
from trajectory.synth import journey

INTERRUPTION_STARTS = dt.date(2024, 12, 2)
INTERRUPTION_ENDS = dt.date(2025, 6, 30)


@pytest.fixture
def demo(db, settings, tmp_path):
    from trajectory.synth.demo import demo_load

    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    return demo_load(children=60, years=1, seed=7, out_dir=tmp_path)


def _inadequate(council) -> Inspection:
    return Inspection.objects.get(
        council=council, kind=Inspection.Kind.STANDARD, published_on=dt.date(2023, 11, 3)
    )


def test_the_inadequate_judgement_names_twelve_areas_for_improvement(demo):
    inadequate = _inadequate(demo.council)
    assert inadequate.judgements.get(area="overall").grade == "inadequate"
    areas = Finding.objects.filter(inspection=inadequate, kind=Finding.Kind.AREA_FOR_IMPROVEMENT)
    assert areas.count() == 12
    assert sorted(areas.values_list("order", flat=True)) == list(range(1, 13))
    # The ground an ILACS inadequate letter covers, one area each at least: the front door
    # (1), help and protection (assessments, child protection plans, supervision, pre-
    # proceedings: 4), children in care (stability, reviews, missing: 3), care leavers (1), the
    # workforce (1), quality assurance (1), partnerships and corporate parenting (1).
    assert Counter(areas.values_list("service_area", flat=True)) == {
        "front_door": 1,
        "help_and_protection": 4,
        "children_in_care": 3,
        "care_leavers": 1,
        "workforce": 1,
        "quality": 1,
        "partnerships": 1,
    }


def test_monitoring_visits_are_quarterly_then_paused_then_a_focused_visit(demo):
    visits = Inspection.objects.filter(council=demo.council).exclude(
        kind__in=Inspection.GRADED_KINDS
    )
    by_start = sorted((visit.fieldwork_start, visit.kind) for visit in visits)
    # Quarterly, 13 weeks apart; none for nine months; the focused visit; then again.
    assert by_start == [
        (dt.date(2024, 3, 12), "monitoring_visit"),
        (dt.date(2024, 6, 11), "monitoring_visit"),
        (dt.date(2024, 9, 10), "monitoring_visit"),
        (dt.date(2025, 7, 8), "focused_visit"),
        (dt.date(2026, 3, 10), "monitoring_visit"),
    ]
    # Nothing on site and no letter published while visits were paused.
    for visit in Inspection.objects.filter(council=demo.council):
        for day in (visit.fieldwork_start, visit.fieldwork_end, visit.published_on):
            assert not INTERRUPTION_STARTS <= day <= INTERRUPTION_ENDS, visit
    focused = visits.get(kind=Inspection.Kind.FOCUSED_VISIT)
    assert focused.theme
    assert focused.judgements.count() == 0  # a visit is not graded
    # The journey's data say the same dates (a change there must change this test's).
    assert (
        *journey.MONITORING_VISITS,
        *journey.NATIONAL_INTERRUPTION,
        journey.FOCUSED_VISIT,
        journey.MONITORING_VISIT_RESUMED,
    ) == (
        dt.date(2024, 3, 12),
        dt.date(2024, 6, 11),
        dt.date(2024, 9, 10),
        INTERRUPTION_STARTS,
        INTERRUPTION_ENDS,
        dt.date(2025, 7, 8),
        dt.date(2026, 3, 10),
    )


def test_the_plan_answers_each_area_and_shows_every_state(demo):
    inadequate = _inadequate(demo.council)
    plan = Plan.objects.get(council=demo.council, inspection=inadequate)
    priorities = list(plan.priorities.order_by("number"))
    assert [p.number for p in priorities] == list(range(1, 13))
    findings = Finding.objects.filter(inspection=inadequate, kind=Finding.Kind.AREA_FOR_IMPROVEMENT)
    assert [p.finding_id for p in priorities] == list(
        findings.order_by("order").values_list("id", flat=True)
    )
    # Six actions: foster carer recruitment (on track), stability meetings (complete), the
    # reviews tracker (reported off track: slipping), return home interviews (past due: overdue),
    # the housing protocol and the apprenticeships (on track).
    page = plan_on_a_page(demo.users["leader"], plan, today=plan_today())
    assert page.total_actions == 6
    assert {key: n for key, n in page.counts.items() if n} == {
        "complete": 1,
        "overdue": 1,
        "slipping": 1,
        "on_track": 3,
    }
