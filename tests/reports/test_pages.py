"""The reports pages (issue 12.8): who may generate, read and download which paper."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.reports import services
from trajectory.reports.models import ReportVersion

SEPTEMBER = date(2026, 9, 30)


@pytest.fixture
def versions(council, sample_kind, make_run):
    make_run(council, {SEPTEMBER: 913})
    inside = services.report_generate(user=None, council=council, kind="sample", as_at=SEPTEMBER)
    outside = services.report_generate(
        user=None, council=council, kind="sample", as_at=SEPTEMBER, leaves_council=True
    )
    return inside, outside


def test_an_analyst_generates_a_paper_from_the_form(
    client, council, sample_kind, make_run, make_user
):
    make_run(council, {SEPTEMBER: 913})
    client.force_login(make_user("analyst", council))
    url = reverse("report_generate", args=[council.code, "sample"])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="extra" checked' in html  # on by default
    response = client.post(
        url,
        {
            "as_at-day": "30",
            "as_at-month": "9",
            "as_at-year": "2026",
            "audience": "internal",
            "watermark": "OFFICIAL",
            "distribution": "Improvement Board\nLead Member",
        },  # "extra" unticked: left out
    )
    version = ReportVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report_version", args=[council.code, "sample", 1])
    assert version.omitted == ["extra"]
    assert version.distribution == "Improvement Board\nLead Member"
    page = client.get(response["Location"]).content.decode()
    assert "Looked after: 913." in page
    assert "<li>Lead Member</li>" in page
    assert 'id="section-extra"' not in page


def test_a_board_member_reads_only_papers_made_to_leave_the_council(
    client, council, versions, make_user
):
    inside, outside = versions
    client.force_login(make_user("board_member", council))
    index = client.get(reverse("reports", args=[council.code])).content.decode()
    assert "Version 2" in index and "Version 1" not in index
    assert (
        client.get(reverse("report_version", args=[council.code, "sample", 1])).status_code == 404
    )
    assert (
        client.get(reverse("report_version", args=[council.code, "sample", 2])).status_code == 200
    )
    # Nor may they generate, write or issue.
    assert client.get(reverse("report_generate", args=[council.code, "sample"])).status_code == 403
    issue = reverse("report_issue", args=[council.code, "sample", 2])
    assert client.post(issue).status_code == 403


def test_a_download_is_the_kept_file_and_is_audited(client, council, versions, make_user):
    client.force_login(make_user("leader", council))
    for file_format, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>")):
        response = client.get(
            reverse("report_download", args=[council.code, "sample", 1, file_format])
        )
        assert response.status_code == 200
        assert response.content.startswith(start)
        assert f"990-sample-v1-2026-09-30.{file_format}" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="report.download").count() == 3


def test_another_councils_staff_see_none_of_it(client, council, versions, make_council, make_user):
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("leader", other))
    assert client.get(reverse("reports", args=[council.code])).status_code == 404
    assert (
        client.get(reverse("report_version", args=[council.code, "sample", 1])).status_code == 404
    )


def test_a_narrative_is_written_from_its_draft(client, council, versions, make_user):
    client.force_login(make_user("leader", council))
    url = reverse("report_narrative", args=[council.code, "sample", 1, "sample.narrative"])
    page = client.get(url).content.decode()
    assert "The big group is 40. The small group is 3." in page  # the draft, inside the council
    narrative = versions[0].narratives.get()
    response = client.post(
        url, {"text": "Our own words.", "opened_version": narrative.edit_version}
    )
    assert response.status_code == 302
    assert "Our own words." in client.get(response["Location"]).content.decode()
    # In the paper leaving the council the draft offered is the suppressed one.
    url = reverse("report_narrative", args=[council.code, "sample", 2, "sample.narrative"])
    assert "The small group is c." in client.get(url).content.decode()


def test_the_command_line_generates_and_writes_a_file(
    council, sample_kind, make_run, tmp_path, capsys
):
    make_run(council, {SEPTEMBER: 913})
    out = tmp_path / "paper.docx"
    call_command(
        "report",
        "sample",
        "--council",
        council.code,
        "--as-at",
        "2026-09-30",
        "--format",
        "docx",
        "--out",
        str(out),
        "--external",
        "--omit",
        "extra",
    )
    assert out.read_bytes().startswith(b"PK")
    version = ReportVersion.objects.get()
    assert version.audience == "external" and version.omitted == ["extra"]
    printed = capsys.readouterr().out
    assert "Sample paper, version 1, as at 2026-09-30" in printed
    # The kept version again: the same file.
    again = tmp_path / "again.docx"
    call_command(
        "report",
        "sample",
        "--council",
        council.code,
        "--report-version",
        "1",
        "--format",
        "docx",
        "--out",
        str(again),
    )
    assert again.read_bytes() == out.read_bytes()
