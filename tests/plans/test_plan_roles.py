"""Who may read and who may change the plan, through the real pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from trajectory.plans import services
from trajectory.plans.models import Action, ChangeRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(plan, manager):
    return services.action_create(
        priority=plan.priorities.first(),
        user=manager,
        title="Recruit permanent social workers",
        due_on=date(2025, 6, 30),
    )


def _pages(council, plan, action):
    code = council.code
    priority = action.priority
    return [
        reverse("plan_overview", args=[code]),
        reverse("plan_detail", args=[code, plan.pk]),
        reverse("plan_on_a_page", args=[code, plan.pk]),
        reverse("plan_watch", args=[code, plan.pk]),
        reverse("plan_history", args=[code, plan.pk]),
        reverse("plan_my_actions", args=[code]),
        reverse("priority_detail", args=[code, priority.pk]),
        reverse("action_detail", args=[code, action.pk]),
        reverse("plan_export_xlsx", args=[code, plan.pk]),
        reverse("plan_export_docx", args=[code, plan.pk]),
    ]


def _edit_pages(council, plan, action):
    code = council.code
    priority = action.priority
    return [
        reverse("plan_priority_add", args=[code, plan.pk]),
        reverse("priority_edit", args=[code, priority.pk]),
        reverse("action_add", args=[code, priority.pk]),
        reverse("action_edit", args=[code, action.pk]),
        reverse("action_update_post", args=[code, action.pk]),
        reverse("action_evidence_add", args=[code, action.pk]),
        reverse("priority_evidence_add", args=[code, priority.pk]),
        reverse("action_milestone_add", args=[code, action.pk]),
        reverse("priority_milestone_add", args=[code, priority.pk]),
    ]


@pytest.mark.parametrize("role", ["commissioner", "board_member"])
def test_commissioner_and_board_read_but_cannot_edit(
    role, client, make_user, council, plan, action
):
    reader = make_user(role, council)
    client.force_login(reader)
    for url in _pages(council, plan, action):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("action_detail", args=[council.code, action.pk])).content.decode()
    assert "Recruit permanent social workers" in page
    assert "Post an update" not in page and "Change action" not in page
    for url in _edit_pages(council, plan, action):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "x", "due_on": "2025-01-01"}).status_code == 403, url
    response = client.post(
        reverse("plan_create", args=[council.code]), {"inspection": plan.inspection_id}
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.title == "Recruit permanent social workers"


def test_manager_of_another_council_gets_404(
    client, make_council, make_user, council, plan, action
):
    other_manager = make_user("manager", make_council("991", "Eastshire"))
    client.force_login(other_manager)
    for url in _pages(council, plan, action) + _edit_pages(council, plan, action):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("action_edit", args=[council.code, action.pk]),
        {"title": "Hijacked", "due_on": "2025-01-01", "status": "complete"},
    )
    assert response.status_code == 404
    # Nor can they reach council A's action through their own council's address.
    assert client.get(reverse("action_detail", args=["991", action.pk])).status_code == 404


def test_manager_edits_and_every_edit_appears_in_history(client, manager, council, plan, action):
    client.force_login(manager)
    code = council.code
    response = client.post(
        reverse("action_edit", args=[code, action.pk]),
        {
            "title": "Recruit 50 permanent social workers",
            "owner": manager.pk,
            "owner_name": "",
            "start_on": "2025-01-06",
            "due_on": "2025-09-30",
            "status": "in_progress",
            "opened_version": 1,
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("action_update_post", args=[code, action.pk]),
        {
            "narrative": "Thirty offers accepted.",
            "progress": "on_track",
            "status": "in_progress",
            "opened_version": 2,
        },
    )
    client.post(
        reverse("action_evidence_add", args=[code, action.pk]),
        {"kind": "indicator", "indicator_id": "cla_missing_pct", "note": ""},
    )
    client.post(
        reverse("priority_edit", args=[code, action.priority.pk]),
        {
            "title": "Caseloads",
            "outcomes_sought": "Caseloads below 18",
            "lead_name": "HoS",
            "opened_version": 1,
        },
    )
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS and action.due_on == date(2025, 9, 30)

    history = client.get(reverse("plan_history", args=[code, plan.pk])).content.decode()
    for expected in [
        "Recruit 50 permanent social workers",
        "30 September 2025",
        "In progress",
        "Thirty offers accepted.",
        "Indicator: Children who went missing",
        "Caseloads below 18",
    ]:
        assert expected in history, expected
    fields = set(
        ChangeRecord.objects.filter(plan=plan, username=manager.username).values_list(
            "field", flat=True
        )
    )
    assert {
        "title",
        "due_on",
        "status",
        "start_on",
        "owner",
        "progress update",
        "evidence",
        "outcomes_sought",
        "lead_name",
    } <= fields


def test_create_plan_from_inspection_page(client, make_user, council, inspection):
    leader = make_user("leader", council)
    client.force_login(leader)
    page = client.get(reverse("plan_overview", args=[council.code])).content.decode()
    assert "Start a plan from an inspection" in page and "3 to answer" in page
    response = client.post(
        reverse("plan_create", args=[council.code]),
        {"inspection": inspection.pk, "title": "Children First"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Children First" in page and "Permanence planning is too slow." in page
    assert "15 August 2019" in page


def test_refused_document_shows_an_error(client, manager, council, plan, action):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(manager)
    response = client.post(
        reverse("action_evidence_add", args=[council.code, action.pk]),
        {
            "kind": "document",
            "note": "",
            "document": SimpleUploadedFile("report.pdf", b"GIF89a not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "must be a PDF or a Word" in response.content.decode()


def test_document_download_for_readers(client, make_user, manager, council, plan, action):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(manager)
    pdf = b"%PDF-1.4 audit summary %%EOF"
    client.post(
        reverse("action_evidence_add", args=[council.code, action.pk]),
        {"kind": "document", "note": "Audit", "document": SimpleUploadedFile("audit.pdf", pdf)},
    )
    link = action.evidence.get()
    client.force_login(make_user("board_member", council))
    response = client.get(reverse("document_download", args=[council.code, link.document_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
