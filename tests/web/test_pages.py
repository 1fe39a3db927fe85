"""What the pages show, read through the test client."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_error_pages_render_without_a_request():
    """Django renders 500.html with an empty context; it must still be a whole page."""
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "trajectory.css" in html


def test_home_without_memberships_explains_what_to_do(client, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x" * 12)
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "You have not been given a role in any council yet" in html


def test_scorecard_tells_an_analyst_to_upload_when_nothing_is_imported(client, council, make_user):
    client.force_login(make_user("analyst", council))
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert 'id="empty-state"' in html
    assert "Upload an SSDA903 return" in html
    assert reverse("returns_list", args=[council.code]) in html


def test_scorecard_empty_state_for_a_board_member_names_who_uploads(client, council, make_user):
    client.force_login(make_user("board_member", council))
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert "Ask a performance analyst to upload one" in html


def test_upload_preview_lists_errors_with_file_row_and_column(client, council, make_user):
    from trajectory.returns.models import Upload

    analyst = make_user("analyst", council)
    upload = Upload.objects.create(
        council=council,
        kind="ssda903",
        uploaded_by=analyst,
        status=Upload.Status.REFUSED,
        files=[{"name": "eps.csv", "size": 5, "sha256": "c" * 64, "table": "Episodes"}],
        errors=[
            {
                "file": "eps.csv",
                "row": 7,
                "column": "DECOM",
                "value": "31/31/2024",
                "message": "DECOM is not a date in the form dd/mm/yyyy",
                "severity": "error",
                "code": "bad_date",
            }
        ],
        warnings=[
            {
                "file": "eps.csv",
                "row": row,
                "column": "PLACE",
                "value": "Q9",
                "message": "PLACE is not a known placement type",
                "severity": "warning",
                "code": "code_list",
            }
            for row in range(2, 252)
        ],
    )
    client.force_login(analyst)
    response = client.get(reverse("upload_detail", args=[council.code, upload.pk]))
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "eps.csv, row 7, column DECOM: DECOM is not a date" in html
    assert "31/31/2024" in html
    # Warnings are summarised by message with a count, and listed only up to 200 rows.
    assert "PLACE is not a known placement type" in html
    assert ">250<" in html
    assert html.count(">Q9<") == 200
    assert "50 more warnings are in the CSV download" in html
    assert "Accept as a new version" not in html
    assert reverse("upload_problems", args=[council.code, upload.pk]) in html


def test_upload_without_files_shows_an_error_and_stores_nothing(client, council, make_user):
    from trajectory.returns.models import Upload

    client.force_login(make_user("analyst", council))
    response = client.post(reverse("returns_upload", args=[council.code]), {})
    assert response.status_code == 400
    assert "Select at least one CSV or XML file" in response.content.decode()
    assert not Upload.objects.exists()
