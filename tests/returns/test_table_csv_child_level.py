"""A child-level page's table as CSV (issue 7.18) is the page's view run as usual: only for
roles with the child-level capability, audited as a child view and as a table download, and
sent `Cache-Control: no-store` (web/no_store.py)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry

from .test_child_level_views import previewed  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_upload_problems_table_as_csv_is_no_store_and_audited(
    client,
    council,
    make_user,
    previewed,  # noqa: F811
):
    analyst = make_user("analyst", council, username="ana")
    client.force_login(analyst)
    url = reverse("upload_detail", args=[council.code, previewed.pk])
    page = client.get(url).content.decode()
    number = page[: page.index(">8855213<")].count("<table")

    response = client.get(url, {"download": "csv", "table": str(number)})

    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert any("8855213" in row for row in rows)
    actions = AuditEntry.objects.filter(user=analyst).exclude(action="auth.sign_in")
    # The page, then the page again behind the download, then the download itself.
    assert [e.action for e in actions.order_by("pk")] == [
        "child.view",
        "child.view",
        "table.download",
    ]


def test_roles_without_child_level_data_get_no_child_in_the_csv(
    client,
    council,
    make_user,
    previewed,  # noqa: F811
):
    client.force_login(make_user("board_member", council))
    url = reverse("upload_detail", args=[council.code, previewed.pk])
    for number in range(1, 6):
        response = client.get(url, {"download": "csv", "table": str(number)})
        if response.status_code == 404:
            break
        assert "8855213" not in response.content.decode()
