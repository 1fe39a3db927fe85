"""No lost updates: two people open the same record, the first saves, the second's save from
the page they opened earlier is refused, naming who changed it and when, with both versions.

Every edit form of a record others may edit is covered: priorities, actions (the edit form and
the month's update with a new status), milestones (the form and the "Mark achieved" button),
inspections and findings. The times are set by hand so the message can be worked out: 15:04 UTC
on 2 December 2026 is 3:04pm in London (GMT in winter).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from trajectory.inspections.models import Finding, Inspection
from trajectory.plans import services
from trajectory.plans.models import Action, Milestone, Priority

pytestmark = pytest.mark.django_db

SAVED_AT = datetime(2026, 12, 2, 15, 4, tzinfo=UTC)
WHEN = "2 December 2026 at 3:04pm"


def _two(make_user, council, role):
    first = make_user(role, council, username="asha")
    first.first_name, first.last_name = "Asha", "Patel"
    first.save()
    return first, make_user(role, council, username="ben")


@pytest.fixture
def people(make_user, council):
    """Two managers, who may change the plan."""
    return _two(make_user, council, "manager")


@pytest.fixture
def analysts(make_user, council):
    """Two analysts, who may correct the Ofsted record."""
    return _two(make_user, council, "analyst")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _opened_version(page: str) -> str:
    match = re.search(r'name="opened_version" value="(\d+)"', page)
    assert match, "the form carries the version it was opened at"
    return match.group(1)


def _stamp(model, pk):
    """Give the first person's save a known time, so the message's time is worked by hand."""
    model.objects.filter(pk=pk).update(changed_at=SAVED_AT)


@pytest.fixture
def action(plan, manager):
    return services.action_create(
        priority=plan.priorities.first(),
        user=manager,
        title="Recruit permanent social workers",
        due_on=date(2025, 6, 30),
    )


def _action_form(action, **changes):
    return {
        "title": action.title,
        "owner": "",
        "owner_name": "",
        "start_on": "",
        "due_on": action.due_on.isoformat(),
        "status": action.status,
    } | changes


def test_second_save_of_an_action_is_refused_and_shows_both_versions(council, action, people):
    asha, ben = people
    url = reverse("action_edit", args=[council.code, action.pk])
    asha_client, ben_client = _client(asha), _client(ben)
    asha_version = _opened_version(asha_client.get(url).content.decode())
    ben_version = _opened_version(ben_client.get(url).content.decode())
    assert asha_version == ben_version == "1"

    saved = asha_client.post(
        url, _action_form(action, due_on="2025-09-30", opened_version=asha_version)
    )
    assert saved.status_code == 302
    _stamp(Action, action.pk)

    refused = ben_client.post(
        url,
        _action_form(action, title="Recruit 40 social workers", opened_version=ben_version),
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert f"This action was changed by Asha Patel at {WHEN} since you opened it." in page
    # Both versions of each answer that differs: Asha's saved due date and Ben's, Ben's title.
    assert "30 September 2025" in page and "30 June 2025" in page
    assert "Recruit 40 social workers" in page and "Recruit permanent social workers" in page

    action.refresh_from_db()
    assert action.title == "Recruit permanent social workers"
    assert action.due_on == date(2025, 9, 30)
    assert action.edit_version == 2 and action.changed_by == asha

    # The refusal puts the saved version in the form: saving again is a deliberate choice.
    assert _opened_version(page) == "2"
    again = ben_client.post(
        url, _action_form(action, title="Recruit 40 social workers", opened_version="2")
    )
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.title == "Recruit 40 social workers" and action.due_on == date(2025, 9, 30)
    assert action.edit_version == 3 and action.changed_by == ben


def test_a_form_without_the_version_it_was_opened_at_is_refused(council, action, people):
    asha, _ = people
    url = reverse("action_edit", args=[council.code, action.pk])
    response = _client(asha).post(url, _action_form(action, title="No version"))
    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    action.refresh_from_db()
    assert action.title == "Recruit permanent social workers"


def test_a_new_status_with_the_months_update_is_refused_over_a_newer_action(
    council, action, people
):
    asha, ben = people
    edit = reverse("action_edit", args=[council.code, action.pk])
    update = reverse("action_update_post", args=[council.code, action.pk])
    ben_version = _opened_version(_client(ben).get(update).content.decode())
    _client(asha).post(edit, _action_form(action, status="complete", opened_version="1"))
    _stamp(Action, action.pk)

    refused = _client(ben).post(
        update,
        {
            "narrative": "Ten offers made.",
            "progress": "on_track",
            "status": "in_progress",
            "opened_version": ben_version,
        },
    )
    assert refused.status_code == 200
    assert f"changed by Asha Patel at {WHEN} since you opened it" in refused.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE
    assert action.updates.count() == 0


def test_the_months_update_keeping_the_status_is_a_new_row_and_is_not_refused(
    council, action, people
):
    asha, ben = people
    update = reverse("action_update_post", args=[council.code, action.pk])
    ben_version = _opened_version(_client(ben).get(update).content.decode())
    services.action_update(action=action, user=asha, title="Recruit more social workers")
    response = _client(ben).post(
        update,
        {
            "narrative": "Ten offers made.",
            "progress": "on_track",
            "status": "not_started",
            "opened_version": ben_version,
        },
    )
    assert response.status_code == 302
    assert action.updates.get().narrative == "Ten offers made."


def test_second_save_of_a_priority_is_refused(council, plan, people):
    asha, ben = people
    priority = plan.priorities.first()
    url = reverse("priority_edit", args=[council.code, priority.pk])
    ben_version = _opened_version(_client(ben).get(url).content.decode())
    form = {"title": priority.title, "outcomes_sought": "", "lead_name": ""}
    assert (
        _client(asha).post(url, form | {"lead_name": "Head of Service", "opened_version": "1"})
    ).status_code == 302
    _stamp(Priority, priority.pk)
    refused = _client(ben).post(url, form | {"lead_name": "DCS", "opened_version": ben_version})
    page = refused.content.decode()
    assert f"This priority was changed by Asha Patel at {WHEN} since you opened it." in page
    assert "Head of Service" in page and "DCS" in page
    priority.refresh_from_db()
    assert priority.lead_name == "Head of Service"


def test_second_save_of_a_milestone_and_a_stale_mark_achieved_are_refused(council, action, people):
    asha, ben = people
    milestone = services.milestone_add(
        user=asha, action=action, title="New front door live", due_on=date(2025, 3, 31)
    )
    edit = reverse("milestone_edit", args=[council.code, milestone.pk])
    achieved = reverse("milestone_achieved", args=[council.code, milestone.pk])
    ben_version = _opened_version(_client(ben).get(edit).content.decode())
    detail = _client(ben).get(reverse("action_detail", args=[council.code, action.pk]))
    assert _opened_version(detail.content.decode()) == "1"

    form = {"title": milestone.title, "due_on": "2025-04-30", "achieved_on": ""}
    assert _client(asha).post(edit, form | {"opened_version": "1"}).status_code == 302
    _stamp(Milestone, milestone.pk)

    refused = _client(ben).post(
        edit, form | {"due_on": "2025-05-31", "opened_version": ben_version}
    )
    assert f"changed by Asha Patel at {WHEN} since you opened it" in refused.content.decode()
    button = _client(ben).post(achieved, {"opened_version": "1"}, follow=True)
    assert f"changed by Asha Patel at {WHEN} since you opened it" in button.content.decode()
    milestone.refresh_from_db()
    assert milestone.due_on == date(2025, 4, 30) and milestone.achieved_on is None


def _inspection_form(inspection, **changes):
    return {
        "kind": inspection.kind,
        "framework": inspection.framework,
        "fieldwork_start": "2019-02-04",
        "fieldwork_end": "2019-02-15",
        "published_on": "2019-05-08",
        "report_url": "",
        "grade_overall": "inadequate",
    } | changes


def test_second_correction_of_an_inspection_is_refused(council, inspection, analysts):
    asha, ben = analysts
    url = reverse("inspection_edit", args=[council.code, inspection.pk])
    ben_version = _opened_version(_client(ben).get(url).content.decode())
    first = _client(asha).post(
        url, _inspection_form(inspection, published_on="2019-05-10", opened_version="1")
    )
    assert first.status_code == 302
    _stamp(Inspection, inspection.pk)
    refused = _client(ben).post(
        url, _inspection_form(inspection, published_on="2019-05-09", opened_version=ben_version)
    )
    page = refused.content.decode()
    assert f"changed by Asha Patel at {WHEN} since you opened it" in page
    assert "10 May 2019" in page and "9 May 2019" in page
    inspection.refresh_from_db()
    assert inspection.published_on == date(2019, 5, 10)


def test_second_save_or_removal_of_a_finding_is_refused(council, inspection, analysts):
    asha, ben = analysts
    finding = inspection.findings.get(kind=Finding.Kind.STRENGTH)
    edit = reverse("finding_edit", args=[council.code, inspection.pk, finding.pk])
    delete = reverse("finding_delete", args=[council.code, inspection.pk, finding.pk])
    ben_version = _opened_version(_client(ben).get(edit).content.decode())
    form = {"kind": "strength", "service_area": "", "text": "Children are seen often."}
    assert _client(asha).post(edit, form | {"opened_version": "1"}).status_code == 302
    _stamp(Finding, finding.pk)

    refused = _client(ben).post(
        edit, form | {"text": "Children are seen weekly.", "opened_version": ben_version}
    )
    page = refused.content.decode()
    assert f"This finding was changed by Asha Patel at {WHEN} since you opened it." in page
    assert "Children are seen often." in page and "Children are seen weekly." in page
    _client(ben).post(delete, {"opened_version": ben_version})
    finding.refresh_from_db()
    assert finding.text == "Children are seen often."
