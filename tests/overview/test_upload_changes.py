"""What an upload changes (issue 7.17): the preview shows each headline figure now and after
accepting, "Children looked after 58 → 57"-style, counted here from the generated tables
themselves: distinct children with an episode open at 31 March 2025, short breaks aside."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

END = date(2025, 3, 31)


def looked_after_at(episodes: pl.DataFrame, when: date) -> int:
    """An independent count: DECOM on or before the date, DEC empty or after it, not V3/V4."""
    return (
        episodes.filter(
            (pl.col("DECOM") <= when)
            & (pl.col("DEC").is_null() | (pl.col("DEC") > when))
            & ~pl.col("LS").is_in(["V3", "V4"])
        )
        .get_column("CHILD")
        .n_unique()
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from trajectory.synth.demo import corrected_tables
    from trajectory.synth.ssda903 import generate, write_csv

    root = tmp_path_factory.mktemp("changes")
    tables = generate(council_code="990", children=80, years=2, seed=11, end=END)
    corrected = corrected_tables(tables)
    return {
        "before": looked_after_at(tables["Episodes"], END),
        "after": looked_after_at(corrected["Episodes"], END),
        "original": sorted(write_csv(tables, root / "original")),
        "corrected": sorted(write_csv(corrected, root / "corrected")),
    }


@pytest.fixture
def analyst(council, make_user, generated):
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import

    analyst = make_user("analyst", council)
    assert return_import(council=council, user=analyst, paths=generated["original"]).version
    indicators_compute(council=council, user=analyst)
    return analyst


def _upload(client, council, paths):
    from trajectory.returns.models import Upload

    files = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv") for p in paths]
    client.post(reverse("returns_upload", args=[council.code]), {"files": files})
    return Upload.objects.filter(council=council, source="web").latest("pk")


def test_the_preview_shows_the_count_now_and_after(client, council, analyst, generated):
    before, after = generated["before"], generated["after"]
    assert before > after  # the correction closes some open episodes before the end date
    client.force_login(analyst)
    upload = _upload(client, council, generated["corrected"])
    html = client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()

    row = re.search(r'data-indicator="cla_count">(.*?)</tr>', html, re.S).group(1)
    assert re.search(r"data-change>\s*(.*?)\s*</td>", row).group(1) == f"{before} → {after}"
    assert f"−{before - after}" in row
    assert "What accepting this upload changes" in html
    dates = re.sub(r"\s+", " ", re.search(r'id="figure-changes-dates">(.*?)</p>', html).group(1))
    assert "at 31 March 2025" in dates


def test_a_refused_or_decided_upload_shows_no_changes(client, council, analyst, generated):
    from trajectory.returns.models import Upload

    client.force_login(analyst)
    upload = _upload(client, council, generated["corrected"])
    client.post(reverse("upload_accept", args=[council.code, upload.pk]))
    assert Upload.objects.get(pk=upload.pk).status == Upload.Status.ACCEPTED
    html = client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()
    assert 'id="figure-changes"' not in html


def test_the_banner_after_accepting_links_to_the_scorecard(client, council, analyst, generated):
    client.force_login(analyst)
    upload = _upload(client, council, generated["corrected"])
    response = client.post(reverse("upload_accept", args=[council.code, upload.pk]), follow=True)
    banner = re.search(
        r"govuk-notification-banner--success(.*?)</div>\s*</div>", response.content.decode(), re.S
    ).group(1)
    assert f'href="{reverse("council_home", args=[council.code])}"' in banner
