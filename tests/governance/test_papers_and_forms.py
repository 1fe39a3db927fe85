"""Papers tabled for an item are kept as the plan keeps its documents (PDF or Word, by
content hash); attendance and actions are recorded through their forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trajectory.governance import services
from trajectory.governance.models import Attendance, BoardAction, Paper

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a made-up board paper\n%%EOF\n"


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(date(2024, 2, 6), "external")


def test_a_paper_is_uploaded_and_linked_from_the_agenda(client, meeting, leader, board_member):
    item = services.item_add(meeting=meeting, user=leader, title="Performance report")
    client.force_login(leader)
    url = reverse("governance_paper_add", args=[meeting.body.council.code, item.pk])
    response = client.post(
        url, {"title": "Quarter 2 report", "file": SimpleUploadedFile("q2.pdf", PDF)}
    )
    assert response.status_code == 302
    paper = Paper.objects.get(item=item)
    assert paper.document.original_name == "q2.pdf" and paper.document.size == len(PDF)
    client.force_login(board_member)
    page = client.get(reverse("governance_meeting", args=[meeting.body.council.code, meeting.pk]))
    download = reverse("document_download", args=[meeting.body.council.code, paper.document.pk])
    assert download in page.content.decode()
    assert client.get(download).status_code == 200


def test_a_file_that_is_not_a_paper_is_refused_on_the_form(client, meeting, leader):
    item = services.item_add(meeting=meeting, user=leader, title="Performance report")
    client.force_login(leader)
    url = reverse("governance_paper_add", args=[meeting.body.council.code, item.pk])
    response = client.post(url, {"file": SimpleUploadedFile("q2.pdf", b"not a pdf at all")})
    assert response.status_code == 200
    assert "must be a PDF or a Word" in response.content.decode()
    assert "<title>Error: " in response.content.decode()  # GOV.UK: the title says so first
    assert not Paper.objects.exists()


def test_attendance_through_the_form(client, meeting, leader, board):
    sam, pat = board.members.get(name="Sam Lee"), board.members.get(name="Pat Singh")
    client.force_login(leader)
    url = reverse("governance_attendance", args=[board.council.code, meeting.pk])
    assert "Pat Singh" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            f"member_{sam.pk}": "present",
            f"member_{pat.pk}": "apologies",
            "opened_version": meeting.edit_version,
        },
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("member__name", "status")) == {
        "Sam Lee": "present",
        "Pat Singh": "apologies",
    }
    # A second form opened at the old version is refused.
    response = client.post(
        url, {f"member_{sam.pk}": "absent", "opened_version": meeting.edit_version}
    )
    assert response.status_code == 200 and 'id="edit-conflict"' in response.content.decode()
    assert Attendance.objects.get(member=sam).status == "present"


def test_an_internal_meeting_marks_partners_as_not_invited(client, make_meeting, leader, board):
    internal = make_meeting(date(2024, 3, 5), "internal")
    client.force_login(leader)
    page = client.get(reverse("governance_meeting", args=[board.council.code, internal.pk]))
    assert "not invited to internal meetings" in page.content.decode()


def test_an_action_from_a_decision_through_the_form(client, meeting, leader, board):
    decision = services.decision_add(meeting=meeting, user=leader, text="Deep dive on missing.")
    client.force_login(leader)
    url = reverse("governance_action_add", args=[board.council.code, meeting.pk])
    response = client.post(
        url,
        {
            "title": "Bring the missing children deep dive",
            "owner_name": "Head of Service",
            "due_on-day": "30",
            "due_on-month": "4",
            "due_on-year": "2024",
            "status": "not_started",
            "decision": decision.pk,
        },
    )
    assert response.status_code == 302
    action = BoardAction.objects.get()
    assert action.decision == decision and action.council == board.council


def test_a_member_cannot_leave_before_joining(client, leader, board):
    """Pat Singh joined on 1 April 2024: an end date of 31 March 2024 is refused on the form
    and by the service, as a body's own dates are."""
    member = board.members.get(name="Pat Singh")
    with pytest.raises(ValidationError) as refused:
        services.member_update(
            member=member, user=leader, from_on=date(2024, 4, 1), to_on=date(2024, 3, 31)
        )
    assert "to_on" in refused.value.message_dict
    member.refresh_from_db()
    client.force_login(leader)
    url = reverse("governance_member_edit", args=[board.council.code, member.pk])
    response = client.post(
        url,
        {
            "opened_version": member.edit_version,
            "name": "Pat Singh",
            "organisation": "Westshire Academy",
            "organisation_kind": "schools",
            "from_on-day": "1",
            "from_on-month": "4",
            "from_on-year": "2024",
            "to_on-day": "31",
            "to_on-month": "3",
            "to_on-year": "2024",
        },
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.content.decode()
    member.refresh_from_db()
    assert member.to_on is None
