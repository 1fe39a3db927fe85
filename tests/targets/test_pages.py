"""The targets pages: everyone reads, leaders set and withdraw, a stale form is refused with the
newer setting shown, a board member's write is 403 and another council 404."""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse

from trajectory.targets.models import IndicatorTarget
from trajectory.targets.services import indicator_target_set

MISSING = "cla_missing_pct"


def _post(client, council, data, indicator_id=MISSING):
    return client.post(reverse("target_detail", args=[council.code, indicator_id]), data)


def _form(**overrides):
    return {
        "target": "10",
        "tolerance": "2",
        "reason": "Matches the regional average.",
        "opened_version": "0",
    } | overrides


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_list_shows_every_indicator_its_target_figure_and_rating(
    client, council, leader, make_run
):
    from trajectory.indicators.registry import INDICATORS

    make_run(council, {MISSING: [(date(2025, 3, 31), 11.2)]})
    indicator_target_set(
        actor=leader,
        council=council,
        indicator_id=MISSING,
        target=10.0,
        tolerance=2.0,
        reason="Matches the regional average.",
    )
    client.force_login(leader)
    response = client.get(reverse("targets_list", args=[council.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert all(indicator.title in page for indicator in INDICATORS)
    row = page[page.index(f'data-indicator="{MISSING}"') :]
    row = row[: row.index("</tr>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert "11.2%" in text and "at 31 March 2025" in text
    assert "10.0% or lower" in text and "2.0 percentage points" in text
    assert "Matches the regional average." in text and leader.username in text
    # The rating is words in a coloured tag, never colour alone: 11.2 ≤ 12 is near target.
    assert '<strong class="govuk-tag govuk-tag--orange app-rag" data-rag="near_target">' in row
    assert "Near target" in text


def test_a_leader_sets_a_target_and_sees_it_in_the_history(client, council, leader):
    client.force_login(leader)
    response = _post(client, council, _form())
    assert response.status_code == 302
    response = client.get(response["Location"])
    text = _text(response)
    assert "Target for children who went missing saved." in text
    assert "Change the target" in text and "Withdraw the target" in text
    response = _post(client, council, _form(target="8", reason="Halfway.", opened_version="1"))
    assert response.status_code == 302
    history = client.get(response["Location"]).content.decode()
    history = history[history.index('id="target-history"') :]
    assert history.index("8.0% or lower") < history.index("10.0% or lower")
    assert [s.target for s in IndicatorTarget.objects.order_by("version")] == [10.0, 8.0]


def test_errors_are_shown_on_their_fields(client, council, leader):
    client.force_login(leader)
    response = _post(client, council, _form(target="120", tolerance="lots", reason=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The tolerance must be a number, like 60 or 2.5" in page
    assert "Enter the reason for this target" in page
    assert not IndicatorTarget.objects.exists()
    # The model's range check, on its field, once the form parses.
    response = _post(client, council, _form(target="120"))
    assert 'href="#id_target">The target must be between 0% and 100%' in response.content.decode()


def test_a_stale_form_is_refused_showing_the_newer_setting(client, council, leader, make_user):
    other = make_user("leader", council, username="second-leader")
    indicator_target_set(
        actor=other,
        council=council,
        indicator_id=MISSING,
        target=9.0,
        tolerance=1.0,
        reason="Ours.",
    )
    client.force_login(leader)
    # The form was opened before any target existed (version 0).
    response = _post(client, council, _form())
    assert response.status_code == 200
    text = _text(response)
    assert "Someone else saved a change" in text
    assert "This target was changed by second-leader" in text
    assert "9.0" in text and "Ours." in text  # the newer setting, beside what was typed
    assert 'name="opened_version" value="1"' in response.content.decode()
    assert IndicatorTarget.objects.count() == 1
    # Saving again from the refreshed form is a deliberate choice, and is kept.
    assert _post(client, council, _form(opened_version="1")).status_code == 302
    assert IndicatorTarget.objects.count() == 2


def test_a_leader_withdraws_a_target(client, council, leader):
    client.force_login(leader)
    _post(client, council, _form())
    url = reverse("target_withdraw", args=[council.code, MISSING])
    response = client.post(url, {"withdraw-reason": "", "withdraw-opened_version": "1"})
    assert "Enter why the target is withdrawn" in response.content.decode()
    response = client.post(
        url, {"withdraw-reason": "Measure under review.", "withdraw-opened_version": "1"}
    )
    assert response.status_code == 302
    newest = IndicatorTarget.objects.order_by("-version").first()
    assert newest.withdrawn and newest.reason == "Measure under review."


def test_a_board_member_reads_but_cannot_set(client, council, board_member):
    client.force_login(board_member)
    page = client.get(reverse("target_detail", args=[council.code, MISSING]))
    assert page.status_code == 200
    assert 'id="target-form"' not in page.content.decode()
    listing = _text(client.get(reverse("targets_list", args=[council.code])))
    assert "Targets are set only by leaders." in listing
    response = _post(client, council, _form())
    assert response.status_code == 403
    withdraw = client.post(reverse("target_withdraw", args=[council.code, MISSING]), {})
    assert withdraw.status_code == 403
    assert not IndicatorTarget.objects.exists()


def test_another_councils_targets_are_404(client, council, make_council, make_user):
    outsider = make_user("leader", make_council(code="991", name="Eastshire"))
    client.force_login(outsider)
    assert client.get(reverse("targets_list", args=[council.code])).status_code == 404
    assert client.get(reverse("target_detail", args=[council.code, MISSING])).status_code == 404
    assert _post(client, council, _form()).status_code == 404
    assert not IndicatorTarget.objects.exists()


def test_an_unknown_indicator_is_404(client, council, leader):
    client.force_login(leader)
    assert client.get(reverse("target_detail", args=[council.code, "nope"])).status_code == 404


def test_the_navigation_links_to_targets(client, council, board_member):
    client.force_login(board_member)
    page = client.get(reverse("targets_list", args=[council.code])).content.decode()
    assert f'href="{reverse("targets_list", args=[council.code])}"' in page
    assert (
        f'href="{reverse("targets_list", args=[council.code])}" aria-current="page">Targets</a>'
        in page
    )  # the current page of Performance is marked


def test_the_page_says_when_an_earlier_target_judged_the_figure(client, council, leader, make_run):
    make_run(council, {MISSING: [(date(2025, 3, 31), 11.2)]})
    for target, effective_from in ((12.0, None), (10.0, date(2025, 4, 1))):
        indicator_target_set(
            actor=leader,
            council=council,
            indicator_id=MISSING,
            target=target,
            tolerance=1.0,
            reason="Board.",
            effective_from=effective_from,
        )
    client.force_login(leader)
    text = _text(client.get(reverse("target_detail", args=[council.code, MISSING])))
    assert "On target 11.2% against a target of 12.0% or lower" in text
    assert "Judged against the target in force at the figure's date" in text
    assert "10.0% or lower, for figures from 1 April 2025" in text
