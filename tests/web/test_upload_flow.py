"""The upload journey through the test client, on a small synthetic return."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

END = date(2025, 3, 31)


@pytest.fixture(scope="module")
def csv_files(tmp_path_factory):
    from trajectory.synth.demo import corrected_tables
    from trajectory.synth.ssda903 import generate, write_csv

    root = tmp_path_factory.mktemp("web-returns")
    tables = generate(council_code="990", children=60, years=2, seed=3, end=END)
    return {
        "original": sorted(write_csv(tables, root / "original")),
        "corrected": sorted(write_csv(corrected_tables(tables), root / "corrected")),
    }


def _as_uploads(paths):
    return [
        SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv") for path in paths
    ]


@pytest.fixture
def imported(council, make_user, csv_files):
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import

    analyst = make_user("analyst", council)
    upload = return_import(council=council, user=analyst, paths=csv_files["original"])
    assert upload.version is not None
    indicators_compute(council=council, user=analyst)
    return analyst


def test_upload_preview_accept_recomputes_and_says_so(client, council, imported, csv_files):
    from trajectory.indicators.models import IndicatorRun
    from trajectory.returns.models import ReturnVersion, Upload

    client.force_login(imported)
    runs_before = IndicatorRun.objects.filter(council=council).count()
    response = client.post(
        reverse("returns_upload", args=[council.code]),
        {"files": _as_uploads(csv_files["corrected"])},
    )
    upload = Upload.objects.filter(council=council, source="web").get()
    assert response.status_code == 302
    assert response["Location"] == reverse("upload_detail", args=[council.code, upload.pk])
    assert upload.status == "preview"

    preview = client.get(response["Location"]).content.decode()
    assert "Waiting for review" in preview
    assert "Episodes" in preview and "Header" in preview
    assert "Accept as a new version" in preview

    accepted = client.post(reverse("upload_accept", args=[council.code, upload.pk]), follow=True)
    assert accepted.redirect_chain[-1][0] == reverse("returns_list", args=[council.code])
    html = accepted.content.decode()
    assert "Version 2 accepted. The indicators have been recomputed from it." in html
    assert ReturnVersion.objects.filter(council=council).count() == 2
    assert IndicatorRun.objects.filter(council=council).count() == runs_before + 1
    latest = IndicatorRun.objects.filter(council=council).order_by("-id").first()
    assert latest.versions.get().number == 2

    # A second accept of the same upload changes nothing and says why.
    again = client.post(reverse("upload_accept", args=[council.code, upload.pk]), follow=True)
    assert "could not be accepted" in again.content.decode()
    assert ReturnVersion.objects.filter(council=council).count() == 2


def test_same_files_again_are_reported_as_already_imported(client, council, imported, csv_files):
    client.force_login(imported)
    response = client.post(
        reverse("returns_upload", args=[council.code]),
        {"files": _as_uploads(csv_files["original"])},
        follow=True,
    )
    html = response.content.decode()
    assert "Already imported" in html
    assert "Accept as a new version" not in html


def test_discard_keeps_the_upload_listed_and_imports_nothing(client, council, imported, csv_files):
    from trajectory.returns.models import ReturnVersion, Upload

    client.force_login(imported)
    client.post(
        reverse("returns_upload", args=[council.code]),
        {"files": _as_uploads(csv_files["corrected"])},
    )
    upload = Upload.objects.filter(council=council, source="web").get()
    response = client.post(reverse("upload_discard", args=[council.code, upload.pk]), follow=True)
    assert f"Upload {upload.pk} discarded" in response.content.decode()
    upload.refresh_from_db()
    assert upload.status == "discarded"
    assert ReturnVersion.objects.filter(council=council).count() == 1


def test_children_list_is_audited_and_readable(client, council, imported):
    from trajectory.audit.models import AuditEntry

    client.force_login(imported)
    url = reverse("indicator_children", args=[council.code, "cla_count"]) + "?as_at=2025-03-31"
    response = client.get(url, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # issue 6.5
    html = response.content.decode()
    assert "Children counted at 31 March 2025" in html
    assert "Child ID" in html
    entry = AuditEntry.objects.get(action="child.view", council=council, user=imported)
    assert entry.ip_address == "203.0.113.9"
    assert client.get(url.replace("2025-03-31", "not-a-date")).status_code == 404


def test_scorecard_and_indicator_pages_show_the_figures(client, council, imported):
    from trajectory.indicators.registry import INDICATORS
    from trajectory.synth.ssda903 import generate, looked_after_on

    client.force_login(imported)
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    for indicator in INDICATORS:
        assert reverse("indicator_detail", args=[council.code, indicator.id]) in html
        assert indicator.title in html
    assert "SSDA903 version 1" in html
    # The latest count is the children with a non-short-break episode open on 31 March 2025,
    # counted straight from the generated tables.
    tables = generate(council_code="990", children=60, years=2, seed=3, end=END)
    expected = looked_after_on(tables, END)
    assert expected > 0
    latest = re.search(r'data-indicator="cla_count">.*?<td[^>]*data-value>([^<]*)</td>', html, re.S)
    assert latest is not None and latest.group(1) == f"{expected:,}"

    url = reverse("indicator_detail", args=[council.code, "cla_3plus_placements_pct"])
    page = client.get(url).content.decode()
    assert 'data-chart-spec="indicator-chart-spec"' in page
    assert '<script id="indicator-chart-spec" type="application/json">' in page
    assert "Lower is better" in page
    missing = reverse("indicator_detail", args=[council.code, "no_such"])
    assert client.get(missing).status_code == 404


def test_recompute_button_makes_a_new_run(client, council, imported):
    from trajectory.indicators.models import IndicatorRun

    client.force_login(imported)
    before = IndicatorRun.objects.filter(council=council).count()
    response = client.post(reverse("indicators_recompute", args=[council.code]), follow=True)
    assert "Indicators recomputed" in response.content.decode()
    assert IndicatorRun.objects.filter(council=council).count() == before + 1
