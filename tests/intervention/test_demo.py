"""The demo's intervention (issue 9.8): the journey's events, the trust paused, and a
"withdraw the trust proposal" recommendation with its schools follow-up on the watch list."""

from __future__ import annotations

from datetime import date

from trajectory.intervention.selectors import intervention_timeline
from trajectory.plans.selectors import plan_watch_list
from trajectory.synth import journey
from trajectory.synth.demo_intervention import intervention_demo


def test_intervention_demo(plan, council, people, final_review, settings):
    # Loaded on the day of the leader's first update: four weeks on is 7 December, the same
    # day as nine weeks after the recommendation (tests/synth/test_demo_journey.py has a later
    # day, where the four weeks win).
    settings.TRAJECTORY_TODAY = date(2026, 11, 9)
    recommendation = intervention_demo(council, people, final_review)
    timeline = intervention_timeline(people["region"], council)
    assert [(e.occurred_on, e.kind) for e in timeline.events] == [
        (journey.DIRECTION_ISSUED, "direction_issued"),
        (journey.DIRECTION_ISSUED, "commissioner_appointed"),
        (journey.DIRECTION_ISSUED, "partner_appointed"),
        (journey.DIAGNOSTIC_REPORT, "trust_proposed"),
        (journey.NATIONAL_INTERRUPTION[0], "visits_paused"),
        (journey.TRUST_PAUSED, "direction_renewed"),
        (journey.TRUST_PAUSED, "trust_paused"),
    ]
    assert timeline.latest_direction.period_ends_on == date(2026, 9, 15)  # for a year
    # The recommendation to withdraw does not itself withdraw: the minister decides.
    assert timeline.trust_status == "paused"
    assert recommendation.option.key == "withdraw-trust"
    assert recommendation.made_on == journey.RECOMMENDATION
    [followup] = recommendation.followups.all()
    assert followup.action.status == "in_progress"
    assert followup.action.updates.get().on == date(2026, 11, 9)
    action = followup.action
    assert "schools' community" in action.title
    assert action.owner == people["leader"]
    assert action.due_on == date(2026, 12, 7)  # nine weeks after 5 October 2026
    watch = plan_watch_list(people["board_member"], plan, today=date(2026, 10, 20))
    assert [row.action for row in watch.commissioner_followups] == [action]
    # Called again, it changes nothing.
    assert intervention_demo(council, people, final_review) == recommendation
    assert council.intervention_events.count() == 7
