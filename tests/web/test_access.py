"""Who may reach which page: sign-in required, councils isolated, child rows kept from
board members and region officials, uploads only for the roles allowed."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

AS_AT = "2025-03-31"


def council_pages(code: str, upload_id: int) -> list[str]:
    return [
        reverse("council_home", args=[code]),
        reverse("indicator_detail", args=[code, "cla_count"]),
        reverse("indicator_children", args=[code, "cla_count"]) + f"?as_at={AS_AT}",
        reverse("returns_list", args=[code]),
        reverse("upload_detail", args=[code, upload_id]),
        reverse("upload_problems", args=[code, upload_id]),
    ]


def test_every_page_but_sign_in_needs_a_signed_in_user(client, council, make_user, figures):
    made = figures(council, make_user("analyst", council))
    for url in [reverse("home"), *council_pages(council.code, made["upload"].pk)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    assert client.get(reverse("login")).status_code == 200


def test_sign_in_page_shows_an_error_summary_on_a_wrong_password(client, council, make_user):
    make_user("analyst", council, username="ana")
    response = client.post(reverse("login"), {"username": "ana", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error: Sign in" in html


def test_sign_in_takes_a_one_council_user_to_its_overview(client, council, make_user):
    make_user("analyst", council, username="ana")
    response = client.post(
        reverse("login"), {"username": "ana", "password": "correct horse 1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("council_overview", args=[council.code])


def test_home_lists_each_council_with_the_role(client, council, council_b, make_user):
    from trajectory.councils.services import membership_grant

    user = make_user("region", council, username="reg")
    membership_grant(user=user, council=council_b, role="region")
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Westshire" in html and "Eastshire" in html
    assert "Region or DfE official" in html


@pytest.mark.parametrize("role", ["analyst", "leader", "board_member", "region", "commissioner"])
def test_a_user_of_council_a_gets_404_for_every_page_of_council_b(
    client, council, council_b, make_user, figures, role
):
    figures(council, make_user("analyst", council))
    of_b = figures(council_b, make_user("analyst", council_b))
    client.force_login(make_user(role, council))
    for url in council_pages(council_b.code, of_b["upload"].pk):
        assert client.get(url).status_code == 404, url
    for name in ("upload_accept", "upload_discard"):
        url = reverse(name, args=[council_b.code, of_b["upload"].pk])
        assert client.post(url).status_code == 404, url
    assert client.post(reverse("indicators_recompute", args=[council_b.code])).status_code == 404
    assert client.post(reverse("returns_upload", args=[council_b.code])).status_code == 404


def test_an_upload_of_council_b_is_not_found_under_council_a(
    client, council, council_b, make_user, figures
):
    """The upload's own council is checked, not only the council in the address."""
    analyst = make_user("analyst", council)
    figures(council, analyst)
    of_b = figures(council_b, make_user("analyst", council_b))
    client.force_login(analyst)
    detail = client.get(reverse("upload_detail", args=[council.code, of_b["upload"].pk]))
    assert detail.status_code == 404
    response = client.post(reverse("upload_accept", args=[council.code, of_b["upload"].pk]))
    assert response.status_code == 404
    of_b["upload"].refresh_from_db()
    assert of_b["upload"].status == "preview"


@pytest.mark.parametrize("role", ["board_member", "region"])
def test_roles_without_child_level_access_get_403_saying_why_and_no_link(
    client, council, make_user, figures, role
):
    figures(council, make_user("analyst", council))
    client.force_login(make_user(role, council))
    detail = client.get(reverse("indicator_detail", args=[council.code, "cla_count"]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert reverse("indicator_children", args=[council.code, "cla_count"]) not in html
    assert "Children counted at" not in html
    children = reverse("indicator_children", args=[council.code, "cla_count"]) + f"?as_at={AS_AT}"
    refused = client.get(children)
    assert refused.status_code == 403  # a page of one's own council: 403 saying why (7.6)
    assert (
        "Child-level data is shown only to performance analysts, team and service managers, "
        "leaders, commissioners and improvement partners."
    ) in refused.content.decode()


@pytest.mark.parametrize("role", ["analyst", "manager", "leader", "commissioner"])
def test_child_level_roles_see_the_link(client, council, make_user, figures, role):
    figures(council, make_user("analyst", council, username="ana"))
    client.force_login(make_user(role, council))
    response = client.get(reverse("indicator_detail", args=[council.code, "cla_count"]))
    html = response.content.decode()
    link = reverse("indicator_children", args=[council.code, "cla_count"]) + f"?as_at={AS_AT}"
    assert link in html
    assert "Children counted at 31 March 2025" in html


@pytest.mark.parametrize("role", ["board_member", "region", "manager", "commissioner"])
def test_roles_that_may_not_upload_see_no_form_and_cannot_post(
    client, council, make_user, figures, role
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from trajectory.returns.models import Upload

    made = figures(council, make_user("analyst", council))
    client.force_login(make_user(role, council))
    page = client.get(reverse("returns_list", args=[council.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="file"' not in html and reverse("returns_upload", args=[council.code]) not in html
    before = Upload.objects.count()
    response = client.post(
        reverse("returns_upload", args=[council.code]),
        {"files": [SimpleUploadedFile("episodes.csv", b"CHILD,DECOM\n1,01/04/2024\n")]},
    )
    assert response.status_code in (403, 404)
    assert Upload.objects.count() == before
    detail = client.get(reverse("upload_detail", args=[council.code, made["upload"].pk]))
    assert "Accept as a new version" not in detail.content.decode()
    accept = client.post(reverse("upload_accept", args=[council.code, made["upload"].pk]))
    assert accept.status_code in (403, 404)
    made["upload"].refresh_from_db()
    assert made["upload"].status == "preview"
    recompute = client.post(reverse("indicators_recompute", args=[council.code]))
    assert recompute.status_code in (403, 404)


def test_analyst_sees_the_upload_form_and_recompute_button(client, council, make_user, figures):
    analyst = make_user("analyst", council)
    figures(council, analyst)
    client.force_login(analyst)
    html = client.get(reverse("returns_list", args=[council.code])).content.decode()
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html and "multiple" in html
    scorecard = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert "Recompute indicators" in scorecard


def test_board_member_sees_no_recompute_button(client, council, make_user, figures):
    figures(council, make_user("analyst", council))
    client.force_login(make_user("board_member", council))
    scorecard = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert "Recompute indicators" not in scorecard


def test_state_changing_pages_refuse_get(client, council, make_user, figures):
    analyst = make_user("analyst", council)
    made = figures(council, analyst)
    client.force_login(analyst)
    for url in [
        reverse("returns_upload", args=[council.code]),
        reverse("upload_accept", args=[council.code, made["upload"].pk]),
        reverse("upload_discard", args=[council.code, made["upload"].pk]),
        reverse("indicators_recompute", args=[council.code]),
    ]:
        assert client.get(url).status_code == 405, url
    made["upload"].refresh_from_db()
    assert made["upload"].status == "preview"
