"""Stale data is flagged (issue 7.8): every page built on a return says how old its latest data
is and warns once that age passes TRAJECTORY_STALE_DATA_DAYS. Data to 31 March 2025 is 120 days
old on 29 July 2025 (30 + 31 + 30 + 29) and 121 days old on 30 July."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from trajectory.returns.freshness import data_age

from .conftest import SERIES, add_run, add_version

pytestmark = pytest.mark.django_db

PAGES = [
    ("council_overview", []),
    ("council_home", []),
    ("indicator_detail", ["cla_count"]),
    ("returns_list", []),
]


@pytest.fixture
def reader(make_council, make_user):
    council = make_council()
    add_run(council, add_version(council), SERIES)
    return council, make_user("leader", council)


def _pages(client, council):
    for name, args in PAGES:
        response = client.get(reverse(name, args=[council.code, *args]))
        assert response.status_code == 200, name
        yield name, response.content.decode()


def test_at_the_configured_age_each_page_gives_the_age_without_a_warning(client, settings, reader):
    council, user = reader
    settings.TRAJECTORY_TODAY = "2025-07-29"
    client.force_login(user)
    for name, html in _pages(client, council):
        age = re.search(r'id="data-age" data-days="(\d+)"', html)
        assert age and age.group(1) == "120", name
        assert "Latest data: to 31 March 2025" in html, name
        assert 'id="stale-data-warning"' not in html, name


def test_a_day_past_it_each_page_warns(client, settings, reader):
    council, user = reader
    settings.TRAJECTORY_TODAY = "2025-07-30"
    client.force_login(user)
    for name, html in _pages(client, council):
        warning = re.search(r'id="stale-data-warning">(.*?)</div>', html, re.S)
        assert warning, name
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", warning.group(1)))
        assert "the latest data is to 31 March 2025, 121 days ago, more than 120 days" in text


def test_the_age_is_a_setting(client, settings, reader):
    council, user = reader
    settings.TRAJECTORY_TODAY = "2025-07-30"
    settings.TRAJECTORY_STALE_DATA_DAYS = 200
    client.force_login(user)
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert 'data-days="121"' in html and 'id="stale-data-warning"' not in html


def test_the_age_counts_from_the_newest_version_not_the_first(settings, make_council):
    from datetime import date

    council = make_council()
    add_version(council, data_to=date(2024, 3, 31), number=1)
    add_version(council, data_to=date(2025, 3, 31), number=2)
    age = data_age(council, today=date(2025, 7, 30))
    assert (age.version.number, age.days, age.stale) == (2, 121, True)


def test_no_return_no_age_line(client, make_council, make_user):
    council = make_council()
    client.force_login(make_user("analyst", council))
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert 'id="data-age"' not in html
