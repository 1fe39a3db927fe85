"""The plan pages that show indicator figures say how old the data is, as every page built on a
return does (issue 7.8): data to 31 March 2025 is 121 days old on 30 July 2025, past the
default 120, so the plan pages that show figures or their movement (the priority page, the plan on a
page, the plan's overview with each priority's impact, the watch list's worsening indicators)
give the age and warn."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.overview.conftest import SERIES, add_run, add_version

pytestmark = pytest.mark.django_db


def test_plan_pages_with_figures_give_the_data_age(client, settings, council, manager, plan):
    add_run(council, add_version(council), SERIES)
    settings.TRAJECTORY_TODAY = "2025-07-30"
    settings.TRAJECTORY_STALE_DATA_DAYS = 120
    client.force_login(manager)
    priority = plan.priorities.order_by("number").first()
    for url in (
        reverse("priority_detail", args=[council.code, priority.pk]),
        reverse("plan_on_a_page", args=[council.code, plan.pk]),
        reverse("plan_overview", args=[council.code]),
        reverse("plan_watch", args=[council.code, plan.pk]),
    ):
        html = client.get(url).content.decode()
        age = re.search(r'id="data-age" data-days="(\d+)"', html)
        assert age and age.group(1) == "121", url
        assert "Latest data: to 31 March 2025" in html, url
        assert 'id="stale-data-warning"' in html, url
