"""Who may do what on the intervention's pages, by form and by crafted POST (issue 9.4, 9.7):
only the Commissioner records, corrects and adds follow-ups; the Commissioner and leaders
record events; everyone in the council reads, the DfE official and board members included."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from trajectory.intervention.models import FollowUp, InterventionEvent, Recommendation
from trajectory.intervention.services import followup_add, recommendation_record

NOT_COMMISSIONER = ["analyst", "manager", "leader", "board_member", "region", "admin"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _today(settings):
    settings.TRAJECTORY_TODAY = "2026-10-06"


@pytest.fixture
def recommendation(council, commissioner, final_review, withdraw_option):
    return recommendation_record(
        council=council,
        user=commissioner,
        review=final_review,
        option=withdraw_option,
        made_on=date(2026, 10, 5),
        rationale="The evidence supports withdrawing the trust proposal.",
        conditions="Support continues until the next full inspection.",
    )


def _recommend_post(option):
    return {
        "option": option.pk,
        "made_on-day": "5",
        "made_on-month": "10",
        "made_on-year": "2026",
        "rationale": "Crafted",
        "conditions": "",
    }


@pytest.mark.parametrize("role", NOT_COMMISSIONER)
def test_recording_refused_by_form_and_post(people, council, final_review, withdraw_option, role):
    client = _client(people[role])
    url = reverse("intervention_recommendation_add", args=[council.code, final_review.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _recommend_post(withdraw_option)).status_code == 403
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("role", NOT_COMMISSIONER)
def test_correcting_and_followups_refused(people, council, plan, recommendation, role):
    client = _client(people[role])
    correct = reverse("intervention_recommendation_correct", args=[council.code, recommendation.pk])
    assert client.get(correct).status_code == 403
    data = _recommend_post(recommendation.option) | {"reason": "Crafted", "opened_version": "1"}
    assert client.post(correct, data).status_code == 403
    add = reverse("intervention_followup_add", args=[council.code, recommendation.pk])
    assert client.get(add).status_code == 403
    crafted = {
        "title": "Crafted",
        "owner": people["leader"].pk,
        "due_on-day": "7",
        "due_on-month": "12",
        "due_on-year": "2026",
    }
    assert client.post(add, crafted).status_code == 403
    assert Recommendation.objects.count() == 1
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "manager", "board_member", "region", "admin"])
def test_events_refused_for_other_roles(people, council, role):
    client = _client(people[role])
    url = reverse("intervention_event_add", args=[council.code])
    assert client.get(url).status_code == 403
    crafted = {
        "kind": "direction_issued",
        "occurred_on-day": "8",
        "occurred_on-month": "1",
        "occurred_on-year": "2024",
        "summary": "Crafted",
    }
    assert client.post(url, crafted).status_code == 403
    assert not InterventionEvent.objects.exists()


@pytest.mark.parametrize("role", ["commissioner", "leader"])
def test_events_recorded_by_form(people, council, role):
    client = _client(people[role])
    url = reverse("intervention_event_add", args=[council.code])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "direction_issued",
            "occurred_on-day": "8",
            "occurred_on-month": "1",
            "occurred_on-year": "2024",
            "issued_by": "The Minister for Children",
            "summary": "Work with the Commissioner.",
            "period_ends_on-day": "",
            "period_ends_on-month": "",
            "period_ends_on-year": "",
            "reference": "Direction, 8 January 2024",
        },
    )
    assert response.status_code == 302
    event = InterventionEvent.objects.get()
    assert event.recorded_by == people[role] and event.occurred_on == date(2024, 1, 8)
    page = client.get(reverse("intervention_events", args=[council.code])).content.decode()
    assert "Statutory direction issued" in page and "Direction, 8 January 2024" in page


def test_impossible_trust_event_shows_the_error(people, council):
    client = _client(people["leader"])
    response = client.post(
        reverse("intervention_event_add", args=[council.code]),
        {
            "kind": "trust_paused",
            "occurred_on-day": "15",
            "occurred_on-month": "9",
            "occurred_on-year": "2025",
            "summary": "Paused",
        },
    )
    assert response.status_code == 400
    assert "cannot follow" in response.content.decode()


@pytest.mark.parametrize("role", ["region", "board_member", "analyst", "leader"])
def test_everyone_reads_the_recommendation(people, council, plan, recommendation, role):
    followup_add(
        recommendation=recommendation,
        user=people["commissioner"],
        title="Work with the schools' community",
        owner=people["leader"],
        due_on=date(2026, 12, 7),
    )
    client = _client(people[role])
    page = client.get(reverse("intervention_recommendation", args=[council.code]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Withdraw the trust proposal" in text
    assert "Work with the schools&#x27; community" in text
    assert "7 December 2026" in text and "On track" in text
    assert "Political leadership" in text  # the review's domains
    assert "Add a follow-up action" not in text  # no writing controls for readers


def test_outsider_gets_404(make_council, make_user, council, recommendation):
    other = make_council(code="991", name="Eastshire")
    stranger = make_user("commissioner", other, username="stranger")
    client = _client(stranger)
    assert (
        client.get(reverse("intervention_recommendation", args=[council.code])).status_code == 404
    )


def test_commissioner_records_corrects_and_adds_by_form(
    people, council, plan, final_review, withdraw_option
):
    client = _client(people["commissioner"])
    page = client.get(reverse("intervention_recommendation", args=[council.code])).content.decode()
    assert "has no recommendation" in page
    add = reverse("intervention_recommendation_add", args=[council.code, final_review.pk])
    assert client.get(add).status_code == 200
    response = client.post(add, _recommend_post(withdraw_option) | {"rationale": "Evidence."})
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    correct = reverse("intervention_recommendation_correct", args=[council.code, rec.pk])
    form = client.get(correct).content.decode()
    assert 'name="opened_version" value="1"' in form
    response = client.post(
        correct,
        _recommend_post(withdraw_option)
        | {"rationale": "Evidence, clarified.", "reason": "Clearer", "opened_version": "1"},
    )
    assert response.status_code == 302
    # The same form sent again from version 1 is stale: refused, both versions shown.
    stale = client.post(
        correct,
        _recommend_post(withdraw_option)
        | {"rationale": "Another", "reason": "Again", "opened_version": "1"},
    )
    assert stale.status_code == 400
    assert "since you opened it" in stale.content.decode()
    assert Recommendation.objects.count() == 2
    newest = Recommendation.objects.get(version=2)
    followup = reverse("intervention_followup_add", args=[council.code, newest.pk])
    response = client.post(
        followup,
        {
            "title": "Schools' work",
            "owner": people["leader"].pk,
            "owner_name": "",
            "due_on-day": "7",
            "due_on-month": "12",
            "due_on-year": "2026",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("intervention_recommendation", args=[council.code])).content.decode()
    assert "Earlier versions" in page and "Superseded" in page
    assert "Evidence, clarified." in page
    watch = client.get(reverse("plan_watch", args=[council.code, plan.pk])).content.decode()
    assert "The Commissioner's follow-up actions" in watch
    assert "Schools&#x27; work" in watch


def test_recording_on_a_draft_review_is_refused_on_the_page(make_review, people, council):
    review = make_review(council, status="commissioner_opinion")
    client = _client(people["commissioner"])
    url = reverse("intervention_recommendation_add", args=[council.code, review.pk])
    response = client.post(url, {"rationale": "x"})
    assert "only on a final review" in response.content.decode()
    assert not Recommendation.objects.exists()
