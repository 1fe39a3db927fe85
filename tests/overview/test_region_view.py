"""The region user's view (issue 7.20): a region or DfE official with roles in two councils sees
both side by side, each with its headline figures, Ofsted grade and plan RAG, and nothing of a
third council where they hold no role."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from trajectory.web.overview import councils_side_by_side

from .conftest import SERIES, TODAY, add_inspections, add_plan, add_run, add_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(make_council, make_user):
    from trajectory.councils.services import membership_grant

    westshire = make_council(code="990", name="Westshire")
    eastshire = make_council(code="991", name="Eastshire", child_population=120_000)
    northshire = make_council(code="992", name="Northshire")
    # Westshire: inadequate, a plan with one priority overdue, one slipping, one on track;
    # 412 children looked after at March 2025 (400 + 12).
    inspection, _ = add_inspections(westshire)
    add_plan(westshire, make_user("leader", westshire), inspection)
    add_run(westshire, add_version(westshire), SERIES)
    # Eastshire: good, no plan, 300 children looked after throughout.
    add_inspections(eastshire, overall="good")
    add_run(eastshire, add_version(eastshire), {"cla_count": [300.0] * 13})
    # Northshire: outstanding, 777 children; the official has no role there.
    add_inspections(northshire, overall="outstanding")
    add_run(northshire, add_version(northshire), {"cla_count": [777.0] * 13})
    official = make_user("region", westshire, username="official")
    membership_grant(user=official, council=eastshire, role="region")
    return official


def test_the_selector_reads_each_council_of_the_official_only(region):
    columns = councils_side_by_side(region, today=TODAY)
    assert [column.council.name for column in columns] == ["Eastshire", "Westshire"]
    east, west = columns
    assert west.headline["cla_count"].value == 412.0
    assert east.headline["cla_count"].value == 300.0
    assert (west.ofsted.overall_grade, east.ofsted.overall_grade) == ("Inadequate", "Good")
    assert west.rag_counts == {"red": 1, "amber": 1, "green": 1}
    assert east.plan is None


def test_home_shows_both_side_by_side_and_nothing_of_the_third(client, region):
    client.force_login(region)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    rows = dict(re.findall(r'data-council="(\d+)">(.*?)</tr>', html, re.S))
    assert sorted(rows) == ["990", "991"]
    west, east = rows["990"], rows["991"]
    assert re.search(r'data-indicator="cla_count">412</td>', west)
    assert re.search(r'data-indicator="cla_count">300</td>', east)
    assert "Inadequate" in west and "Good" in east
    assert "1 red, 1 amber, 1 green" in west and "No plan" in east
    assert reverse("council_overview", args=["990"]) in west
    assert reverse("council_overview", args=["991"]) in east
    assert "Northshire" not in html and "777" not in html and "Outstanding" not in html
