"""The inspection page (issue 7.10): headings in Ofsted's words, Remove buttons only once the
user asks to change the findings, and each area for improvement linked to the priority that
answers it.

Worked by hand from tests/plans/conftest.py: the inspection names one strength and three
areas for improvement; the plan made from it has priorities 1, 2 and 3 answering the three
areas in order, so "Social worker caseloads are too high." is answered by priority 1.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(user, council, inspection, query: str = "") -> str:
    client = Client()
    client.force_login(user)
    url = reverse("inspection_detail", args=[council.code, inspection.pk]) + query
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _remove_buttons(html: str) -> int:
    return len(re.findall(r'<button type="submit"[^>]*>Remove<', html))


def test_headings_are_plural_in_ofsteds_words(council, inspection, make_user):
    html = _page(make_user("board_member", council), council, inspection)
    assert '<h3 class="govuk-heading-s">Areas for improvement</h3>' in html
    assert '<h3 class="govuk-heading-s">Strengths</h3>' in html
    assert "Area for improvements" not in html


def test_remove_buttons_appear_only_in_edit_mode(council, inspection, make_user):
    analyst = make_user("analyst", council)  # may correct the Ofsted record
    reading = _page(analyst, council, inspection)
    assert _remove_buttons(reading) == 0
    assert "finding_delete" not in reading and "/delete/" not in reading
    assert 'href="?edit=findings#findings"' in reading  # the way into edit mode

    editing = _page(analyst, council, inspection, "?edit=findings")
    assert _remove_buttons(editing) == 4  # one strength and three areas for improvement
    assert "Finish changing findings" in editing


def test_a_reader_gets_no_edit_mode_even_when_asking(council, inspection, make_user):
    html = _page(make_user("board_member", council), council, inspection, "?edit=findings")
    assert _remove_buttons(html) == 0
    assert "Change or remove findings" not in html


def test_an_area_for_improvement_links_to_the_priority_answering_it(
    council, inspection, plan, make_user
):
    first = plan.priorities.get(number=1)
    assert first.finding.text == "Social worker caseloads are too high."
    html = _page(make_user("board_member", council), council, inspection)
    item = re.search(r"<li>Social worker caseloads are too high\..*?</li>", html, re.S).group(0)
    link = reverse("priority_detail", args=[council.code, first.pk])
    assert f'Answered by <a class="govuk-link" href="{link}">priority 1</a>' in item
    strength = re.search(r"<li>Children are seen regularly\..*?</li>", html, re.S).group(0)
    assert "Answered by" not in strength
