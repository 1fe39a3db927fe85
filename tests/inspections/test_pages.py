"""Inspection pages: who may read, who may enter and correct, and council isolation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.inspections.models import Finding, Inspection
from trajectory.inspections.services import finding_add, inspection_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspected(council, make_user):
    """Westshire with one inadequate standard inspection and one area for improvement."""
    leader = make_user("leader", council)
    inspection = inspection_save(
        council=council,
        user=leader,
        kind="standard",
        fieldwork_start=dt.date(2019, 2, 25),
        fieldwork_end=dt.date(2019, 3, 8),
        published_on=dt.date(2019, 5, 8),
        judgements={
            "overall": "inadequate",
            "leaders": "inadequate",
            "help_and_protection": "inadequate",
            "children_in_care_and_care_leavers": "requires_improvement",
        },
    )
    finding_add(
        inspection=inspection,
        user=leader,
        kind="area_for_improvement",
        service_area="front_door",
        text="Timeliness of strategy discussions.",
    )
    return inspection


def _urls(council, inspection):
    code = council.code
    return {
        "list": reverse("inspection_list", args=[code]),
        "trajectory": reverse("inspection_trajectory", args=[code]),
        "detail": reverse("inspection_detail", args=[code, inspection.pk]),
        "create": reverse("inspection_create", args=[code]),
        "edit": reverse("inspection_edit", args=[code, inspection.pk]),
        "finding": reverse("finding_create", args=[code, inspection.pk]),
    }


def test_board_member_reads_every_page_but_cannot_edit(client, council, make_user, inspected):
    client.force_login(make_user("board_member", council))
    urls = _urls(council, inspected)

    for name in ("list", "trajectory", "detail"):
        response = client.get(urls[name])
        assert response.status_code == 200, name
    detail = client.get(urls["detail"]).content.decode()
    assert "Inadequate" in detail and "Timeliness of strategy discussions." in detail
    assert "Correct this record" not in detail

    for name in ("create", "edit", "finding"):
        assert client.get(urls[name]).status_code == 403, name
    response = client.post(
        urls["edit"], {"kind": "standard", "fieldwork_start": "2019-02-25", "grade_overall": "good"}
    )
    assert response.status_code == 403
    overall = inspected.judgements.get(area="overall")
    assert overall.grade == "inadequate"


def test_analyst_of_another_council_gets_404_everywhere(
    client, council, make_council, make_user, inspected
):
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("analyst", other))

    for name, url in _urls(council, inspected).items():
        assert client.get(url).status_code == 404, name
    # Nor can they reach Westshire's inspection through their own council's address.
    wrong_council = reverse("inspection_detail", args=[other.code, inspected.pk])
    assert client.get(wrong_council).status_code == 404


def test_analyst_enters_an_inspection_by_hand(client, council, make_user):
    analyst = make_user("analyst", council)
    client.force_login(analyst)

    response = client.post(
        reverse("inspection_create", args=[council.code]),
        {
            "kind": "standard",
            "fieldwork_start": "2023-03-13",
            "fieldwork_end": "2023-03-24",
            "published_on": "2023-05-11",
            "grade_overall": "requires_improvement",
            "grade_care_leavers": "requires_improvement",
            "grade_leaders": "good",
        },
    )

    inspection = Inspection.objects.get(council=council)
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection_detail", args=[council.code, inspection.pk])
    assert inspection.source == "manual"
    assert inspection.framework == "ilacs_2023"
    assert {j.area: j.grade for j in inspection.judgements.all()} == {
        "overall": "requires_improvement",
        "care_leavers": "requires_improvement",
        "leaders": "good",
    }
    entry = AuditEntry.objects.get(action="inspection.create")
    assert entry.user == analyst and entry.council == council


def test_correction_is_audited_with_before_and_after(client, council, make_user, inspected):
    client.force_login(make_user("analyst", council))

    response = client.post(
        reverse("inspection_edit", args=[council.code, inspected.pk]),
        {
            "kind": "standard",
            "fieldwork_start": "2019-02-25",
            "fieldwork_end": "2019-03-08",
            "published_on": "2019-05-08",
            "grade_overall": "requires_improvement",
            "opened_version": 1,
        },
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="inspection.correct").get()
    assert entry.detail["before"]["judgements"]["overall"] == "inadequate"
    assert entry.detail["after"]["judgements"] == {"overall": "requires_improvement"}


def test_dates_in_the_wrong_order_are_refused_with_a_message(client, council, make_user):
    client.force_login(make_user("leader", council))

    response = client.post(
        reverse("inspection_create", args=[council.code]),
        {
            "kind": "focused_visit",
            "fieldwork_start": "2024-07-24",
            "fieldwork_end": "2024-07-20",
        },
    )

    assert response.status_code == 200
    assert "The last day of fieldwork must be on or after the first day." in (
        response.content.decode()
    )
    assert not Inspection.objects.exists()


def test_analyst_adds_and_removes_a_finding(client, council, make_user, inspected):
    client.force_login(make_user("analyst", council))
    url = reverse("finding_create", args=[council.code, inspected.pk])

    response = client.post(
        url,
        {
            "kind": "priority_action",
            "service_area": "help_and_protection",
            "text": "Management oversight of child protection plans.",
        },
    )

    assert response.status_code == 302
    finding = Finding.objects.get(kind="priority_action")
    assert finding.inspection == inspected and finding.service_area == "help_and_protection"
    delete = reverse("finding_delete", args=[council.code, inspected.pk, finding.pk])
    assert client.post(delete, {"opened_version": 1}).status_code == 302
    assert not Finding.objects.filter(pk=finding.pk).exists()
    assert AuditEntry.objects.filter(action="finding.remove").count() == 1
