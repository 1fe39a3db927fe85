"""Minutes are drafted for a meeting and approved at a later meeting of the same body,
normally the next; never at the meeting itself or an earlier one."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trajectory.governance import services
from trajectory.history.models import Change

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(make_meeting):
    return [
        make_meeting(date(2024, 1, 16), "internal"),
        make_meeting(date(2024, 2, 6), "external"),
        make_meeting(date(2024, 3, 5), "internal"),
    ]


def _draft(meeting, user):
    return services.minutes_draft(meeting=meeting, user=user, minutes="The board met.")


def test_approved_at_the_next_meeting(meetings, leader):
    first, second, _ = meetings
    _draft(first, leader)
    services.minutes_approve(meeting=first, user=leader, approved_at=second)
    first.refresh_from_db()
    assert first.minutes_status == "approved"
    assert first.minutes_approved_at == second
    assert list(second.approved_minutes_of.all()) == [first]


@pytest.mark.parametrize("at", [0, 1])
def test_never_at_itself_or_an_earlier_meeting(meetings, leader, at):
    second = meetings[1]
    _draft(second, leader)
    with pytest.raises(ValidationError) as refused:
        services.minutes_approve(meeting=second, user=leader, approved_at=meetings[at])
    assert "approved_at" in refused.value.message_dict
    second.refresh_from_db()
    assert second.minutes_status == "draft"


def test_never_at_a_meeting_on_the_same_day(make_meeting, leader):
    morning = make_meeting(date(2024, 1, 16), "internal")
    afternoon = make_meeting(date(2024, 1, 16), "external")
    _draft(morning, leader)
    with pytest.raises(ValidationError):
        services.minutes_approve(meeting=morning, user=leader, approved_at=afternoon)


def test_never_at_another_bodys_meeting(meetings, council, leader):
    cabinet = services.body_create(council=council, user=leader, name="Cabinet", kind="cabinet")
    later = services.meeting_create(
        body=cabinet, user=leader, held_on=date(2024, 4, 1), kind="internal"
    )
    _draft(meetings[0], leader)
    with pytest.raises(ValidationError, match="same body"):
        services.minutes_approve(meeting=meetings[0], user=leader, approved_at=later)


def test_not_before_they_are_drafted_and_not_redrafted_after(meetings, leader):
    first, second, _ = meetings
    with pytest.raises(ValidationError, match="Draft the minutes"):
        services.minutes_approve(meeting=first, user=leader, approved_at=second)
    _draft(first, leader)
    services.minutes_approve(meeting=first, user=leader, approved_at=second)
    with pytest.raises(ValidationError, match="approved"):
        _draft(first, leader)


def test_the_form_offers_later_meetings_the_next_first_and_records_history(
    client, meetings, leader
):
    first, second, third = meetings
    _draft(first, leader)
    client.force_login(leader)
    url = reverse("governance_minutes_approve", args=[first.body.council.code, first.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{second.pk}" selected>' in page
    assert f'<option value="{first.pk}"' not in page
    first.refresh_from_db()
    # A crafted POST naming the meeting itself is refused on the form.
    response = client.post(url, {"approved_at": first.pk, "opened_version": first.edit_version})
    assert response.status_code == 200
    response = client.post(url, {"approved_at": third.pk, "opened_version": first.edit_version})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.minutes_approved_at == third
    change = Change.objects.get(
        subject_id=first.pk, operation="minutes approved", field="minutes_approved_at"
    )
    assert change.after == str(third)


def test_never_at_a_meeting_not_yet_held(settings, meetings, make_meeting, leader, client, council):
    """A meeting in the diary has not approved anything: on 1 March 2024 the board's meeting of
    5 March is still to come, so the minutes of 6 February cannot be approved at it, and the
    form offers no meeting (the one of 16 January is earlier)."""
    settings.TRAJECTORY_TODAY = "2024-03-01"
    _, second, third = meetings
    _draft(second, leader)
    with pytest.raises(ValidationError) as refused:
        services.minutes_approve(meeting=second, user=leader, approved_at=third)
    assert refused.value.message_dict["approved_at"] == [
        "That meeting has not been held yet: minutes are approved at a meeting that has taken "
        "place."
    ]
    client.force_login(leader)
    url = reverse("governance_minutes_approve", args=[council.code, second.pk])
    page = client.get(url).content.decode()
    assert "5 March 2024" not in page
    assert "once a later meeting of the body has been held" in page
    settings.TRAJECTORY_TODAY = "2024-03-05"
    services.minutes_approve(meeting=second, user=leader, approved_at=third)


def test_the_approving_meeting_cannot_move_to_before_the_minutes_it_approved(meetings, leader):
    """The reverse of the rule above: the meeting of 6 February approved January's minutes, so
    it cannot be moved to 16 January or earlier."""
    first, second, _ = meetings
    _draft(first, leader)
    services.minutes_approve(meeting=first, user=leader, approved_at=second)
    second.refresh_from_db()
    for day in (date(2024, 1, 16), date(2024, 1, 10)):
        with pytest.raises(ValidationError) as refused:
            services.meeting_update(meeting=second, user=leader, held_on=day)
        assert "held_on" in refused.value.message_dict
    services.meeting_update(meeting=second, user=leader, held_on=date(2024, 1, 17))
