"""The month's update form chooses no answer for the owner (issue 7.5).

Worked by hand: the action is due 30 June 2025 and "today" is 1 May 2025 (60 days away, so
the due-date rule alone would rate it on track). Its latest update, posted on 20 April, says
off track, so rag.py rates it Slipping. Before the fix the form arrived with "On track"
already ticked, and posting the form as it came (a narrative typed, nothing else chosen)
turned it On track.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from trajectory.plans import services
from trajectory.plans.forms import PROGRESS_REQUIRED
from trajectory.plans.rag import action_rag

pytestmark = pytest.mark.django_db

TODAY = date(2025, 5, 1)


@pytest.fixture
def slipping(plan, manager, settings):
    settings.TRAJECTORY_TODAY = TODAY
    action = services.action_create(
        priority=plan.priorities.first(),
        user=manager,
        title="Recruit permanent social workers",
        due_on=date(2025, 6, 30),
        status="in_progress",
    )
    services.progress_update_post(
        action=action,
        user=manager,
        narrative="Recruitment stalled.",
        progress="off_track",
        today=date(2025, 4, 20),
    )
    assert action_rag(action, today=TODAY).key == "slipping"
    return action


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_form_opens_with_neither_answer_ticked(council, manager, slipping):
    page = _client(manager).get(reverse("action_update_post", args=[council.code, slipping.pk]))
    html = page.content.decode()
    radios = re.findall(r'<input class="govuk-radios__input"[^>]*name="progress"[^>]*>', html)
    assert len(radios) == 2  # on track, off track
    assert not any("checked" in radio for radio in radios)


def test_a_post_of_the_form_as_it_came_is_refused_and_changes_nothing(council, manager, slipping):
    url = reverse("action_update_post", args=[council.code, slipping.pk])
    page = _client(manager).get(url).content.decode()
    version = re.search(r'name="opened_version" value="(\d+)"', page).group(1)
    status = re.search(r'<option value="(\w+)" selected>', page).group(1)
    assert status == "in_progress"  # the current status, which posting does not change
    # What a browser sends for the form as it came, with only the narrative typed.
    posted = {"narrative": "Two offers made.", "status": status, "opened_version": version}
    ticked = re.findall(r'name="progress" type="radio" value="(\w+)" checked', page)
    posted.update({"progress": ticked[0]} if ticked else {})

    response = _client(manager).post(url, posted)

    assert response.status_code == 200
    html = response.content.decode()
    assert PROGRESS_REQUIRED in html
    assert 'class="govuk-error-summary"' in html
    assert slipping.updates.count() == 1  # only April's
    slipping.refresh_from_db()
    assert action_rag(slipping, today=TODAY).key == "slipping"


def test_choosing_on_track_is_what_turns_it_on_track(council, manager, slipping):
    url = reverse("action_update_post", args=[council.code, slipping.pk])
    page = _client(manager).get(url).content.decode()
    version = re.search(r'name="opened_version" value="(\d+)"', page).group(1)
    response = _client(manager).post(
        url,
        {
            "narrative": "Six offers accepted.",
            "progress": "on_track",
            "status": "in_progress",
            "opened_version": version,
        },
    )
    assert response.status_code == 302
    assert slipping.updates.count() == 2
    assert action_rag(slipping, today=TODAY).key == "on_track"


def test_the_service_takes_no_default_answer(manager, slipping):
    with pytest.raises(TypeError):
        services.progress_update_post(action=slipping, user=manager, narrative="Nothing said.")


def test_the_model_chooses_no_progress_either(manager, slipping):
    """No default on ProgressUpdate.progress (issue 7.5): an update saved without an answer is
    refused rather than recorded as on track."""
    from django.core.exceptions import ValidationError

    from trajectory.plans.models import ProgressUpdate

    assert not ProgressUpdate._meta.get_field("progress").has_default()
    update = ProgressUpdate(
        action=slipping,
        month=TODAY.replace(day=1),
        narrative="Nothing said.",
        status=slipping.status,
        author=manager,
        on=TODAY,
    )
    with pytest.raises(ValidationError) as refused:
        update.full_clean()
    assert "progress" in refused.value.message_dict
