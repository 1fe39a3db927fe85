"""The bar: a review cites an indicator and is finalised; a new return changes the figure; the
review page and the CLI still show the old value "as at the review", today's beside it."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tests.assessment.conftest import opine_all, self_assess_all
from tests.indicators.test_services import store_version
from trajectory.assessment import selectors, services
from trajectory.indicators.services import indicators_compute


def _count_at(run, as_at):
    return run.values.get(indicator_id="cla_count", as_at=as_at).value


@pytest.fixture
def finalised(council, leader, commissioner, make_user, framework, settings):
    settings.TRAJECTORY_TODAY = "2024-06-30"
    analyst = make_user("analyst", council)
    store_version(council, number=1)
    first = indicators_compute(council=council, user=analyst)
    review = services.review_start(
        council=council, user=leader, framework=framework, kind="final", as_at=date(2024, 3, 31)
    )
    entry = review.domains.get(domain__number=4)
    services.citation_add(entry=entry, user=leader, side="self", kind="indicator", ref="cla_count")
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    services.review_opinion_give(review=review, user=commissioner)
    review = services.review_finalise(review=review, user=commissioner)
    return review, first, analyst


def test_the_frozen_value_stays_after_new_data(council, client, finalised):
    review, first, analyst = finalised
    # Hand-worked: on 31 March 2024 child B's episode ends, so only A is looked after: 1.
    # The corrected return adds C (looked after from June 2023): 2.
    assert _count_at(first, date(2024, 3, 31)) == 1
    citation = review.domains.get(domain__number=4).citations.get()
    assert citation.snapshot["value"] == "1"
    assert citation.snapshot["source"]["run"] == first.pk
    first_versions = citation.snapshot["source"]["return_versions"]

    store_version(council, number=2, extra_child=True)
    second = indicators_compute(council=council, user=analyst)
    assert _count_at(second, date(2024, 3, 31)) == 2

    citation.refresh_from_db()
    assert citation.snapshot["value"] == "1"
    assert citation.snapshot["source"]["return_versions"] == first_versions
    shown = selectors.review_domains(None, review, today=date(2024, 6, 30))[3].self_citations[0]
    assert shown.frozen and shown.shown["value"] == "1"
    assert shown.today["value"] == "2" and shown.changed_since

    client.force_login(analyst)
    page = client.get(f"/councils/{council.code}/assessment/reviews/{review.pk}/").content.decode()
    assert "as at the review" in page
    assert "Today: 2 (changed since the review)" in page
    assert f"indicator run {first.pk}" in page

    out = StringIO()
    call_command("assessment", "reviews", "--council", council.code, "--json", stdout=out)
    cited = json.loads(out.getvalue())[0]["domains"][3]["evidence"][0]
    assert cited["frozen"] is True
    assert cited["as_at_the_review"]["value"] == "1"
    assert cited["today"]["value"] == "2"
    text = StringIO()
    call_command("assessment", "reviews", "--council", council.code, stdout=text)
    assert "1 as at the review" in text.getvalue() and "today 2" in text.getvalue()


def test_an_open_review_shows_the_live_value(council, leader, make_user, review):
    analyst = make_user("analyst", council)
    store_version(council, number=1)
    indicators_compute(council=council, user=analyst)
    entry = review.domains.get(domain__number=4)
    services.citation_add(entry=entry, user=leader, side="self", kind="indicator", ref="cla_count")
    store_version(council, number=2, extra_child=True)
    indicators_compute(council=council, user=analyst)
    shown = selectors.review_domains(None, review, today=date(2024, 6, 30))[3].self_citations[0]
    assert not shown.frozen
    # Open, so live: the review's date (31 March 2024) from the newest run.
    assert shown.shown["as_at"] == "2024-03-31"


def test_a_correction_keeps_the_evidence_frozen_at_the_review(council, commissioner, finalised):
    """Correcting a final review after new data has arrived must not swap the figure its ratings
    rested on for today's: the correction carries the frozen value (1, from the first run), and
    finalising the correction keeps it."""
    review, first, analyst = finalised
    store_version(council, number=2, extra_child=True)
    indicators_compute(council=council, user=analyst)  # cla_count at 31 March 2024 is now 2
    correction = services.review_correct(
        review=review, user=commissioner, reason="Domain 1's caveat was left out."
    )
    citation = correction.domains.get(domain__number=4).citations.get()
    assert citation.snapshot["value"] == "1"
    assert citation.snapshot["source"]["run"] == first.pk
    shown = selectors.review_domains(None, correction, today=date(2024, 6, 30))[3]
    assert shown.self_citations[0].frozen
    assert shown.self_citations[0].shown["value"] == "1"
    assert shown.self_citations[0].today["value"] == "2"
    correction = services.review_finalise(review=correction, user=commissioner)
    citation.refresh_from_db()
    assert citation.snapshot["value"] == "1"
    assert citation.snapshot["source"]["run"] == first.pk


def test_evidence_cited_in_a_correction_is_frozen_when_it_is_finalised(
    council, commissioner, finalised
):
    """A citation added in the correction has no frozen value until the correction is final;
    then it is frozen from the newest run (2), beside the carried one (1)."""
    review, first, analyst = finalised
    store_version(council, number=2, extra_child=True)
    second = indicators_compute(council=council, user=analyst)
    correction = services.review_correct(review=review, user=commissioner, reason="More evidence.")
    entry = correction.domains.get(domain__number=4)
    services.citation_add(
        entry=entry, user=commissioner, side="opinion", kind="indicator", ref="cla_count"
    )
    services.review_finalise(review=correction, user=commissioner)
    frozen = {c.side: c.snapshot for c in entry.citations.all()}
    assert (frozen["self"]["value"], frozen["self"]["source"]["run"]) == ("1", first.pk)
    assert (frozen["opinion"]["value"], frozen["opinion"]["source"]["run"]) == ("2", second.pk)
