"""Programmes, audits, moderation, learning actions and templates through their services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.assurance.conftest import grade_all
from trajectory.assurance import selectors, services
from trajectory.assurance.models import Audit, AuditTemplate, LearningAction
from trajectory.audit.models import AuditEntry
from trajectory.history.models import Change
from trajectory.web.edit_conflicts import StaleEdit


def test_a_programme_stores_its_seed_and_draws_the_same_children_again(
    programme, council, people, held
):
    assert programme.seed == 7
    children = sorted(programme.audits.values_list("child_id", "sample_rule"))
    # One per team (North, South, Leaving care), then one for neglect (C8 is the only one).
    assert [rule for _, rule in children].count("team") == 3
    assert ("C8", "neglect") in children
    redraw = selectors.sample_for(
        council, rules=programme.rules, seed=programme.seed, as_at=programme.sampled_at
    )
    assert sorted((p.candidate.child, p.rule) for p in redraw.picked) == children
    with pytest.raises(ValidationError):
        services.programme_create(
            council=council, user=people["manager"], month=date(2025, 3, 9), seed=1
        )


def test_the_audit_names_the_childs_worker_and_team(programme):
    audit = programme.audits.get(child_id="C8")
    assert (audit.worker, audit.team) == ("SW1", "North")


def test_submit_needs_every_grade_then_moderation_by_another_auditor(
    programme, people, second_manager
):
    audit = programme.audits.first()
    manager = people["manager"]
    with pytest.raises(ValidationError):
        services.audit_save(
            audit=audit, user=manager, answers={}, overall_grade="good", narrative="", submit=True
        )
    services.audit_save(
        audit=audit,
        user=manager,
        answers=grade_all(audit),
        overall_grade="good",
        narrative="Seen and heard.",
        submit=True,
    )
    audit.refresh_from_db()
    assert audit.status == Audit.Status.SUBMITTED and audit.auditor == manager
    with pytest.raises(PermissionDenied):
        services.moderation_record(
            audit=audit,
            user=manager,
            answers=grade_all(audit),
            overall_grade="good",
            final_grade="good",
            narrative="",
        )
    answers = grade_all(audit)
    first_question = next(iter(answers))
    question = audit.programme.template.questions().get(pk=first_question)
    answers[first_question] = ("partly" if question.scale == "yes_no" else "inadequate", "")
    moderation = services.moderation_record(
        audit=audit,
        user=second_manager,
        answers=answers,
        overall_grade="requires_improvement",
        final_grade="requires_improvement",
        narrative="Planning is vague.",
    )
    audit.refresh_from_db()
    assert audit.status == Audit.Status.MODERATED
    assert audit.final_grade == "requires_improvement"
    assert not moderation.agrees_overall
    comparison = selectors.moderation_comparison(audit)
    assert [row["agrees"] for row in comparison].count(False) == 1
    with pytest.raises(ValidationError):
        services.audit_save(
            audit=audit, user=manager, answers={}, overall_grade="good", narrative=""
        )
    assert Change.objects.filter(subject_type="assurance.audit", subject_id=audit.pk).exists()
    assert AuditEntry.objects.filter(action="assurance.audit.moderate").count() == 1


def test_a_stale_audit_form_is_refused(programme, people):
    audit = programme.audits.first()
    opened = audit.edit_version
    services.audit_save(
        audit=audit,
        user=people["manager"],
        answers={},
        overall_grade="",
        narrative="first",
        opened_version=opened,
    )
    with pytest.raises(StaleEdit):
        services.audit_save(
            audit=audit,
            user=people["manager"],
            answers={},
            overall_grade="",
            narrative="second",
            opened_version=opened,
        )


def test_writes_need_run_audits(programme, people, council):
    audit = programme.audits.first()
    for role in ("board_member", "commissioner", "region", "admin"):
        with pytest.raises(PermissionDenied):
            services.audit_save(
                audit=audit, user=people[role], answers={}, overall_grade="", narrative=""
            )
        with pytest.raises(PermissionDenied):
            services.programme_create(
                council=council, user=people[role], month=date(2025, 1, 1), seed=1
            )


def test_learning_action_overdue_by_the_plans_rules(programme, people, council, monkeypatch):
    from trajectory.plans import clock

    audit = programme.audits.first()
    action = services.learning_action_add(
        audit=audit,
        user=people["manager"],
        title="Update the chronology",
        owner=people["leader"],
        due_on=date(2025, 4, 30),
    )
    monkeypatch.setattr(clock, "today", lambda: date(2025, 5, 1))
    assert selectors.learning_action_rag(action, today=date(2025, 5, 1)).key == "overdue"
    assert selectors.learning_action_rag(action, today=date(2025, 4, 1)).key == "on_track"
    rows = selectors.learning_actions(people["board_member"], council)
    assert rows[0]["rag"].label == "Overdue"
    services.learning_action_update(
        action=action,
        user=people["manager"],
        opened_version=action.edit_version,
        status=LearningAction.Status.COMPLETE,
    )
    action.refresh_from_db()
    assert action.completed_on == date(2025, 5, 1)
    assert selectors.learning_action_rag(action, today=date(2025, 6, 1)).key == "complete"
    assert (action.due_on - timedelta(days=1)) < action.completed_on


def test_a_used_template_is_locked_and_adapting_makes_a_new_version(programme, people, council):
    template = programme.template
    assert template.is_default and template.is_locked
    question = template.questions().first()
    changed = services.template_question_update(
        question=question, council=council, user=people["manager"], text="Reworded?"
    )
    copy = changed.theme.template
    assert copy.pk != template.pk and copy.council == council and copy.version == 1
    assert template.questions().first().text != "Reworded?"
    # Not yet used: a second change is made in place.
    again = services.template_question_update(
        question=changed, council=council, user=people["manager"], text="Reworded again?"
    )
    assert again.theme.template == copy
    assert services.current_template(council) == copy
    assert AuditTemplate.objects.filter(council=council).count() == 1
