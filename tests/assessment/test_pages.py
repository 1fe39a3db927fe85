"""Pages by role: forms shown only to the side's writers; crafted POSTs by the wrong role are
403; a final review's edit pages refuse everyone."""

from __future__ import annotations

import pytest

from tests.assessment.conftest import opine_all, self_assess_all
from trajectory.assessment import services


def base(council):
    return f"/councils/{council.code}/assessment"


def test_reviews_list_and_start(client, council, leader, framework):
    client.force_login(leader)
    page = client.get(base(council) + "/")
    assert page.status_code == 200 and "Start a review" in page.content.decode()
    response = client.post(
        base(council) + "/start/",
        {
            "framework": framework.pk,
            "kind": "mid_year",
            "as_at-day": "20",
            "as_at-month": "4",
            "as_at-year": "2026",
        },
    )
    assert response.status_code == 302
    workspace = client.get(response.url).content.decode()
    assert "Progress under intervention, version 1" in workspace
    assert workspace.count("Change self-assessment") == 8
    assert "Change opinion" not in workspace


def test_start_form_shows_errors(client, council, leader, framework):
    client.force_login(leader)
    page = client.post(base(council) + "/start/", {"framework": framework.pk}).content.decode()
    assert "There is a problem" in page and "Enter the date of the review" in page
    # GOV.UK: a page with errors says so first in its title, which names the council.
    assert "<title>Error: Reviews – Westshire – Trajectory</title>" in page
    # GOV.UK: the error summary comes first, above the page's heading (the form is below).
    assert page.index("govuk-error-summary") < page.index("<h1")
    again = client.get(base(council) + "/").content.decode()
    assert "<title>Reviews – Westshire – Trajectory</title>" in again


def test_self_assessment_by_form(client, council, leader, review):
    entry = review.domains.get(domain__number=4)
    client.force_login(leader)
    url = f"{base(council)}/domains/{entry.pk}/self/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "self_rating": "Met",
            "self_narrative": "QA embedded.",
            "self_evidence": "",
            "opened_version": entry.edit_version,
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.self_rating == "Met"


@pytest.mark.parametrize("role", ["leader", "manager", "analyst", "board_member", "region"])
def test_no_one_but_the_commissioner_changes_an_opinion(
    client, council, make_user, review, role, leader
):
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    entry = review.domains.first()
    user = leader if role == "leader" else make_user(role, council)
    client.force_login(user)
    workspace = client.get(f"{base(council)}/reviews/{review.pk}/").content.decode()
    assert "Change opinion" not in workspace
    url = f"{base(council)}/domains/{entry.pk}/opinion/edit/"
    assert client.get(url).status_code == 403
    crafted = {"opinion_rating": "Met", "opened_version": entry.edit_version}
    assert client.post(url, crafted).status_code == 403
    assert client.post(f"{base(council)}/reviews/{review.pk}/finalise/").status_code == 403
    entry.refresh_from_db()
    assert entry.opinion_rating == ""


@pytest.mark.parametrize("role", ["board_member", "region"])
def test_readers_read_but_write_nothing(client, council, make_user, review, role, framework):
    entry = review.domains.first()
    client.force_login(make_user(role, council))
    page = client.get(f"{base(council)}/reviews/{review.pk}/").content.decode()
    assert "Political leadership" in page and "Change self-assessment" not in page
    assert "Start a review" not in client.get(base(council) + "/").content.decode()
    url = f"{base(council)}/domains/{entry.pk}/self/edit/"
    assert client.post(url, {"self_rating": "Met", "opened_version": 1}).status_code == 403
    assert client.post(f"{base(council)}/reviews/{review.pk}/submit/").status_code == 403
    assert (
        client.post(
            f"{base(council)}/domains/{entry.pk}/self/evidence/add/",
            {"cited": "indicator:cla_count"},
        ).status_code
        == 403
    )
    assert client.post(f"{base(council)}/frameworks/{framework.pk}/copy/", {}).status_code == 403
    assert client.post(base(council) + "/start/", {}).status_code == 403


