"""Who sees and does what on the case audit pages, by page and by crafted POST, and the
child-level pages audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def urls(council, programme):
    audit = programme.audits.first()
    return {
        "detail": reverse("assurance_programme_detail", args=[council.code, programme.pk]),
        "audit": reverse("assurance_audit", args=[council.code, audit.pk]),
        "queue": reverse("assurance_moderation_queue", args=[council.code]),
        "drill": reverse("assurance_results_audits", args=[council.code]),
        "moderate": reverse("assurance_moderate", args=[council.code, audit.pk]),
        "add_action": reverse("assurance_action_add", args=[council.code, audit.pk]),
    }


AGGREGATES = (
    "assurance_programme",
    "assurance_results",
    "assurance_actions",
    "assurance_templates",
)


@pytest.mark.parametrize("role", ["board_member", "region", "admin"])
def test_aggregate_only_roles_read_counts_but_no_child(client, council, people, programme, role):
    login(client, people[role])
    for name in AGGREGATES:
        response = client.get(reverse(name, args=[council.code]))
        assert response.status_code == 200, name
        assert b"Child C8" not in response.content and b"SW1" not in response.content
    for name, url in urls(council, programme).items():
        assert client.get(url).status_code == 403, name
    assert not AuditEntry.objects.filter(action="child.view").exists()


@pytest.mark.parametrize("role", ["board_member", "region", "admin", "commissioner"])
def test_a_crafted_post_from_a_role_without_run_audits_is_refused(
    client, council, people, programme, role
):
    login(client, people[role])
    programme_url = reverse("assurance_programme", args=[council.code])
    assert client.post(programme_url, {"month": "2025-01-01"}).status_code == 403
    for name in ("audit", "moderate", "add_action"):
        response = client.post(urls(council, programme)[name], {"overall_grade": "good"})
        assert response.status_code == 403, name
    assert programme.audits.filter(status="not_started").count() == programme.audits.count()


def test_the_commissioner_reads_an_audit_audited_but_no_form(client, council, people, programme):
    login(client, people["commissioner"])
    response = client.get(urls(council, programme)["audit"])
    assert response.status_code == 200
    assert b"Submit for moderation" not in response.content
    entry = AuditEntry.objects.get(action="child.view")
    assert entry.detail["child"] == programme.audits.first().child_id


def test_a_manager_sees_the_form_and_the_sample_audited(client, council, people, programme):
    login(client, people["manager"])
    response = client.get(urls(council, programme)["audit"])
    assert b"Submit for moderation" in response.content
    response = client.get(urls(council, programme)["detail"])
    assert b"Child C8" in response.content and b"SW1" in response.content
    assert AuditEntry.objects.filter(action="child.view").count() == 2


def test_the_auditor_cannot_open_moderation_of_their_own_audit(client, council, people, programme):
    from tests.assurance.conftest import grade_all
    from trajectory.assurance import services

    audit = programme.audits.first()
    services.audit_save(
        audit=audit,
        user=people["manager"],
        answers=grade_all(audit),
        overall_grade="good",
        narrative="",
        submit=True,
    )
    login(client, people["manager"])
    url = urls(council, programme)["moderate"]
    assert client.get(url).status_code == 403
    data = {
        f"q{q.pk}_grade": "good" if q.scale == "ofsted" else "yes"
        for q in audit.programme.template.questions()
    }
    data |= {"overall_grade": "good", "final_grade": "good"}
    assert client.post(url, data).status_code == 403
    audit.refresh_from_db()
    assert audit.status == "submitted"
    login(client, people["leader"])
    assert client.post(url, data).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "moderated"


def test_drawing_a_programme_by_the_form(client, council, people, held, settings):
    settings.TRAJECTORY_TODAY = "2025-03-15"  # the form offers the last twelve months
    login(client, people["analyst"])
    response = client.post(
        reverse("assurance_programme", args=[council.code]),
        {"month": "2025-03-01", "seed": "11"},
    )
    assert response.status_code == 302
    from trajectory.assurance.models import Programme

    made = Programme.objects.get(council=council)
    assert made.seed == 11 and made.audits.exists()
