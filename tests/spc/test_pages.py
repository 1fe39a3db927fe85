"""The signals page, the SPC chart and rebase form on the indicator page (hand-worked run in
conftest.py)."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from trajectory.spc.models import LimitRebase


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_signals_page_lists_each_signal_with_its_rule_variation_and_start(client, charted):
    council = charted["council"]
    client.force_login(charted["board"])
    page = client.get(reverse("council_signals", args=[council.code])).content.decode()
    rows = re.findall(
        r'<tr class="govuk-table__row" data-indicator="([^"]+)">(.*?)</tr>', page, re.S
    )
    assert {indicator for indicator, _ in rows} == {"cla_reviews_on_time_pct", "cla_count"}
    cells = dict(rows)
    reviews = _text(cells["cla_reviews_on_time_pct"])
    assert "Special cause: improvement" in reviews
    assert "A point outside the process limits" in reviews
    assert "March 2025" in reviews
    count = _text(cells["cla_count"])
    assert "neither better nor worse" in count and "March 2024" in count
    assert "A point outside the process limits; 7 points in a row each higher" in count
    link = reverse("indicator_detail", args=[council.code, "cla_count"])
    assert f'href="{link}"' in cells["cla_count"]
    assert 'role="img" aria-label="Special cause variation: improvement' in page
    assert 'id="team-form"' not in page  # no figures by team in this run (issue 8.7)
    assert ">Signals</" in page  # in the navigation


def test_the_signals_page_says_when_there_is_no_data_or_no_signal(client, council, make_user):
    from tests.overview.conftest import add_run, add_version

    client.force_login(make_user("analyst", council))
    url = reverse("council_signals", args=[council.code])
    assert "There are no figures yet" in client.get(url).content.decode()
    add_run(council, add_version(council), {"cla_missing_pct": [8.0, 9.0] * 6 + [8.0]})
    page = client.get(url).content.decode()
    assert "No indicator shows special cause variation" in page
    assert 'id="signals"' not in page


def test_the_indicator_page_draws_the_spc_chart_and_offers_the_rebase_form(client, charted):
    council = charted["council"]
    url = reverse("indicator_detail", args=[council.code, "cla_reviews_on_time_pct"])
    client.force_login(charted["analyst"])
    page = client.get(url).content.decode()
    spec = json.loads(
        re.search(
            r'<script id="indicator-chart-spec" type="application/json">(.*?)</script>', page, re.S
        )[1]
    )
    rows = (
        spec["layer"][-1]["data"]["values"]
        if "data" in spec["layer"][-1]
        else spec["data"]["values"]
    )
    assert [row["variation"] for row in rows] == ["common_cause"] * 12 + ["improvement"]
    assert 'id="rebase-form"' in page
    assert "The limits have never been rebased" in page
    text = _text(page)
    assert "Special cause: improvement (a point outside the process limits)" in text
    assert "Special cause variation: improvement, higher figures in March 2025" in text

    client.force_login(charted["board"])
    page = client.get(url).content.decode()
    assert 'id="rebase-form"' not in page and 'id="spc-summary"' in page

    annual = reverse("indicator_detail", args=[council.code, "care_leavers_in_touch_pct"])
    assert 'id="spc-summary"' not in client.get(annual).content.decode()


def test_rebasing_from_the_page(client, charted):
    council = charted["council"]
    client.force_login(charted["analyst"])
    post = reverse("spc_rebase", args=[council.code, "cla_count"])
    date_boxes = {"from_date-day": "1", "from_date-month": "10", "from_date-year": "2024"}
    refused = client.post(post, date_boxes)
    assert refused.status_code == 400
    assert "Enter the reason for rebasing the limits" in refused.content.decode()
    done = client.post(
        post,
        {
            "from_date-day": "1",
            "from_date-month": "10",
            "from_date-year": "2024",
            "reason": "Respite excluded",
        },
    )
    detail = reverse("indicator_detail", args=[council.code, "cla_count"])
    assert done.status_code == 302 and done["Location"] == detail
    rebase = LimitRebase.objects.get()
    page = _text(client.get(detail).content.decode())
    assert "Rebase, in force Respite excluded" in page
    withdraw = reverse("spc_rebase_withdraw", args=[council.code, "cla_count", rebase.pk])
    assert client.post(withdraw, {"reason": "In error"}).status_code == 302
    page = _text(client.get(detail).content.decode())
    assert "Withdrawal In error" in page and "Rebase, withdrawn Respite excluded" in page

    client.force_login(charted["board"])
    assert client.post(post, {"reason": "x"}).status_code == 403


def test_the_target_in_force_is_drawn_with_its_assurance(client, charted):
    from trajectory.targets.services import indicator_target_set

    council = charted["council"]
    # Reviews on time: limits 60.1% to 86.7% (conftest.py). A target of 95%, above the upper
    # limit of a higher-is-better measure, will not be met without a change: not capable.
    indicator_target_set(
        actor=charted["leader"],
        council=council,
        indicator_id="cla_reviews_on_time_pct",
        target=95,
        tolerance=5,
        reason="Ofsted's expectation",
    )
    client.force_login(charted["board"])
    url = reverse("indicator_detail", args=[council.code, "cla_reviews_on_time_pct"])
    page = client.get(url).content.decode()
    script = r'<script id="indicator-chart-spec" type="application/json">(.*?)</script>'
    spec = json.loads(re.search(script, page, re.S)[1])
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert [layer["data"]["values"] for layer in rules] == [[{"target": 95.0}]]
    text = _text(page)
    assert "the target of 95.0% (dotted green line)" in text
    assert "Assurance: the process will not meet the target without change" in text
