"""The voice kinds in the evidence registry: a survey result's snapshot holds the wave's
figure through the small-number rule (a citation is read by the board), a wave held after the
date is not found, an engagement event gives its attendance."""

from __future__ import annotations

from datetime import date

from tests.voice.conftest import HEADER
from trajectory.assessment import evidence
from trajectory.voice import services
from trajectory.voice.evidence import CHILDREN_RESULT, ENGAGEMENT, STAFF_RESULT

RESULTS = (
    HEADER
    + "March 2024,2024-03-22,life_better,My life is getting better,67,73,176\n"
    + "March 2024,2024-03-22,know_why,I know why I am in care,62.5,65,8\n"
    + "November 2025,2025-11-28,life_better,My life is getting better,81,74,221\n"
)


def test_the_kinds_are_registered():
    keys = dict(evidence.kind_choices())
    assert keys[CHILDREN_RESULT] == "Children's survey result"
    assert keys[STAFF_RESULT] == "Staff survey result"
    assert keys[ENGAGEMENT] == "Engagement event"


def test_a_result_snapshot(council, analyst, survey):
    upload = services.results_upload(
        survey=survey, user=analyst, file_name="r.csv", content=RESULTS.encode()
    ).upload
    waves = {wave.label: wave for wave in survey.waves.all()}
    questions = {question.code: question for question in survey.questions.all()}
    ref = f"{waves['November 2025'].pk}-{questions['life_better'].pk}"
    assert (ref, "Bright Spots, November 2025: My life is getting better") in evidence.get(
        CHILDREN_RESULT
    ).choices(council)
    shot = evidence.current(council, CHILDREN_RESULT, ref, date(2026, 4, 20))
    assert shot["value"] == "81%"
    assert shot["detail"] == "221 answered; Other councils: 74%; +14 points since the wave before"
    assert shot["as_at"] == "2025-11-28"
    assert shot["source"] == {
        "survey": survey.pk,
        "wave": waves["November 2025"].pk,
        "upload": upload.pk,
    }
    small = f"{waves['March 2024'].pk}-{questions['know_why'].pk}"
    shot = evidence.current(council, CHILDREN_RESULT, small, date(2026, 4, 20))
    assert shot["value"] == "c" and shot["raw_value"] is None  # 8 answered: never in a snapshot
    early = evidence.current(council, CHILDREN_RESULT, ref, date(2025, 1, 1))
    assert early["value"] == "Not found" and "not held by 1 January 2025" in early["detail"]
    # A staff survey result's kind does not find a children's survey's wave
    assert evidence.current(council, STAFF_RESULT, ref, date(2026, 4, 20))["value"] == "Not found"


def test_an_event_snapshot(council, analyst):
    event = services.event_create(
        council=council,
        user=analyst,
        kind="focus_group",
        format="face_to_face",
        held_on=date(2025, 3, 18),
        title="Commissioner's focus group",
        attendance=9,
    )
    shot = evidence.current(council, ENGAGEMENT, str(event.pk), date(2026, 4, 20))
    assert shot["label"] == "Commissioner's focus group (Focus group, face to face)"
    assert shot["value"] == "9 attended" and shot["as_at"] == "2025-03-18"
    assert evidence.current(council, ENGAGEMENT, "999", date(2026, 4, 20))["value"] == "Not found"


def test_a_finalised_review_freezes_a_survey_result_as_the_board_may_see_it(
    council, analyst, survey, make_user, settings
):
    """Cited on the soft-intelligence domain and finalised: the snapshot keeps the figure
    after a later upload corrects the wave, and a small one is frozen as c."""
    from tests.assessment.conftest import opine_all, self_assess_all
    from trajectory.assessment import services as assessment

    settings.TRAJECTORY_TODAY = "2026-09-30"
    leader = make_user("leader", council)
    commissioner = make_user("commissioner", council)
    services.results_upload(
        survey=survey, user=analyst, file_name="r.csv", content=RESULTS.encode()
    )
    waves = {wave.label: wave for wave in survey.waves.all()}
    questions = {question.code: question for question in survey.questions.all()}
    framework = assessment.framework_default_load()
    review = assessment.review_start(
        council=council, user=leader, framework=framework, kind="final", as_at=date(2026, 9, 14)
    )
    entry = review.domains.get(domain__name="Soft intelligence")
    for code, wave in (("life_better", "November 2025"), ("know_why", "March 2024")):
        assessment.citation_add(
            entry=entry,
            user=leader,
            side="self",
            kind=CHILDREN_RESULT,
            ref=f"{waves[wave].pk}-{questions[code].pk}",
        )
    self_assess_all(review, leader)
    assessment.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    assessment.review_opinion_give(review=review, user=commissioner)
    assessment.review_finalise(review=review, user=commissioner)
    services.results_upload(
        survey=survey,
        user=analyst,
        file_name="corrected.csv",
        content=(HEADER + "November 2025,2025-11-28,life_better,My life,79,74,221\n").encode(),
    )
    frozen = {c.snapshot["label"]: c.snapshot["value"] for c in entry.citations.all()}
    assert frozen == {
        "Bright Spots, November 2025: My life is getting better": "81%",
        "Bright Spots, March 2024: I know why I am in care": "c",
    }
    now = evidence.current(
        council,
        CHILDREN_RESULT,
        f"{waves['November 2025'].pk}-{questions['life_better'].pk}",
        date(2026, 9, 14),
    )
    assert now["value"] == "79%"
