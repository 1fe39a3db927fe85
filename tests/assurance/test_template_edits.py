"""Adding, removing and moving a template's themes and questions (issue 11.1): a version an
audit has used never changes, the change makes the next version, old audits keep (and their
results show) what they were graded against, and two people editing at once lose nothing.

The default template (default_template.py) has six themes of two questions each: 12 questions.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.assurance.conftest import AS_AT, grade_all
from trajectory.assurance import selectors, services
from trajectory.assurance.models import AuditTemplate
from trajectory.audit.models import AuditEntry
from trajectory.history.models import Change
from trajectory.web.edit_conflicts import StaleEdit

DECISION = "Is there a recorded management decision at each key point of the case?"
SUPERVISION = "How well does supervision of the case move the plan on for the child?"
CONTINGENCY = "Is there a contingency plan if the first plan fails?"


def _submit(audit, user):
    services.audit_save(
        audit=audit,
        user=user,
        answers=grade_all(audit),
        overall_grade="good",
        narrative="",
        submit=True,
    )


def _april(council, user):
    return services.programme_create(
        council=council,
        user=user,
        month=date(2025, 4, 1),
        rules=[{"rule": "neglect", "count": 1}],
        seed=7,
        sampled_at=AS_AT,
    )


def test_adding_a_question_to_a_used_version_makes_the_next_and_old_audits_keep_theirs(
    programme, council, people
):
    manager = people["manager"]
    default = programme.template
    march = programme.audits.get(child_id="C8")
    _submit(march, manager)
    planning = default.themes.get(number=3)

    added = services.template_question_add(
        theme=planning,
        council=council,
        user=manager,
        text=CONTINGENCY,
        scale="yes_no",
        opened_version=default.edit_version,
    )

    made = added.theme.template
    assert made.pk != default.pk and made.council == council and made.copied_from == default
    assert added.reference == "3.3" and added.scale == "yes_no"
    assert made.questions().count() == 13
    assert default.questions().count() == 12  # the used version is untouched
    assert march.programme.template.questions().count() == 12
    assert services.current_template(council) == made
    april = _april(council, manager).audits.get()
    assert april.programme.template == made
    assert CONTINGENCY in [q.text for q in april.programme.template.questions()]
    entry = AuditEntry.objects.get(action="assurance.template.question.add")
    assert entry.detail["template"] == made.pk


def test_removing_a_question_and_a_theme_old_audits_and_results_keep_them(
    programme, council, people
):
    manager = people["manager"]
    default = programme.template
    march = programme.audits.get(child_id="C8")
    _submit(march, manager)
    decision = default.questions().get(theme__number=1, number=1)

    made = services.template_question_remove(
        question=decision, council=council, user=manager, opened_version=default.edit_version
    )
    assert made.pk != default.pk
    oversight = made.themes.get(number=1)
    # 1.2 moves up to 1.1.
    assert [(q.number, q.text) for q in oversight.questions.all()] == [(1, SUPERVISION)]
    # The new version is used by no audit: removing a theme is made in it, in place.
    permanence = made.themes.get(name="Permanence")
    again = services.template_theme_remove(
        theme=permanence, council=council, user=manager, opened_version=made.edit_version
    )
    assert again.pk == made.pk
    assert [t.name for t in made.themes.all()] == [
        "Management oversight",
        "Assessment",
        "Planning",
        "The child's voice",
        "Impact for the child",
    ]
    assert [q.reference for q in made.themes.get(name="Impact for the child").questions.all()] == [
        "5.1",
        "5.2",
    ]
    assert made.questions().count() == 9  # 12, less one question, less a theme of two

    april = _april(council, manager).audits.get()
    texts = [q.text for q in april.programme.template.questions()]
    assert (
        DECISION not in texts and "How well is drift avoided in securing permanence?" not in texts
    )
    # The March audit keeps the question and the theme; so do the results.
    assert DECISION in [row["question"].text for row in selectors.moderation_comparison(march)]
    _submit(april, manager)
    results = selectors.results(people["board_member"], council)
    removed = [row for row in results["by_question"] if row["text"] == DECISION]
    assert [(row["reference"], row["total"]) for row in removed] == [("1.1", 1)]
    by_theme = {row["key"]: row["total"] for row in results["by_theme"]}
    assert by_theme["Permanence"] == 1  # March's one Ofsted-scale permanence answer
    assert Change.objects.filter(subject_id=made.pk, after="Removed 5. Permanence").exists()


def test_moving_a_question_and_a_theme(programme, council, people):
    manager = people["manager"]
    default = programme.template
    second = default.questions().get(theme__number=2, number=2)
    moved = services.template_question_move(
        question=second, council=council, user=manager, up=True, opened_version=1
    )
    made = moved.theme.template
    assert [q.text[:30] for q in made.themes.get(number=2).questions.all()] == [
        "How well does the assessment a",
        "Is there an assessment complet",
    ]
    assessment = made.themes.get(number=2)
    services.template_theme_move(
        theme=assessment, council=council, user=manager, up=True, opened_version=made.edit_version
    )
    made.refresh_from_db()
    assert [t.name for t in made.themes.all()][:2] == ["Assessment", "Management oversight"]
    assert made.questions().first().reference == "1.1"
    with pytest.raises(ValidationError):
        services.template_theme_move(
            theme=made.themes.get(number=1),
            council=council,
            user=manager,
            up=True,
            opened_version=made.edit_version,
        )
    assert AuditTemplate.objects.filter(council=council).count() == 1


def test_two_people_editing_at_once_lose_nothing(programme, council, people):
    manager, leader = people["manager"], people["leader"]
    default = programme.template  # used by the March audits
    opened = default.edit_version
    services.template_theme_add(
        template=default, council=council, user=manager, name="Education", opened_version=opened
    )
    # The leader had the same page open: their change would be made from the default again,
    # without the manager's theme, so it is refused.
    with pytest.raises(ValidationError, match="has been made since"):
        services.template_question_add(
            theme=default.themes.get(number=1),
            council=council,
            user=leader,
            text=CONTINGENCY,
            scale="yes_no",
            opened_version=opened,
        )
    made = services.current_template(council)
    assert [t.name for t in made.themes.all()][-1] == "Education"
    # In place on the unused new version: both open it; the first change is saved, the second
    # is refused as a stale edit naming who changed it.
    opened = made.edit_version
    services.template_question_add(
        theme=made.themes.get(name="Education"),
        council=council,
        user=manager,
        text="Is the child in school full time?",
        scale="yes_no",
        opened_version=opened,
    )
    with pytest.raises(StaleEdit):
        services.template_theme_remove(
            theme=made.themes.get(name="Education"),
            council=council,
            user=leader,
            opened_version=opened,
        )
    assert made.themes.get(name="Education").questions.count() == 1
    assert made.questions().count() == 13
    assert AuditTemplate.objects.filter(council=council).count() == 1


def test_a_template_keeps_at_least_one_question(programme, council, people):
    manager = people["manager"]
    template = services.template_theme_add(
        template=programme.template, council=council, user=manager, name="Empty"
    ).template
    for _ in range(5):
        services.template_theme_remove(
            theme=template.themes.get(number=2), council=council, user=manager
        )
    # Left: Management oversight (two questions) and Empty (none).
    assert [t.name for t in template.themes.all()] == ["Management oversight", "Empty"]
    with pytest.raises(ValidationError):
        services.template_theme_remove(
            theme=template.themes.get(number=1), council=council, user=manager
        )
    services.template_question_remove(
        question=template.questions().first(), council=council, user=manager
    )
    with pytest.raises(ValidationError):
        services.template_question_remove(
            question=template.questions().get(), council=council, user=manager
        )
    services.template_theme_remove(
        theme=template.themes.get(name="Empty"), council=council, user=manager
    )
    assert template.questions().count() == 1


def test_template_changes_need_run_audits_in_that_council(
    programme, council, people, make_council, make_user
):
    elsewhere = make_user("manager", make_council(code="991", name="Eastshire"))
    theme = programme.template.themes.get(number=1)
    for user in (people["board_member"], people["commissioner"], people["admin"], elsewhere):
        with pytest.raises(PermissionDenied):
            services.template_question_add(
                theme=theme, council=council, user=user, text=CONTINGENCY, scale="yes_no"
            )
        with pytest.raises(PermissionDenied):
            services.template_theme_remove(theme=theme, council=council, user=user)
    assert not AuditTemplate.objects.filter(council=council).exists()


def test_the_template_pages_by_role_and_by_crafted_post(
    client, council, people, programme, make_council, make_user
):
    template = programme.template
    theme = template.themes.get(number=3)
    add_question = reverse("assurance_question_add", args=[council.code, template.pk, theme.pk])
    add_theme = reverse("assurance_theme_add", args=[council.code, template.pk])
    data = {
        "text": CONTINGENCY,
        "scale": "yes_no",
        "guidance": "",
        "opened_version": str(template.edit_version),
    }
    client.force_login(people["board_member"])
    page = client.get(reverse("assurance_template", args=[council.code, template.pk]))
    assert page.status_code == 200 and b"Add a theme" not in page.content
    assert client.post(add_question, data).status_code == 403
    assert client.post(add_theme, {"name": "X", "opened_version": "1"}).status_code == 403
    edit_theme = reverse("assurance_theme_edit", args=[council.code, template.pk, theme.pk])
    assert client.post(edit_theme, {"name": "X", "opened_version": "1"}).status_code == 403
    client.force_login(make_user("leader", make_council(code="991", name="Eastshire")))
    assert client.post(add_question, data).status_code == 404  # not told the council exists
    assert not AuditTemplate.objects.filter(council=council).exists()

    client.force_login(people["analyst"])
    response = client.post(add_question, data)
    made = services.current_template(council)
    assert response.status_code == 302
    assert response["Location"] == reverse("assurance_template", args=[council.code, made.pk])
    assert made.questions().get(theme__number=3, number=3).scale == "yes_no"
    # The same page posted again, opened on the default: refused, shown on the form.
    again = client.post(add_question, data)
    assert again.status_code == 200 and made.questions().count() == 13
    page = client.get(reverse("assurance_template", args=[council.code, made.pk]))
    assert b"Add a theme" in page.content
    edit_theme = reverse(
        "assurance_theme_edit", args=[council.code, made.pk, made.themes.get(number=3).pk]
    )
    response = client.post(
        edit_theme, {"name": "Plans", "description": "", "opened_version": made.edit_version}
    )
    assert response.status_code == 302 and made.themes.get(number=3).name == "Plans"
    made.refresh_from_db()
    move = reverse("assurance_template_move", args=[council.code, made.pk])
    question = made.questions().get(theme__number=3, number=3)
    client.post(
        move,
        {"question": question.pk, "direction": "up", "opened_version": made.edit_version},
    )
    question.refresh_from_db()
    assert question.reference == "3.2"


def test_renaming_a_theme_of_a_used_version(programme, council, people):
    default = programme.template
    changed = services.template_theme_update(
        theme=default.themes.get(number=4),
        council=council,
        user=people["leader"],
        opened_version=default.edit_version,
        name="Voice of the child",
    )
    assert changed.template != default and changed.number == 4
    assert default.themes.get(number=4).name == "The child's voice"
    assert [q.text[:20] for q in changed.questions.all()] == [
        "Was the child seen, ",
        "How well do the chil",
    ]
    change = Change.objects.get(subject_type="assurance.templatetheme", field="name")
    assert (change.before, change.after) == ("The child's voice", "Voice of the child")
    with pytest.raises(TypeError):
        services.template_theme_update(
            theme=changed, council=council, user=people["leader"], number=1
        )
