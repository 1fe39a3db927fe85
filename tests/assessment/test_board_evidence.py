"""A review cites the board's records through the same registry (issue 11.6): a decision is
frozen when the review is finalised, and a later change to the decision leaves the review
showing what it rested on, with today's beside it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.assessment.conftest import opine_all, self_assess_all
from tests.governance.conftest import board, make_meeting  # noqa: F401
from trajectory.assessment import selectors, services
from trajectory.governance import services as governance

pytestmark = pytest.mark.django_db


def test_a_cited_decision_is_frozen_on_finalising(
    council,
    leader,
    commissioner,
    framework,
    make_meeting,  # noqa: F811
    settings,
):
    settings.TRAJECTORY_TODAY = "2024-06-30"
    meeting = make_meeting(date(2024, 2, 13), kind="external")
    decision = governance.decision_add(
        meeting=meeting, user=leader, text="The plan is endorsed for Cabinet."
    )
    review = services.review_start(
        council=council, user=leader, framework=framework, kind="final", as_at=date(2024, 3, 31)
    )
    entry = review.domains.get(domain__number=6)  # Improvement Board and related arrangements
    citation = services.citation_add(
        entry=entry, user=leader, side="self", kind="board_decision", ref=str(decision.pk)
    )
    assert citation.snapshot is None
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    services.review_opinion_give(review=review, user=commissioner)
    services.review_finalise(review=review, user=commissioner)

    citation.refresh_from_db()
    assert citation.frozen_at is not None
    assert citation.snapshot["label"] == (
        "Decision of the Children's Improvement Board, 13 February 2024"
    )
    assert citation.snapshot["value"] == "The plan is endorsed for Cabinet."
    assert citation.snapshot["as_at"] == "2024-02-13"
    assert citation.snapshot["source"] == {"decision": decision.pk, "meeting": meeting.pk}

    governance.decision_update(
        decision=decision, user=leader, text="The plan is endorsed, with changes, for Cabinet."
    )
    citation.refresh_from_db()
    assert citation.snapshot["value"] == "The plan is endorsed for Cabinet."
    shown = selectors.review_domains(None, review, today=date(2024, 6, 30))[5].self_citations[0]
    assert shown.frozen and shown.shown["value"] == "The plan is endorsed for Cabinet."
    assert shown.today["value"] == "The plan is endorsed, with changes, for Cabinet."


def test_a_review_cannot_cite_another_councils_decision(
    make_council,
    leader,
    framework,
    make_meeting,  # noqa: F811
):
    from django.core.exceptions import ValidationError

    meeting = make_meeting(date(2024, 2, 13))
    decision = governance.decision_add(meeting=meeting, user=leader, text="Endorsed.")
    other = make_council("991", "Eastshire")
    from trajectory.councils.services import membership_grant

    membership_grant(user=leader, council=other, role="leader")
    review = services.review_start(
        council=other, user=leader, framework=framework, kind="final", as_at=date(2024, 3, 31)
    )
    with pytest.raises(ValidationError):
        services.citation_add(
            entry=review.domains.first(),
            user=leader,
            side="self",
            kind="board_decision",
            ref=str(decision.pk),
        )


def test_the_review_page_links_a_cited_decision_to_its_meeting(
    council,
    client,
    leader,
    framework,
    make_meeting,  # noqa: F811
):
    meeting = make_meeting(date(2024, 2, 13))
    decision = governance.decision_add(meeting=meeting, user=leader, text="Endorsed.")
    review = services.review_start(
        council=council, user=leader, framework=framework, kind="final", as_at=date(2024, 3, 31)
    )
    services.citation_add(
        entry=review.domains.get(domain__number=6),
        user=leader,
        side="self",
        kind="board_decision",
        ref=str(decision.pk),
    )
    client.force_login(leader)
    page = client.get(f"/councils/{council.code}/assessment/reviews/{review.pk}/").content.decode()
    assert (
        f'Board decision: <a class="govuk-link" href="/councils/{council.code}/governance/'
        f'meetings/{meeting.pk}/#decisions">Decision of the Children&#x27;s Improvement Board, '
        "13 February 2024</a>"
    ) in page
