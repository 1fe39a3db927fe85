"""Links between figures and the plan (issue 7.19): an indicator's page lists the priorities
and actions citing it; evidence figures link to their indicator's page.

Worked by hand: action 1.1 cites "Children who went missing" twice (listed once) and "Reviews
held on time"; priority 2 cites "Children who went missing"; action 1.2 cited it and the link
was removed, so it is not listed. "Long-term placement stability" is cited by nothing.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from trajectory.plans import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(plan, manager, indicator_run):
    first, second = plan.priorities.get(number=1), plan.priorities.get(number=2)
    recruit = services.action_create(
        priority=first, user=manager, title="Recruit social workers", due_on=date(2025, 9, 30)
    )
    dropped = services.action_create(
        priority=first, user=manager, title="Agency audit", due_on=date(2025, 9, 30)
    )
    for indicator_id in ("cla_missing_pct", "cla_missing_pct", "cla_reviews_on_time_pct"):
        services.evidence_link_add(
            user=manager, action=recruit, kind="indicator", indicator_id=indicator_id
        )
    services.evidence_link_add(
        user=manager, priority=second, kind="indicator", indicator_id="cla_missing_pct"
    )
    withdrawn = services.evidence_link_add(
        user=manager, action=dropped, kind="indicator", indicator_id="cla_missing_pct"
    )
    services.evidence_link_remove(link=withdrawn, user=manager)
    return {"recruit": recruit, "second": second}


def _get(user, url) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_selector_lists_each_citing_priority_and_action_once(council, manager, cited):
    citations = selectors.indicator_citations(manager, council, "cla_missing_pct")
    assert [(c.reference, c.title) for c in citations] == [
        ("Action 1.1", "Recruit social workers"),
        ("Priority 2", "Management oversight is not effective."),
    ]
    assert selectors.indicator_citations(manager, council, "cla_long_term_stability_pct") == []


def test_the_indicator_page_lists_the_citing_actions(council, make_user, cited):
    reader = make_user("board_member", council)
    html = _get(reader, reverse("indicator_detail", args=[council.code, "cla_missing_pct"]))
    listed = re.search(r'<ul class="govuk-list" id="citations">(.*?)</ul>', html, re.S)[1]
    action = reverse("action_detail", args=[council.code, cited["recruit"].pk])
    priority = reverse("priority_detail", args=[council.code, cited["second"].pk])
    assert re.findall(r'href="([^"]+)">([^<]+)</a>', listed) == [
        (action, "Action 1.1: Recruit social workers"),
        (priority, "Priority 2: Management oversight is not effective."),
    ]

    html = _get(
        reader, reverse("indicator_detail", args=[council.code, "cla_long_term_stability_pct"])
    )
    assert "No priority or action in Westshire's plan cites this indicator." in html


def test_another_councils_citations_are_not_listed(make_council, make_user, cited):
    other = make_council(code="991", name="Eastshire")
    reader = make_user("board_member", other)
    assert selectors.indicator_citations(reader, other, "cla_missing_pct") == []


def test_evidence_figures_link_to_their_indicator_pages(council, manager, cited):
    html = _get(manager, reverse("action_detail", args=[council.code, cited["recruit"].pk]))
    missing = reverse("indicator_detail", args=[council.code, "cla_missing_pct"])
    reviews = reverse("indicator_detail", args=[council.code, "cla_reviews_on_time_pct"])
    assert f'<a class="govuk-link" href="{missing}">Children who went missing</a>.' in html
    assert f'<a class="govuk-link" href="{reviews}">Reviews held on time</a>.' in html

    html = _get(manager, reverse("priority_detail", args=[council.code, cited["second"].pk]))
    assert f'href="{missing}">Children who went missing</a>' in html
