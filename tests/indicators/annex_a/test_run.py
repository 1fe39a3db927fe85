"""An Annex A imported on the one upload path records its span and feeds a run's indicators."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.indicators.annex_a.builders import inspection_workbook
from tests.indicators.test_services import store_version
from trajectory.indicators import selectors
from trajectory.indicators.services import indicators_compute
from trajectory.returns.models import ReturnVersion
from trajectory.returns.services import return_import

D = date


def _written(path):
    path.write_bytes(inspection_workbook())
    return path


@pytest.mark.django_db
def test_an_imported_annex_a_gives_its_figures_to_the_run(client, council, make_user, tmp_path):
    upload = return_import(
        council=council, user=None, paths=[_written(tmp_path / "annex_a.xlsx")], kind="annex_a"
    )
    assert upload.version is not None, upload.errors
    version = ReturnVersion.objects.get(pk=upload.version.pk)
    # from the earliest contact or referral to the latest date in any list
    assert (version.data_from, version.data_to) == (D(2025, 4, 1), D(2025, 9, 30))

    analyst = make_user("analyst", council)
    run = indicators_compute(council=council, user=analyst)  # no SSDA903: Annex A alone
    assert list(run.versions.all()) == [version]
    values = {(v.indicator_id, v.as_at): v for v in run.values.all()}
    # six months to 30 September: authorised A, B, C, D; on time A, C -> 2 / 4
    assessed = values[("annex_a_assessments_45wd_pct", D(2025, 9, 30))]
    assert (assessed.numerator, assessed.denominator, assessed.value) == (2, 4, 50.0)
    # 31 August's six months begin on 1 March, before the lists: no figure
    assert values[("annex_a_assessments_45wd_pct", D(2025, 8, 31))].value is None
    # contacts: A (no referral), B (referred the next working day) -> 1 / 2
    assert values[("annex_a_contacts_to_referral_pct", D(2025, 9, 30))].value == 50.0
    # care leavers aged 19-21 on the day the lists end: L1 (in touch), L2 -> 1 / 2
    assert values[("annex_a_care_leavers_in_touch_pct", D(2025, 9, 30))].value == 50.0
    assert values[("annex_a_care_leavers_in_touch_17_18_pct", D(2025, 9, 30))].value == 100.0
    # every month-end from April to September, the last also the lists' last day
    months = sorted(d for (i, d) in values if i == "annex_a_cpp_open_2years_pct")
    assert months == [D(2025, m, 30 if m in (4, 6, 9) else 31) for m in range(4, 10)]

    # the scorecard shows them; the child list behind a figure reads the same version
    shown = {row.indicator.id: row for row in selectors.scorecard(analyst, council)}
    assert shown["annex_a_assessments_45wd_pct"].shown == "50.0%"
    rows = selectors.indicator_children(
        analyst, council, "annex_a_assessments_45wd_pct", D(2025, 9, 30)
    )
    assert [(r["child_id"], r["counted"]) for r in rows] == [
        ("A", True),
        ("B", False),
        ("C", True),
        ("D", False),
    ]

    # every Annex A indicator has its scorecard row and its page, naming its source (the
    # scorecard page is built once the council has its SSDA903 return)
    store_version(council)
    indicators_compute(council=council, user=analyst)
    client.force_login(analyst)
    home = client.get(reverse("council_home", args=[council.code])).content.decode()
    for indicator_id in (i for i, _ in values if i.startswith("annex_a_")):
        assert f'data-indicator="{indicator_id}"' in home
        page = client.get(reverse("indicator_detail", args=[council.code, indicator_id]))
        assert page.status_code == 200, indicator_id
        html = page.content.decode()
        assert "Annex A" in html
        # lists 3-9 name their team (test_teams.py); list 1's contacts do not
        cut = indicator_id != "annex_a_contacts_to_referral_pct"
        assert ('id="teams-link"' in html) == cut, indicator_id
    latest = client.get(
        reverse("indicator_detail", args=[council.code, "annex_a_assessments_45wd_pct"])
    ).content.decode()
    figure = latest[latest.index('id="latest-figure"') :].split("</p>")[0]
    assert "50.0%" in figure and "30 September 2025" in figure
    children = client.get(
        reverse("indicator_children", args=[council.code, "annex_a_assessments_45wd_pct"]),
        {"as_at": "2025-09-30"},
    )
    assert children.status_code == 200
