"""The people and audit log pages: only a council's admins manage its people, admins, leaders
and commissioners read its audit log, every other role of the council gets a 403 saying why
(`council_for_user` through `require`), every other council a 404, and the CSV holds the
filtered log."""

from __future__ import annotations

import csv
import datetime as dt
import io
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from trajectory.audit.models import AuditEntry
from trajectory.audit.services import record
from trajectory.councils.models import Membership

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def admin(council, make_user):
    return make_user("admin", council, username="adm")


def people_pages(code: str, membership_id: int) -> list[str]:
    return [
        reverse("people_list", args=[code]),
        reverse("person_add", args=[code]),
        reverse("membership_edit", args=[code, membership_id]),
        reverse("membership_remove", args=[code, membership_id]),
    ]


def test_people_page_lists_each_person_with_their_roles_here_only(
    client, council, council_b, admin, make_user
):
    from trajectory.councils.services import membership_grant

    both = make_user("analyst", council, username="ana")
    membership_grant(user=both, council=council, role="manager")
    membership_grant(user=both, council=council_b, role="leader")
    make_user("board_member", council_b, username="eastern-only")
    client.force_login(admin)

    response = client.get(reverse("people_list", args=[council.code]))
    assert response.status_code == 200
    people = {person.user.username: person for person in response.context["people"]}
    assert set(people) == {"adm", "ana"}
    assert [m.role for m in people["ana"].memberships] == ["analyst", "manager"]
    html = response.content.decode()
    assert "Performance analyst" in html and "Team or service manager" in html
    assert "eastern-only" not in html
    assert "Leader (DCS, head of service)" not in html
    # The nav offers both pages to an admin.
    assert f'href="{reverse("people_list", args=[council.code])}"' in html
    assert f'href="{reverse("audit_log", args=[council.code])}"' in html


def test_last_sign_in_is_a_govuk_date_and_time_or_never(client, council, admin, make_user):
    """Dates through web/dates.py like every page (issue 7.9): 15:04 UTC on 2 December 2026 is
    3:04pm in London (GMT in winter)."""
    signed_in = make_user("analyst", council, username="ana")
    signed_in.last_login = dt.datetime(2026, 12, 2, 15, 4, tzinfo=dt.UTC)
    signed_in.save(update_fields=["last_login"])
    make_user("manager", council, username="never")
    client.force_login(admin)

    html = client.get(reverse("people_list", args=[council.code])).content.decode()

    assert "2 December 2026 at 3:04pm" in html and "15:04" not in html
    assert "Never" in html


def test_an_admin_of_one_council_gets_404_for_another(client, council, council_b, admin, make_user):
    eastern = make_user("analyst", council_b, username="bee")
    membership = eastern.memberships.get()
    client.force_login(admin)
    for url in [*people_pages(council_b.code, membership.pk), reverse("audit_log", args=["991"])]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("membership_remove", args=["991", membership.pk])).status_code == 404
    # Nor through their own council's URL with the other council's membership id.
    for url in people_pages(council.code, membership.pk)[2:]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("membership_remove", args=["990", membership.pk])).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("role", ["analyst", "board_member", "manager", "region", "leader"])
def test_roles_other_than_admin_get_403_on_people_pages(client, council, admin, make_user, role):
    client.force_login(make_user(role, council))
    for url in people_pages(council.code, admin.memberships.get().pk):
        refused = client.get(url)
        assert refused.status_code == 403, url
        assert "managed only by user administrators" in refused.content.decode()
    response = client.post(
        reverse("person_add", args=[council.code]),
        {
            "username": "sneaky",
            "full_name": "Sneaky Person",
            "email": "s@example.org",
            "role": "admin",
        },
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="sneaky").exists()


@pytest.mark.parametrize("role", ["analyst", "board_member", "manager", "region"])
def test_roles_without_the_capability_get_403_on_the_audit_log(client, council, make_user, role):
    client.force_login(make_user(role, council))
    refused = client.get(reverse("audit_log", args=[council.code]))
    assert refused.status_code == 403
    assert (
        "The audit log is shown only to leaders, commissioners and improvement partners and "
        "user administrators."
    ) in refused.content.decode()
    assert client.get(reverse("audit_log_csv", args=[council.code])).status_code == 403
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert ">Audit log<" not in html and ">People<" not in html


