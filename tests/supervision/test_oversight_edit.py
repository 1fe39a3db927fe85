"""Changing management oversight recorded against a child: only its author or a team or
service manager; the earlier text kept in the history and shown; two people editing at once
never lose a change (the later save from an older page is refused, both versions shown);
child-level and audited like the other oversight pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role
from trajectory.history.models import Change
from trajectory.supervision import services
from trajectory.supervision.models import CaseOversight
from trajectory.web.edit_conflicts import StaleEdit

D = date


@pytest.fixture
def recorded(council, people):
    """CHILD7's oversight on 3 January 2025, recorded by the analyst."""
    return services.oversight_record(
        council=council,
        user=people[Role.ANALYST],
        child="CHILD7",
        recorded_on=D(2025, 1, 3),
        manager="M1",
        note="Plan reviewed",
    )


def test_who_may_change_it(council, people, make_user, recorded):
    other_analyst = make_user(Role.ANALYST, council, username="another-analyst")
    for user in (
        other_analyst,
        people[Role.LEADER],
        people[Role.COMMISSIONER],
        people[Role.BOARD_MEMBER],
        people[Role.REGION],
    ):
        with pytest.raises(PermissionDenied):
            services.oversight_update(item=recorded, user=user, opened_version=1, note="x")
    recorded.refresh_from_db()
    assert recorded.note == "Plan reviewed" and recorded.edit_version == 1
    services.oversight_update(
        item=recorded, user=people[Role.ANALYST], opened_version=1, note="Plan reviewed again"
    )
    services.oversight_update(
        item=recorded, user=people[Role.MANAGER], opened_version=2, manager="M2"
    )
    recorded.refresh_from_db()
    assert (recorded.note, recorded.manager, recorded.edit_version) == (
        "Plan reviewed again",
        "M2",
        3,
    )
    assert recorded.child == "CHILD7"


def test_history_keeps_the_earlier_text(council, people, recorded):
    services.oversight_update(
        item=recorded,
        user=people[Role.MANAGER],
        opened_version=1,
        note="Plan reviewed; visits on time.",
        recorded_on=D(2025, 1, 6),
    )
    changed = Change.objects.filter(operation="changed", subject_id=recorded.pk).order_by("field")
    assert [(c.field, c.before, c.after, c.username) for c in changed] == [
        ("note", "Plan reviewed", "Plan reviewed; visits on time.", "manager-990"),
        ("recorded_on", "3 January 2025", "6 January 2025", "manager-990"),
    ]
    entry = AuditEntry.objects.get(action="supervision.oversight.update")
    assert sorted(entry.detail["fields"]) == ["note", "recorded_on"]
    assert "Plan reviewed" not in str(entry.detail)  # the audit log holds no child's text


def test_two_people_at_once_lose_nothing(council, people, recorded):
    # Both open the record at version 1; the manager saves first.
    services.oversight_update(
        item=recorded, user=people[Role.MANAGER], opened_version=1, note="Manager's note"
    )
    with pytest.raises(StaleEdit):
        services.oversight_update(
            item=recorded, user=people[Role.ANALYST], opened_version=1, note="Analyst's note"
        )
    recorded.refresh_from_db()
    assert recorded.note == "Manager's note"  # the first save was not overwritten


def _url(council, name, **kwargs):
    return reverse(name, kwargs={"council_code": council.code, **kwargs})


def test_pages(client, council, people, recorded):
    url = _url(council, "supervision_oversight_edit", pk=recorded.pk)
    data = {"recorded_on": "2025-01-03", "manager": "M1", "note": "Manager's note"}

    client.force_login(people[Role.ANALYST])  # the author
    child_page = client.get(_url(council, "supervision_oversight_child", child="CHILD7"))
    assert f'href="{url}"' in child_page.content.decode()
    opened = client.get(url)
    assert opened.status_code == 200 and 'name="opened_version"' in opened.content.decode()
    assert AuditEntry.objects.filter(
        action="child.view", detail__page="supervision.oversight.record"
    ).exists()

    client.force_login(people[Role.MANAGER])  # saves first, from version 1
    assert client.post(url, {**data, "opened_version": "1"}).status_code == 302
    client.force_login(people[Role.ANALYST])  # saves from the page opened at version 1
    stale = client.post(url, {**data, "note": "Analyst's note", "opened_version": "1"})
    text = stale.content.decode()
    assert stale.status_code == 200 and 'id="edit-conflict"' in text
    conflict = text[text.index('id="edit-conflict"') :]
    assert "Manager&#x27;s note" in conflict and "Analyst&#x27;s note" in conflict
    assert CaseOversight.objects.get().note == "Manager's note"
    # Saving again from the conflict page is the deliberate choice to replace it.
    assert (
        client.post(url, {**data, "note": "Analyst's note", "opened_version": "2"}).status_code
        == 302
    )
    page = client.get(url).content.decode()
    history = page[page.index('id="oversight-history"') :]
    assert "Plan reviewed" in history and "Manager&#x27;s note" in history

    client.force_login(people[Role.LEADER])  # reads the record and its history, cannot change
    page = client.get(url)
    assert page.status_code == 200 and 'name="opened_version"' not in page.content.decode()
    assert client.post(url, {**data, "opened_version": "3"}).status_code == 403
    client.force_login(people[Role.BOARD_MEMBER])
    assert client.get(url).status_code == 403
    assert CaseOversight.objects.get().note == "Analyst's note"
