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

from trajectory.assessment.models import DomainAssessment, Review
from trajectory.escalations.models import Concern, ConcernStep
from trajectory.governance.models import ApprovalStep, Body, Meeting
from trajectory.inspections.models import Finding, Inspection
from trajectory.intervention import events
from trajectory.intervention.models import FollowUp, InterventionEvent, Recommendation
from trajectory.plans.models import Plan
from trajectory.plans.selectors import plan_on_a_page, plan_watch_list
from trajectory.synth import journey

INTERRUPTION_STARTS = dt.date(2024, 12, 2)
INTERRUPTION_ENDS = dt.date(2025, 6, 30)


@pytest.fixture
def demo(db, settings, tmp_path):
    from trajectory.synth.demo import demo_load

    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    settings.TRAJECTORY_TODAY = dt.date(2026, 12, 4)  # the plan's actions are dated from it
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
    # Twelve priorities answering the twelve areas in order, and a thirteenth holding the
    # Commissioner's follow-up.
    assert [p.number for p in priorities] == list(range(1, 14))
    findings = Finding.objects.filter(inspection=inadequate, kind=Finding.Kind.AREA_FOR_IMPROVEMENT)
    assert [p.finding_id for p in priorities[:12]] == list(
        findings.order_by("order").values_list("id", flat=True)
    )
    assert priorities[12].finding_id is None
    # Today is 4 December 2026. Six actions answer the findings: foster carer recruitment (on
    # track), stability meetings (complete), the reviews tracker (reported off track: slipping),
    # return home interviews (20 days past due: overdue), the housing protocol and the
    # apprenticeships (on track). The schools follow-up is due 1 January 2027 (four weeks from
    # today, being later than nine weeks after the recommendation of 5 October, 7 December)
    # and was updated on 9 November: on track.
    page = plan_on_a_page(demo.users["leader"], plan, today=dt.date(2026, 12, 4))
    assert page.total_actions == 7
    assert {key: n for key, n in page.counts.items() if n} == {
        "complete": 1,
        "overdue": 1,
        "slipping": 1,
        "on_track": 4,
    }


def test_the_schools_concerns_are_escalated(demo):
    schools = Concern.objects.filter(
        council=demo.council, partner_kind__in=["school", "board_school_rep"]
    )
    # Three schools (two secondaries, one primary) and the board's secondary school
    # representative, each taken past the procedure's first stage; the representative's case,
    # the potentially serious case failure from the survey, to the last (stage 4).
    furthest = [
        max(ConcernStep.objects.filter(concern=concern).values_list("number", flat=True))
        for concern in schools
    ]
    assert sorted(furthest) == [2, 2, 2, 4]
    assert schools.get(partner_kind="board_school_rep").review_outcome == "not_upheld"
    # Between the focused visit and the final review, as in the Commissioner's report.
    for concern in schools:
        assert dt.date(2025, 7, 8) <= concern.raised_on <= dt.date(2026, 9, 14)


def test_the_improvement_board_meets_monthly_alternating_internal_and_external(demo):
    board = Body.objects.get(council=demo.council, kind="improvement_board")
    assert board.chair_independent
    meetings = list(Meeting.objects.filter(body=board).order_by("held_on"))
    assert meetings[0].held_on == dt.date(2024, 1, 16)
    months = [(m.held_on.year, m.held_on.month) for m in meetings]
    # One meeting a month, no month missed, from January 2024 to at least September 2026
    # (the final review): 12 + 12 + 9 = 33 months.
    assert len(set(months)) == len(months)
    numbered = [year * 12 + month for year, month in months]
    assert numbered == list(range(numbered[0], numbered[0] + len(numbered)))
    assert (2026, 9) in months and len(months) >= 33
    kinds = [m.kind for m in meetings]
    assert set(kinds) == {"internal", "external"}
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))
    # The plan's approval journey: scrutiny, Cabinet, the board's second meeting, then
    # submitted on 9 February 2024, inside the 70 working days from 3 November 2023: 19 in
    # November from the 6th, 19 in December (21 less Christmas and Boxing Day), 22 in January
    # (23 less New Year's Day) and 10 in February take them to the 14th.
    steps = dict(
        ApprovalStep.objects.filter(plan__council=demo.council).values_list("step", "happened_on")
    )
    assert steps["scrutinised"] == dt.date(2024, 1, 23)
    assert steps["approved_cabinet"] == dt.date(2024, 1, 30)
    assert steps["approved_board"] == dt.date(2024, 2, 6) == meetings[1].held_on
    assert steps["submitted"] == dt.date(2024, 2, 9) <= dt.date(2024, 2, 14)


def test_two_finalised_reviews_of_eight_domains_differ_on_performance(demo):
    reviews = Review.objects.filter(council=demo.council, status="final", superseded_at=None)
    assert sorted((r.as_at, r.kind) for r in reviews) == [
        (dt.date(2026, 4, 20), "mid_year"),
        (dt.date(2026, 9, 14), "final"),
    ]
    for review in reviews:
        domains = DomainAssessment.objects.filter(review=review)
        assert domains.count() == 8
        assert sorted(domains.values_list("domain__number", flat=True)) == list(range(1, 9))
        for domain in domains:
            assert domain.self_rating and domain.opinion_rating, domain
    # The Commissioner is more cautious than the council on performance at both reviews:
    # (the council's rating, the Commissioner's), mid-year then final.
    performance = DomainAssessment.objects.filter(
        review__in=reviews, domain__name="Performance"
    ).order_by("review__as_at")
    assert [(p.self_rating, p.opinion_rating) for p in performance] == [
        ("Well progressed", "Progressing"),
        ("Met", "Well progressed"),
    ]


def test_the_recommendation_withdraws_the_trust_proposal_with_a_schools_follow_up(demo):
    # The direction, the trust proposed on the diagnostic report and paused with a new
    # direction for a year; the recommendation to withdraw it leaves it paused until the
    # minister decides.
    record = InterventionEvent.objects.filter(council=demo.council)
    assert record.get(kind="direction_issued").occurred_on == dt.date(2024, 1, 8)
    assert record.get(kind="trust_proposed").occurred_on == dt.date(2024, 7, 15)
    # The national pause of Ofsted's visits is on the record with its period.
    paused = record.get(kind="visits_paused")
    assert (paused.occurred_on, paused.period_ends_on) == (
        dt.date(2024, 12, 2),
        dt.date(2025, 6, 30),
    )
    paused = record.get(kind="trust_paused")
    assert (paused.occurred_on, paused.period_ends_on) == (
        dt.date(2025, 9, 15),
        dt.date(2026, 9, 15),
    )
    assert events.trust_status(record.order_by("occurred_on", "id")) == "paused"
    recommendation = Recommendation.objects.get(council=demo.council)
    assert recommendation.option.key == "withdraw-trust"
    assert recommendation.review.kind == "final"
    assert recommendation.review.as_at == dt.date(2026, 9, 14)
    followups = FollowUp.objects.filter(recommendation=recommendation)
    schools = [f for f in followups if "school" in f.action.title.lower()]
    assert len(schools) == 1
    action = schools[0].action
    assert action.owner == demo.users["leader"]
    assert action.due_on == dt.date(2027, 1, 1)  # 4 weeks from 4 December 2026
    plan = action.priority.plan
    watch = plan_watch_list(demo.users["region"], plan, today=dt.date(2026, 12, 4))
    assert action.pk in [row.action.pk for row in watch.commissioner_followups]