@pytest.mark.parametrize("role", ["leader", "commissioner"])
def test_leaders_and_commissioners_read_the_audit_log_but_not_people(
    client, council, admin, make_user, role
):
    client.force_login(make_user(role, council))
    assert client.get(reverse("people_list", args=[council.code])).status_code == 403
    response = client.get(reverse("audit_log", args=[council.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "membership.grant" in html
    assert ">Audit log<" in html and ">People<" not in html


def test_superuser_without_an_admin_role_gets_no_people_link(client, council, make_user):
    user = make_user("analyst", council, username="root")
    User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
    client.force_login(User.objects.get(pk=user.pk))
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert ">People<" not in html
    assert client.get(reverse("people_list", args=[council.code])).status_code == 403


def test_adding_a_person_shows_the_password_once_and_never_caches_it(client, council, admin):
    client.force_login(admin)
    response = client.post(
        reverse("person_add", args=[council.code]),
        {
            "username": "jsmith",
            "full_name": "Jo Smith",
            "email": "jo@example.org",
            "role": "analyst",
            "team": "",
        },
    )
    assert response.status_code == 200
    password = response.context["added"].one_time_password
    assert password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="jsmith")
    assert user.check_password(password) and user.password.startswith("argon2$")
    assert password not in str(dict(client.session))
    # Back on the people page, the password is nowhere.
    html = client.get(reverse("people_list", args=[council.code])).content.decode()
    assert "jsmith" in html and password not in html


def test_adding_an_existing_user_name_redirects_with_a_message(
    client, council, council_b, admin, make_user
):
    make_user("leader", council_b, username="lead")
    client.force_login(admin)
    response = client.post(
        reverse("person_add", args=[council.code]),
        {"username": "lead", "full_name": "", "email": "", "role": "commissioner"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("people_list", args=[council.code])
    html = response.content.decode()
    assert "already had an account" in html
    assert "One-time password" not in html
    assert "Leader (DCS, head of service)" not in html


def test_add_form_errors_are_shown_in_an_error_summary(client, council, admin):
    client.force_login(admin)
    response = client.post(
        reverse("person_add", args=[council.code]),
        {"username": "newbie", "full_name": "", "email": "", "role": "analyst"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "<title>Error:" in html
    assert "Enter the person&#x27;s full name." in html
    assert not User.objects.filter(username="newbie").exists()


def test_no_form_field_can_make_a_superuser(client, council, admin):
    client.force_login(admin)
    client.post(
        reverse("person_add", args=[council.code]),
        {
            "username": "boss",
            "full_name": "Big Boss",
            "email": "b@example.org",
            "role": "admin",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    boss = User.objects.get(username="boss")
    assert not boss.is_superuser and not boss.is_staff


def test_change_and_remove_a_role(client, council, admin, make_user):
    person = make_user("analyst", council, username="ana")
    membership = person.memberships.get()
    client.force_login(admin)
    response = client.post(
        reverse("membership_edit", args=[council.code, membership.pk]),
        {"role": "leader", "team": ""},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "leader"

    response = client.post(reverse("membership_remove", args=[council.code, membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_the_last_admin_is_refused_on_the_page(client, council, admin):
    membership = admin.memberships.get()
    client.force_login(admin)
    response = client.post(reverse("membership_remove", args=[council.code, membership.pk]))
    assert response.status_code == 200
    assert "last user administrator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def _entry_at(when, **fields):
    """An entry written at `when`: the clock is set back, since entries cannot be changed."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        return record(**fields)


def test_audit_log_shows_this_council_and_its_members_sign_ins_only(
    client, council, council_b, admin, make_user
):
    stranger = make_user("analyst", council_b, username="stranger")
    record(user=stranger, action="auth.sign_in")
    record(user=stranger, action="return.upload", council=council_b)
    record(user=admin, action="auth.sign_in")
    record(user=None, action="auth.sign_in_failed", detail={"username": "adm"})
    record(user=None, action="auth.sign_in_failed", detail={"username": "stranger"})
    client.force_login(admin)

    response = client.get(reverse("audit_log", args=[council.code]))
    entries = list(response.context["page"].object_list)
    assert {entry.action for entry in entries} == {
        "council.save",
        "membership.grant",
        "auth.sign_in",
        "auth.sign_in_failed",
    }
    assert all(entry.council in (council, None) for entry in entries)
    assert all(
        entry.username == "adm" or entry.detail.get("username") == "adm"
        for entry in entries
        if entry.council is None
    )
    assert "stranger" not in response.content.decode()


def test_audit_log_filters_and_pages_newest_first(client, council, admin):
    now = timezone.now()
    for n in range(60):
        _entry_at(
            now - timedelta(minutes=n),
            user=admin,
            action="plan.update",
            council=council,
            detail={"n": n},
        )
    _entry_at(now - timedelta(days=10), user=admin, action="child.view", council=council)
    client.force_login(admin)
    url = reverse("audit_log", args=[council.code])

    first = client.get(url, {"action": "plan.update"})
    page = first.context["page"]
    assert page.paginator.count == 60 and len(page.object_list) == 50
    assert [e.detail["n"] for e in page.object_list[:3]] == [0, 1, 2]
    second = client.get(url, {"action": "plan.update", "page": 2})
    assert len(second.context["page"].object_list) == 10
    assert "action=plan.update&amp;page=1" in second.content.decode()

    day = (now - timedelta(days=10)).astimezone(timezone.get_current_timezone()).date()
    dated = client.get(url, {"since": day.isoformat(), "until": day.isoformat()})
    assert [e.action for e in dated.context["page"].object_list] == ["child.view"]

    by_user = client.get(url, {"username": "nobody"})
    assert by_user.context["page"].paginator.count == 0

    wrong_order = client.get(url, {"since": "2025-03-31", "until": "2025-01-01"})
    assert "There is a problem" in wrong_order.content.decode()


def test_csv_download_holds_the_filtered_entries_and_is_audited(client, council, make_user):
    leader = make_user("leader", council, username="lead")
    analyst = make_user("analyst", council, username="ana")
    record(user=analyst, action="child.view", council=council, detail={"indicator": "cla_count"})
    record(user=analyst, action="return.upload", council=council)
    record(user=None, action="auth.sign_in_failed", detail={"username": "=HYPERLINK(1)"})
    record(user=analyst, action="child.view", council=council, detail={"username": "=cmd"})
    client.force_login(leader)

    response = client.get(reverse("audit_log_csv", args=[council.code]), {"action": "child.view"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["action"] for row in rows] == ["child.view", "child.view"]
    assert {row["user"] for row in rows} == {"ana"}
    assert '"indicator": "cla_count"' in rows[1]["detail"]

    download = AuditEntry.objects.filter(action="audit.download").get()
    assert download.username == "lead" and download.council == council
    assert download.detail == {"action": "child.view"}


def test_csv_cells_never_start_a_formula(client, council, admin):
    record(user=admin, action="=SUM(A1)", council=council)
    client.force_login(admin)
    response = client.get(reverse("audit_log_csv", args=[council.code]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert "'=SUM(A1)" in [row["action"] for row in rows]
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_the_demo_admin_manages_the_demo_councils_people(client, tmp_path):
    from trajectory.synth.demo import demo_load

    demo = demo_load(children=60, years=1, seed=7, out_dir=tmp_path)
    client.force_login(demo.users["admin"])
    code = demo.council.code
    response = client.get(reverse("people_list", args=[code]))
    assert response.status_code == 200
    usernames = {person.user.username for person in response.context["people"]}
    assert {"admin", "analyst", "leader", "board-member"} <= usernames
    assert client.get(reverse("audit_log", args=[code])).status_code == 200


def test_an_admin_who_gives_up_their_admin_role_leaves_the_people_pages(
    client, council, admin, make_user
):
    make_user("admin", council, username="adm2")
    client.force_login(admin)
    response = client.post(
        reverse("membership_remove", args=[council.code, admin.memberships.get().pk])
    )
    assert response["Location"] == reverse("home")
    assert client.get(reverse("people_list", args=[council.code])).status_code == 404
