"""The escalations pages through the real views: who reads, who writes (by form and by
crafted POST), and where a child's identifier may and may not appear."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.escalations import services
from trajectory.escalations.models import Concern
from trajectory.history.models import Change

pytestmark = pytest.mark.django_db

CHILD = "C987654"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def concern(log_concern):
    return log_concern(child_identifiers=[CHILD])


def _read_pages(council, concern):
    code = council.code
    return [
        reverse("escalations_log", args=[code]),
        reverse("escalations_themes", args=[code]),
        reverse("escalations_concern", args=[code, concern.pk]),
    ]


def _write_pages(council, concern):
    code = council.code
    return [
        reverse("escalations_concern_add", args=[code]),
        reverse("escalations_concern_edit", args=[code, concern.pk]),
        reverse("escalations_concern_escalate", args=[code, concern.pk]),
        reverse("escalations_concern_review", args=[code, concern.pk]),
        reverse("escalations_concern_response", args=[code, concern.pk]),
        reverse("escalations_concern_child", args=[code, concern.pk]),
    ]


@pytest.mark.parametrize("role", ["board_member", "analyst", "commissioner", "region", "admin"])
def test_readers_read_but_cannot_write(role, council, make_user, concern):
    client = _client(make_user(role, council))
    for url in _read_pages(council, concern):
        assert client.get(url).status_code == 200, url
    for url in _write_pages(council, concern):
        assert client.get(url).status_code == 403, url
    # Crafted POSTs, each a valid form, change nothing.
    version = concern.edit_version
    posts = {
        "escalations_concern_add": {
            "raised_by_name": "Someone",
            "partner_kind": "school",
            "raised_on-day": "2",
            "raised_on-month": "3",
            "raised_on-year": "2026",
            "about": "case",
            "theme": "thresholds",
            "summary": "Crafted",
        },
        "escalations_concern_escalate": {
            "opened_version": version,
            "on-day": "6",
            "on-month": "1",
            "on-year": "2026",
        },
        "escalations_concern_review": {
            "opened_version": version,
            "review_outcome": "upheld",
            "review_findings": "Crafted",
            "reviewed_on-day": "6",
            "reviewed_on-month": "1",
            "reviewed_on-year": "2026",
        },
        "escalations_concern_child": {"opened_version": version, "child_identifier": "C1"},
    }
    for name, data in posts.items():
        args = [council.code] if name == "escalations_concern_add" else [council.code, concern.pk]
        assert client.post(reverse(name, args=args), data).status_code == 403, name
    assert Concern.objects.count() == 1
    concern.refresh_from_db()
    assert concern.edit_version == version
    assert concern.steps.count() == 1


def test_a_manager_logs_and_works_a_concern_by_its_forms(council, manager):
    client = _client(manager)
    response = client.post(
        reverse("escalations_concern_add", args=[council.code]),
        {
            "raised_by_name": "Dr B Nurse",
            "raised_by_organisation": "Westshire school nursing",
            "partner_kind": "health",
            "raised_on-day": "1",
            "raised_on-month": "4",
            "raised_on-year": "2026",
            "about": "case",
            "theme": "thresholds",
            "summary": "A referral was closed without a visit.",
            "assigned_to": manager.pk,
            "child_identifiers": "C111111, C222222",
        },
    )
    # 1 April 2026 is after the frozen today (31 March): refused on its field.
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()

    response = client.post(
        reverse("escalations_concern_add", args=[council.code]),
        {
            "raised_by_name": "Dr B Nurse",
            "partner_kind": "health",
            "raised_on-day": "20",
            "raised_on-month": "3",
            "raised_on-year": "2026",
            "about": "case",
            "theme": "thresholds",
            "summary": "A referral was closed without a visit.",
            "assigned_to": manager.pk,
            "child_identifiers": "C111111, C222222",
        },
    )
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("escalations_concern", args=[council.code, concern.pk])

    page = client.get(response["Location"]).content.decode()
    assert "C111111" in page and "C222222" in page
    # Stage 1 from Friday 20 March 2026: due Friday 27 March; overdue on 31 March.
    assert "27 March 2026" in page
    assert "Overdue" in page

    url = reverse("escalations_concern_escalate", args=[council.code, concern.pk])
    response = client.post(
        url,
        {
            "opened_version": concern.edit_version,
            "on-day": "30",
            "on-month": "3",
            "on-year": "2026",
        },
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.steps.count() == 2

    # A second form opened at the old version is refused with both versions shown.
    response = client.post(
        url,
        {
            "opened_version": concern.edit_version - 1,
            "on-day": "31",
            "on-month": "3",
            "on-year": "2026",
        },
    )
    assert response.status_code == 200
    assert 'id="edit-conflict"' in response.content.decode()
    assert concern.steps.count() == 2


def test_child_identifiers_hidden_from_a_board_member(council, concern, board_member):
    before = AuditEntry.objects.filter(action="child.view").count()
    page = _client(board_member).get(
        reverse("escalations_concern", args=[council.code, concern.pk])
    )
    text = page.content.decode()
    assert CHILD not in text
    assert "1 child named" in text
    assert AuditEntry.objects.filter(action="child.view").count() == before


def test_child_identifiers_shown_and_audited_for_a_manager(council, concern, manager):
    response = _client(manager).get(reverse("escalations_concern", args=[council.code, concern.pk]))
    assert CHILD in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.filter(action="child.view").latest("id")
    assert entry.username == manager.username
    assert entry.detail == {"concern": concern.number, "rows": 1}


def test_identifiers_never_on_the_log_the_themes_the_history_or_a_download(
    council, concern, manager
):
    client = _client(manager)
    services.concern_escalate(concern=concern, user=manager, on=date(2026, 1, 9))
    for url in (
        reverse("escalations_log", args=[council.code]),
        reverse("escalations_themes", args=[council.code]),
        reverse("escalations_log", args=[council.code]) + "?download=csv&table=1",
        reverse("escalations_themes", args=[council.code]) + "?download=csv&table=1",
        reverse("escalations_concern", args=[council.code, concern.pk]) + "?download=csv&table=1",
        reverse("escalations_concern", args=[council.code, concern.pk]) + "?download=csv&table=2",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert CHILD not in response.content.decode(), url
    assert not Change.objects.filter(after__contains=CHILD).exists()


def test_the_log_downloads_as_csv_with_formula_safe_cells(council, log_concern, manager):
    log_concern(raised_by_name='=HYPERLINK("http://x","y")')
    response = _client(manager).get(
        reverse("escalations_log", args=[council.code]) + "?download=csv&table=1"
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "Concern 1" in text


def test_the_log_filters(council, log_concern, board_member):
    log_concern(theme="thresholds", raised_on=date(2026, 2, 2))
    log_concern(theme="communication", raised_on=date(2026, 3, 30))
    client = _client(board_member)
    url = reverse("escalations_log", args=[council.code])
    page = client.get(url, {"theme": "thresholds"}).content.decode()
    assert 'data-concern="1"' in page and 'data-concern="2"' not in page
    page = client.get(url, {"overdue": "yes"}).content.decode()
    assert 'data-concern="1"' in page and 'data-concern="2"' not in page


def test_another_councils_concern_is_not_found(council, concern, make_council, make_user):
    other = make_council(code="991", name="Eastshire")
    outsider = make_user("manager", other)
    client = _client(outsider)
    assert (
        client.get(reverse("escalations_concern", args=[other.code, concern.pk])).status_code == 404
    )
    assert client.get(reverse("escalations_log", args=[council.code])).status_code == 404


def test_a_refused_log_form_keeps_the_identifiers_typed_but_is_never_cached(council, manager):
    """A log form refused on one field shows back what was typed, the children's identifiers
    too: that page holds child-level data, so no browser or proxy may keep it."""
    response = _client(manager).post(
        reverse("escalations_concern_add", args=[council.code]),
        {
            "raised_by_name": "Dr B Nurse",
            "partner_kind": "health",
            "about": "case",
            "theme": "thresholds",
            "summary": "A referral was closed without a visit.",
            "child_identifiers": "C111111",
        },
    )
    assert response.status_code == 200
    assert "C111111" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    title = "<title>Error: Log a concern – Westshire – Trajectory</title>"
    assert title in response.content.decode()  # GOV.UK: the title says so first


def test_every_free_text_box_warns_against_naming_a_child(council, concern, manager):
    """Notes, findings and the response are read by everyone in the council and kept in the
    history: each box says not to name a child there."""
    services.concern_review_record(
        concern=concern,
        user=manager,
        outcome=Concern.Outcome.UPHELD,
        findings="Found.",
        reviewed_on=date(2026, 1, 9),
    )
    client = _client(manager)
    for name in (
        "escalations_concern_escalate",
        "escalations_concern_review",
        "escalations_concern_response",
        "escalations_concern_edit",
    ):
        page = client.get(reverse(name, args=[council.code, concern.pk])).content.decode()
        assert "Do not write a child&#x27;s name or identifier here." in page, name
