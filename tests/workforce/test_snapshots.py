"""The monthly workforce form: roles by form and crafted POST, rates worked by hand, a stale
edit refused with the saved values shown, and the history of a change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from trajectory.councils.models import Role
from trajectory.history.models import Change
from trajectory.web.edit_conflicts import StaleEdit
from trajectory.workforce import selectors, services
from trajectory.workforce.models import WorkforceSnapshot

TODAY = date(2025, 3, 15)
FIGURES = {
    "establishment_fte": "100.0",
    "filled_fte": "88.2",
    "agency_fte": "9.8",
    "vacancies_fte": "1.8",
    "starters": "2",
    "leavers": "3",
    "absence_days": "40.5",
    "supervision_due": "75",
    "supervision_held": "66",
    "caseload_total": "1512",
    "case_holders_fte": "84.0",
    "note": "",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: TODAY)


@pytest.fixture
def analyst(council, make_user):
    return make_user(Role.ANALYST, council)


@pytest.fixture
def board_member(council, make_user):
    return make_user(Role.BOARD_MEMBER, council)


def _values(**changes):
    values = {
        k: (Decimal(v) if "fte" in k or k == "absence_days" else int(v))
        for k, v in FIGURES.items()
        if k != "note"
    }
    return {**values, **changes}


@pytest.fixture
def february(council, analyst):
    return services.snapshot_record(
        council=council, user=analyst, month=date(2025, 2, 1), **_values()
    )


def test_rates_worked_by_hand(council, analyst, february):
    (row,) = selectors.snapshot_rows(analyst, council)
    # vacancies 1.8 / (1.8 + 88.2) = 2.0%; agency 9.8 / (9.8 + 88.2) = 10.0%
    assert row.vacancy_rate == 2.0
    assert row.agency_rate == 10.0
    # 3 leavers / 88.2 FTE = 3.4%; 66 of 75 supervisions = 88.0%; 1512 cases / 84 FTE = 18.0
    assert row.turnover_rate == 3.4
    assert row.supervision_rate == 88.0
    assert row.caseload_per_fte == 18.0


def test_analyst_adds_a_month_by_the_form_and_the_list_shows_it(client, council, analyst):
    client.force_login(analyst)
    url = reverse("workforce_snapshot_add", args=[council.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "March 2025" in page.content.decode()
    response = client.post(url, {"month": "2025-01", **FIGURES})
    assert response.status_code == 302
    item = WorkforceSnapshot.objects.get(council=council)
    assert item.month == date(2025, 1, 1) and item.edit_version == 1
    listing = client.get(reverse("workforce_snapshots", args=[council.code])).content.decode()
    assert "January 2025" in listing and "88.0%" in listing and "2.0%" in listing
    assert Change.objects.filter(subject_id=item.pk, operation="created").count() == 11
    # A month already recorded is not offered again, and a crafted POST for it is refused.
    assert "January 2025" not in client.get(url).content.decode()
    again = client.post(url, {"month": "2025-01", **FIGURES})
    assert again.status_code == 200
    assert WorkforceSnapshot.objects.count() == 1


def test_form_errors_are_shown(client, council, analyst):
    client.force_login(analyst)
    url = reverse("workforce_snapshot_add", args=[council.code])
    bad = {**FIGURES, "month": "2025-01", "filled_fte": "-1", "supervision_held": "80"}
    page = client.post(url, bad).content.decode()
    assert "cannot be below 0" in page
    bad = {**FIGURES, "month": "2025-01", "supervision_held": "80"}
    page = client.post(url, bad).content.decode()
    assert "cannot be more than those due" in page
    assert not WorkforceSnapshot.objects.exists()


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.MANAGER, Role.COMMISSIONER])
def test_readers_read_but_cannot_write(client, council, make_user, february, role):
    user = make_user(role, council)
    client.force_login(user)
    listing = client.get(reverse("workforce_snapshots", args=[council.code]))
    assert listing.status_code == 200
    assert "Add a month" not in listing.content.decode()
    assert (
        "Months are added and changed by performance analysts and leaders."
        in listing.content.decode()
    )
    add = reverse("workforce_snapshot_add", args=[council.code])
    edit = reverse("workforce_snapshot_edit", args=[council.code, "2025-02"])
    assert client.get(add).status_code == 403
    assert client.get(edit).status_code == 403
    assert client.post(add, {"month": "2025-01", **FIGURES}).status_code == 403
    crafted = {**FIGURES, "opened_version": "1", "leavers": "30"}
    assert client.post(edit, crafted).status_code == 403
    february.refresh_from_db()
    assert february.leavers == 3 and WorkforceSnapshot.objects.count() == 1


def test_services_refuse_a_board_member(council, board_member, february):
    with pytest.raises(PermissionDenied):
        services.snapshot_record(
            council=council, user=board_member, month=date(2025, 1, 1), **_values()
        )
    with pytest.raises(PermissionDenied):
        services.snapshot_update(item=february, user=board_member, leavers=9)


def test_another_council_cannot_be_reached(client, council, make_council, make_user, february):
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user(Role.ANALYST, other))
    edit = reverse("workforce_snapshot_edit", args=[council.code, "2025-02"])
    assert client.get(edit).status_code in (403, 404)


def test_a_future_month_is_refused(council, analyst):
    with pytest.raises(ValidationError):
        services.snapshot_record(council=council, user=analyst, month=date(2025, 4, 1), **_values())


def test_stale_edit_is_refused_and_the_change_kept_in_history(
    client, council, analyst, make_user, february
):
    leader = make_user(Role.LEADER, council)
    services.snapshot_update(item=february, user=leader, opened_version=1, leavers=4)
    with pytest.raises(StaleEdit):
        services.snapshot_update(item=february, user=analyst, opened_version=1, leavers=5)
    client.force_login(analyst)
    edit = reverse("workforce_snapshot_edit", args=[council.code, "2025-02"])
    page = client.post(edit, {**FIGURES, "opened_version": "1", "leavers": "5"})
    assert page.status_code == 200
    assert "since you opened it" in page.content.decode()
    february.refresh_from_db()
    assert february.leavers == 4 and february.edit_version == 2
    change = Change.objects.get(subject_id=february.pk, operation="changed")
    assert (change.field, change.before, change.after) == ("leavers", "3", "4")
    shown = client.get(edit).content.decode()
    assert "History of this month" in shown
    # Saved from the page at the current version, the change goes through.
    ok = client.post(edit, {**FIGURES, "opened_version": "2", "leavers": "5"})
    assert ok.status_code == 302
    february.refresh_from_db()
    assert february.leavers == 5 and february.edit_version == 3
