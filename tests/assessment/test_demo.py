"""The demo's two reviews: eight domains each, both finalised, ratings differing on performance."""

from __future__ import annotations

from tests.plans.conftest import manager, plan  # noqa: F401
from trajectory.synth import journey
from trajectory.synth.demo_assessment import assessment_demo


def test_demo_reviews(council, make_user, inspection, indicator_run, plan):  # noqa: F811
    users = {role: make_user(role, council) for role in ("leader", "commissioner")}
    reviews = assessment_demo(council, users)
    mid, final = reviews["mid_year"], reviews["final"]
    assert (mid.as_at, final.as_at) == (journey.MID_YEAR_REVIEW, journey.FINAL_REVIEW)
    assert mid.is_final and final.is_final
    assert mid.domains.count() == final.domains.count() == 8
    performance = final.domains.get(domain__number=4)
    assert (performance.self_rating, performance.opinion_rating) == ("Met", "Well progressed")
    assert "embedding rather than embedded" in performance.opinion_caveats
    cited = {c.ref for c in performance.citations.all()}
    assert "cla_reviews_on_time_pct" in cited
    frozen = performance.citations.get(ref="cla_reviews_on_time_pct").snapshot
    assert frozen["as_at"] == "2025-03-31" and frozen["value"] == "82.0%"
    assert assessment_demo(council, users) == reviews
