"""A purged upload's page says its problems were deleted, and when, never an empty list.

The upload was refused on 1 September 2026; the purge runs at 10:00 UTC on 2 November 2026
(62 days later, past the 30-day retention), which is 2 November in London too.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.returns.conftest import HEADER
from tests.returns.test_retention import BAD_EPISODES
from trajectory.returns.models import Upload
from trajectory.returns.retention import uploads_purge
from trajectory.returns.services import upload_preview

pytestmark = pytest.mark.django_db

PURGED_ON = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
MESSAGE = (
    "The problems and child rows of this upload were deleted on 2 November 2026 "
    "under the 30-day retention."
)


@pytest.fixture
def purged(council, analyst, write_files):
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=BAD_EPISODES),
    )
    Upload.objects.filter(pk=upload.pk).update(decided_at=datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    uploads_purge(now=PURGED_ON)
    upload.refresh_from_db()
    assert upload.purged_at == PURGED_ON
    return upload


def page(client, user, council, upload) -> str:
    client.force_login(user)
    response = client.get(reverse("upload_detail", args=[council.code, upload.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_before_the_purge_the_page_lists_the_problem(client, council, analyst, write_files):
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=BAD_EPISODES),
    )
    html = page(client, analyst, council, upload)
    assert "31/02/2022" in html
    assert "Download every problem as CSV" in html
    assert "were deleted on" not in html


def test_purged_page_says_what_was_deleted_and_when(client, council, analyst, purged):
    html = page(client, analyst, council, purged)
    assert MESSAGE in html
    # The counts stay: the upload had one error and was refused.
    assert "It had 1 error and 0 warnings." in html
    assert "Refused" in html
    # No list, no downloads, nothing that reads as "no problems".
    assert "31/02/2022" not in html
    assert "Download every problem as CSV" not in html
    assert "Rows to correct" not in html
    assert 'id="error-table"' not in html


def test_purged_message_is_shown_to_every_role_that_reads_the_council(
    client, council, make_user, purged
):
    board_member = make_user("board_member", council)
    assert MESSAGE in page(client, board_member, council, purged)


def test_purged_downloads_are_gone_not_empty(client, council, analyst, purged):
    client.force_login(analyst)
    problems = client.get(reverse("upload_problems", args=[council.code, purged.pk]))
    assert problems.status_code == 404
    rows = client.get(reverse("upload_rejected_rows", args=[council.code, purged.pk, 2]))
    assert rows.status_code == 404


def test_returns_list_says_the_details_were_deleted(client, council, analyst, purged):
    client.force_login(analyst)
    response = client.get(reverse("returns_list", args=[council.code]))
    html = " ".join(response.content.decode().split())
    assert "1 error" in html
    assert "Details deleted 2 November 2026 under the 30-day retention" in html
