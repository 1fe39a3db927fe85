"""Issue 6.5: the upload page and its downloads keep child-level data to the roles allowed it.

The upload below waits for a decision with three warnings: children 8855213 and 8855214 have
episodes but no Header row (each warning quotes the identifier) and 8855214's RNE is "Q", not
a DfE code. Neither identifier may reach a board member or a region official, who still see
the counts and what is wrong. Roles with the capability see them, and each view writes one
audit entry with the requesting address. Every child-level response is sent with
`Cache-Control: no-store`.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.returns.models import Upload
from trajectory.returns.services import upload_preview

pytestmark = pytest.mark.django_db

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7734512,1,01/02/2010,WBRI,,,\n"
EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
    "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
)
EPISODES = EPISODES_HEADER + (
    "7734512,01/04/2022,S,C2,N1,U1,PR1,,,,,,\n"
    "8855213,01/04/2022,S,C2,N1,U1,PR1,,,,,,\n"
    "8855214,01/04/2022,Q,C2,N1,U1,PR1,,,,,,\n"
)
ADDRESS = "203.0.113.7"  # TEST-NET-3, documentation only


@pytest.fixture
def previewed(council, analyst, write_files):
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=EPISODES),
    )
    assert upload.status == Upload.Status.PREVIEW
    assert [(w["row"], w["value"]) for w in upload.warnings if w["column"] == "CHILD"] == [
        (3, "8855213"),
        (4, "8855214"),
    ]
    assert upload.warning_count == 3
    return upload


def _urls(council, upload):
    return {
        "page": reverse("upload_detail", args=[council.code, upload.pk]),
        "problems": reverse("upload_problems", args=[council.code, upload.pk]),
        "rejected": reverse("upload_rejected_rows", args=[council.code, upload.pk, 2]),
    }


@pytest.mark.parametrize("role", ["board_member", "region", "admin"])
def test_roles_without_child_level_data_see_counts_and_kinds_but_no_child(
    client, council, make_user, previewed, role
):
    client.force_login(make_user(role, council))
    urls = _urls(council, previewed)
    page = client.get(urls["page"], REMOTE_ADDR=ADDRESS)
    assert page.status_code == 200
    html = page.content.decode()
    assert "8855213" not in html and "8855214" not in html and "7734512" not in html
    assert "Child-level detail is withheld for your role" in html
    assert (
        "Performance analyst, Team or service manager, Leader (DCS, head of service), "
        "Commissioner or improvement partner"
    ) in html
    # The counts and what is wrong, by kind, are still there.
    assert "0 errors, 3 warnings" in html
    assert "This child has a row in Episodes but none in the Header table" in html
    assert "RNE is not one of DfE&#x27;s codes for reason new episode" in html
    assert 'id="warning-table"' not in html and "Rows to correct" not in html
    assert urls["problems"] not in html and urls["rejected"] not in html
    assert "no-store" not in page.get("Cache-Control", "")

    assert client.get(urls["problems"], REMOTE_ADDR=ADDRESS).status_code == 403
    assert client.get(urls["rejected"], REMOTE_ADDR=ADDRESS).status_code == 403
    assert not AuditEntry.objects.filter(action="child.view").exists()


def test_a_refused_upload_names_its_errors_by_kind_without_their_values(
    client, council, analyst, make_user, write_files
):
    episodes = EPISODES_HEADER + "7734512,31/02/2022,S,C2,N1,U1,PR1,,,,,,\n"
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=episodes),
    )
    assert upload.status == Upload.Status.REFUSED
    assert [e["value"] for e in upload.errors] == ["31/02/2022"]
    client.force_login(make_user("board_member", council))
    html = client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()
    assert "This upload cannot be imported" in html
    assert 'id="error-summary"' in html
    assert "DECOM (started on) is not a date" in html
    assert "31/02/2022" not in html and "7734512" not in html
    assert 'id="error-table"' not in html


@pytest.mark.parametrize("role", ["analyst", "manager", "leader", "commissioner"])
def test_roles_with_child_level_data_see_it_audited_with_their_address(
    client, council, make_user, previewed, role
):
    user = make_user(role, council, username=f"{role}-viewer")
    client.force_login(user)
    urls = _urls(council, previewed)

    page = client.get(urls["page"], REMOTE_ADDR=ADDRESS)
    html = page.content.decode()
    assert ">8855213<" in html and ">8855214<" in html
    assert "Child-level detail is withheld" not in html
    assert "no-store" in page["Cache-Control"]
    entry = AuditEntry.objects.get(action="child.view", user=user)
    assert entry.ip_address == ADDRESS
    assert entry.object_type == "Upload" and entry.object_id == str(previewed.pk)
    assert entry.detail == {"page": "upload", "upload": previewed.pk, "rows": 3}

    problems = client.get(urls["problems"], REMOTE_ADDR="198.51.100.2")
    assert problems.status_code == 200
    assert "warning,episodes.csv,3,CHILD,8855213," in problems.content.decode()
    assert "no-store" in problems["Cache-Control"]
    rejected = client.get(urls["rejected"], REMOTE_ADDR="198.51.100.3")
    assert rejected.status_code == 200
    assert b"\n8855213,01/04/2022,S," in rejected.content
    assert "no-store" in rejected["Cache-Control"]

    viewed = AuditEntry.objects.filter(action="child.view", user=user).order_by("pk")
    assert [(e.detail.get("page") or e.detail["download"], e.ip_address) for e in viewed] == [
        ("upload", ADDRESS),
        ("problems", "198.51.100.2"),
        ("rejected rows", "198.51.100.3"),
    ]


def test_an_upload_without_problems_has_no_child_detail_so_no_audit_and_may_be_cached(
    client, council, analyst, write_files
):
    from tests.returns.conftest import EPISODES as CLEAN_EPISODES
    from tests.returns.conftest import HEADER as CLEAN_HEADER

    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=CLEAN_HEADER, episodes__csv=CLEAN_EPISODES),
    )
    assert not upload.errors and not upload.warnings
    client.force_login(analyst)
    page = client.get(reverse("upload_detail", args=[council.code, upload.pk]))
    assert page.status_code == 200
    assert "no-store" not in page.get("Cache-Control", "")
    assert not AuditEntry.objects.filter(action="child.view").exists()


def test_pages_without_child_level_data_are_not_marked_no_store(client, council, analyst):
    client.force_login(analyst)
    for name in ("plan_overview", "returns_list", "council_home"):
        response = client.get(reverse(name, args=[council.code]))
        assert response.status_code == 200, name
        assert "no-store" not in response.get("Cache-Control", ""), name
