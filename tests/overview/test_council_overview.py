"""The council overview (issue 7.16): a council seeded with a known inspection, plan and
indicator run shows its grade, each priority's RAG, the overdue and slipping actions and the
worsened indicator, each linked to its page; it is where a single-council user lands."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from trajectory.web.overview import council_overview

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_selector_reads_grade_visit_rag_and_what_worsened(seeded):
    overview = council_overview(seeded["leader"], seeded["council"], today=TODAY)

    assert overview.ofsted.inspection == seeded["inspection"]
    assert overview.ofsted.overall_grade == "Inadequate"
    assert overview.ofsted.visit == seeded["visit"]
    # Worst live action of each priority: overdue (red), slipping (amber), on track (green).
    assert [row.rag.key for row in overview.plan.priorities] == ["overdue", "slipping", "on_track"]
    overdue, slipping, _ = seeded["actions"]
    assert [row.action for row in overview.plan.overdue] == [overdue]
    assert [row.action for row in overview.plan.slipping] == [slipping]
    # Only missing episodes worsened: reviews improved, the count of children is not judged.
    assert [row.indicator.id for row in overview.worsened] == ["cla_missing_pct"]
    # 31 March 2025 to 30 June 2025 is 30 + 31 + 30 = 91 days.
    assert overview.age.days == 91 and not overview.age.stale


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_shows_each_item_with_a_link_to_its_page(client, seeded):
    council = seeded["council"]
    client.force_login(seeded["leader"])
    response = client.get(reverse("council_overview", args=[council.code]))
    html = response.content.decode()
    text = _text(html)

    assert response.status_code == 200
    inspection, visit = seeded["inspection"], seeded["visit"]
    assert f'href="{reverse("inspection_detail", args=[council.code, inspection.pk])}"' in html
    assert "Inadequate" in text and "published 8 May 2019" in text
    assert f'href="{reverse("inspection_detail", args=[council.code, visit.pk])}"' in html
    assert "Monitoring visit : Children in care" in text

    first, second, third = seeded["priorities"]
    for priority, rag in [(first, "overdue"), (second, "slipping"), (third, "on_track")]:
        row = re.search(rf'data-priority="{priority.pk}">(.*?)</tr>', html, re.S).group(1)
        assert f'data-rag="{rag}"' in row
        assert reverse("priority_detail", args=[council.code, priority.pk]) in row

    overdue, slipping, _ = seeded["actions"]
    overdue_list = re.search(r'id="overview-overdue">(.*?)</ul>', html, re.S).group(1)
    assert reverse("action_detail", args=[council.code, overdue.pk]) in overdue_list
    assert "1.1 Recruit six social workers" in _text(overdue_list)
    assert "due 31 January 2025" in _text(overdue_list)
    slipping_list = re.search(r'id="overview-slipping">(.*?)</ul>', html, re.S).group(1)
    assert reverse("action_detail", args=[council.code, slipping.pk]) in slipping_list
    assert "2.1 Monthly case supervision" in _text(slipping_list)

    section = re.search(r'id="overview-worsened"(.*?)</section>', html, re.S).group(1)
    worsened = re.search(r'data-indicator="cla_missing_pct">(.*?)</li>', section, re.S).group(1)
    assert reverse("indicator_detail", args=[council.code, "cla_missing_pct"]) in worsened
    # 8.0% in March 2024 (index 0) to 14.0% in March 2025 (index 12: 8 + 12 × 0.5).
    assert "8.0% to 14.0%" in _text(worsened)
    assert 'data-indicator="cla_reviews_on_time_pct"' not in section  # it improved
    assert "Latest data: to 31 March 2025" in text and "91 days before 30 June 2025" in text
    assert 'id="stale-data-warning"' not in html


def test_a_single_council_user_lands_on_the_overview(client, seeded):
    client.force_login(seeded["leader"])
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("council_overview", args=[seeded["council"].code])


def test_every_role_of_the_council_reads_it_and_another_council_gets_404(
    client, seeded, make_user, make_council
):
    council = seeded["council"]
    for role in ["analyst", "manager", "commissioner", "board_member", "region", "admin"]:
        client.force_login(make_user(role, council))
        assert client.get(reverse("council_overview", args=[council.code])).status_code == 200
    outsider = make_user("leader", make_council(code="991", name="Eastshire"))
    client.force_login(outsider)
    assert client.get(reverse("council_overview", args=[council.code])).status_code == 404


def test_a_council_with_nothing_recorded_says_so(client, make_council, make_user):
    council = make_council()
    client.force_login(make_user("board_member", council))
    text = _text(client.get(reverse("council_overview", args=[council.code])).content.decode())
    assert "No return has been imported yet" in text
    assert "Not inspected on record" in text
    assert "There is no improvement plan yet" in text
    assert "The indicators have not been computed yet" in text
