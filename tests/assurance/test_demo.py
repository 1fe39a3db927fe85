"""The demo's audits: an improving trend, agreement rising, one learning action overdue, fast."""

from __future__ import annotations

import time
from datetime import date

from trajectory.assurance import figures, selectors
from trajectory.assurance.models import Audit, LearningAction, Programme
from trajectory.councils.models import Role


def test_the_demo_tells_an_improving_story(council, people, held, settings):
    from trajectory.synth.demo_assurance import assurance_demo

    settings.TRAJECTORY_TODAY = date(2026, 12, 4)
    users = {Role(role): user for role, user in people.items()}
    started = time.perf_counter()
    made = assurance_demo(council, users)
    took = time.perf_counter() - started
    assert took < 2.0
    assert made[0].month == date(2024, 2, 1) and made[-1].month == date(2026, 11, 1)
    rows = selectors.audit_rows(council)
    good = figures.audits_good_or_better_pct(rows)
    first_year = [r for r in good if r[0] < date(2025, 2, 1)]
    last_year = [r for r in good if r[0] >= date(2025, 12, 1)]
    share = lambda part: sum(r[1] for r in part) / sum(r[2] for r in part)  # noqa: E731
    assert share(first_year) < 0.5 < share(last_year)
    agreed = [r for r in figures.audit_moderation_agreement_pct(rows) if r[2]]
    early, late = agreed[: len(agreed) // 2], agreed[len(agreed) // 2 :]
    assert share(early) < share(late)
    done = figures.audits_completed_pct(rows)
    assert all(r[3] == 100.0 for r in done[:-1]) and done[-1][3] < 100.0
    assert Audit.objects.filter(council=council, status="submitted").exists()  # the queue
    overdue = [
        a
        for a in LearningAction.objects.filter(council=council)
        if selectors.learning_action_rag(a, today=date(2026, 12, 4)).key == "overdue"
    ]
    assert len(overdue) == 1
    assert LearningAction.objects.filter(council=council, status="complete").exists()
    # Moderated by the leader, never the auditor.
    for audit in Audit.objects.filter(council=council, status="moderated"):
        assert audit.moderation.moderator_id != audit.auditor_id
    # Every audit allocated in advance to one of the two demo auditors, due by its month's end;
    # the latest month's audits not yet done wait on their auditors' lists.
    auditors = {people["manager"].pk, people["analyst"].pk}
    assert set(Audit.objects.filter(council=council).values_list("auditor", flat=True)) == auditors
    latest = made[-1]
    assert set(latest.audits.values_list("due_on", flat=True)) == {date(2026, 11, 30)}
    waiting = selectors.allocated_to(people["manager"], council) + selectors.allocated_to(
        people["analyst"], council
    )
    assert {a.pk for a in waiting} == set(
        latest.audits.filter(status="not_started").values_list("pk", flat=True)
    )
    assert waiting
    # Run again: nothing more.
    assert assurance_demo(council, users) == []
    assert Programme.objects.filter(council=council).count() == len(made)