def test_a_final_review_refuses_crafted_posts(client, council, leader, commissioner, review):
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    services.review_opinion_give(review=review, user=commissioner)
    services.review_finalise(review=review, user=commissioner)
    entry = review.domains.first()
    client.force_login(commissioner)
    page = client.get(f"{base(council)}/reviews/{review.pk}/").content.decode()
    assert "Change opinion" not in page and "Correct this review" in page
    url = f"{base(council)}/domains/{entry.pk}/opinion/edit/"
    assert (
        client.post(
            url, {"opinion_rating": "Met", "opened_version": entry.edit_version}
        ).status_code
        == 403
    )
    response = client.post(f"{base(council)}/reviews/{review.pk}/finalise/")
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.opinion_rating == "Progressing"
    # Correct through the page: a new version, the old one readable and marked superseded.
    response = client.post(f"{base(council)}/reviews/{review.pk}/correct/", {"reason": "Typo."})
    assert response.status_code == 302
    old = client.get(f"{base(council)}/reviews/{review.pk}/").content.decode()
    assert "superseded by a correction" in old


def test_other_pages_render(client, council, leader, commissioner, review, framework):
    self_assess_all(review, leader)
    client.force_login(commissioner)
    for path in (
        "/domain-history/4/",
        "/frameworks/",
        f"/frameworks/{framework.pk}/",
        f"/reviews/{review.pk}/history/",
        f"/frameworks/{framework.pk}/scale/",
        f"/framework-domains/{framework.domains.first().pk}/edit/",
    ):
        assert client.get(base(council) + path).status_code == 200, path
    history = client.get(f"{base(council)}/domain-history/4/").content.decode()
    assert "Well progressed" in history
    response = client.post(f"{base(council)}/frameworks/{framework.pk}/copy/", {"name": ""})
    assert response.status_code == 302


def test_another_councils_review_is_not_found(client, council, make_council, make_user, review):
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("commissioner", other))
    assert client.get(f"{base(council)}/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/councils/991/assessment/reviews/{review.pk}/").status_code == 404


def test_the_citation_form_gives_the_review_date_as_gov_uk_writes_it(
    client, council, leader, review
):
    entry = review.domains.first()
    client.force_login(leader)
    page = client.get(f"{base(council)}/domains/{entry.pk}/self/evidence/add/").content.decode()
    assert "as it stands for the review's date (31 March 2024)" in page
    assert str(review) == "Mid-year review at 31 March 2024"


def test_a_council_role_is_refused_a_correction_by_crafted_post(
    client, council, leader, commissioner, review
):
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    services.review_opinion_give(review=review, user=commissioner)
    services.review_finalise(review=review, user=commissioner)
    client.force_login(leader)
    page = client.get(f"{base(council)}/reviews/{review.pk}/").content.decode()
    assert "Correct this review" not in page
    response = client.post(f"{base(council)}/reviews/{review.pk}/correct/", {"reason": "Ours."})
    assert response.status_code == 403
    review.refresh_from_db()
    assert not review.is_superseded


def test_a_reason_left_out_opens_its_form_and_the_summary_links_to_it(
    client, council, leader, commissioner, review
):
    """The return form sits in a closed details: when its reason is missing the page says so
    at the top, links to the box, and opens the details so the link lands on it."""
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    client.force_login(commissioner)
    response = client.post(f"{base(council)}/reviews/{review.pk}/return/", {"reason": ""})
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_reason"' in page
    assert '<details class="govuk-details" open>' in page
    assert "<title>Error: " in page
    review.refresh_from_db()
    assert review.status == "council_submitted"


def test_a_copy_refused_shows_why_on_the_framework_page(client, council, commissioner, framework):
    """A name longer than 200 characters is refused: the framework's page comes back with the
    error at the top and on the box, the name typed kept, and no copy made."""
    client.force_login(commissioner)
    name = "x" * 201
    response = client.post(f"{base(council)}/frameworks/{framework.pk}/copy/", {"name": name})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Ensure this value has at most 200 characters (it has 201)." in page
    assert f'value="{name}"' in page
    assert "<title>Error: " in page
    assert framework.copies.count() == 0
