"""The Commissioner's progress report (issue 12.5), built from records made here with the apps'
own services and hand-made indicator runs, checked against figures worked out by hand.

The paper is dated 31 October 2026 (D). The framework has three domains rated "Not met",
"Partly met", "Met". A mid-year review (20 April 2026) and the final review (30 September 2026)
are finalised; the final review cites children looked after (4 at 30 September 2026 in the run
of the day) and placement moves (12.5%: 5 of 40) and the inadequate inspection. A second run,
computed after the review, corrects children looked after to 6: the paper must state 4, as the
review froze it. After D: the trust proposal is withdrawn (20 November), Ofsted visits again
(10 November), a follow-up is completed (20 November) and placement moves reach 8.0% at 30
November; the paper dated D sees none of them.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.plans.conftest import inspection, make_inspection, manager, plan  # noqa: F401
from trajectory.reports import catalogue
from trajectory.reports.build import build_document
from trajectory.reports.document import Document, Items, Narrative, Paragraph, Table, filled, walk
from trajectory.reports.facts import Snapshot

D = date(2026, 10, 31)
AFTER = date(2026, 12, 31)
TODAY = date(2026, 10, 10)  # the plan's clock when the records are made
MINISTER = "The Minister for Children and Families"


@pytest.fixture(autouse=True)
def _clock(settings, tmp_path, monkeypatch):
    settings.TRAJECTORY_TODAY = TODAY
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: TODAY)


def _run(council, values):
    """A run of {indicator id: {date: (value, numerator, denominator)}}, written by hand."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    days = sorted({day for series in values.values() for day in series})
    run = IndicatorRun.objects.create(council=council, period_from=days[0], period_to=days[-1])
    for indicator_id, series in values.items():
        for day, (value, numerator, denominator) in series.items():
            IndicatorValue.objects.create(
                run=run,
                indicator_id=indicator_id,
                as_at=day,
                value=value,
                numerator=numerator,
                denominator=denominator,
            )
    return run


@pytest.fixture
def people(make_user, council):
    return {role: make_user(role, council) for role in ("leader", "commissioner")}


@pytest.fixture
def framework(db):
    from trajectory.assessment.models import Framework, FrameworkDomain

    made = Framework.objects.create(
        name="Test framework", rating_scale=["Not met", "Partly met", "Met"]
    )
    for number, name, criterion in (
        (1, "Leadership", "There should be evidence of strong leadership."),
        (2, "Performance", "There should be evidence that performance improves."),
        (3, "Ofsted", "There should be evidence of Ofsted's visits marking progress."),
    ):
        FrameworkDomain.objects.create(
            framework=made,
            number=number,
            name=name,
            criterion=criterion,
            guidance=f"Look {number}.",
        )
    return made


def _finalise(council, framework, people, *, kind, as_at, domains):
    """A review through its stages: `domains` {number: (self, opinion, words, citations)}, each
    citation (side, kind, ref)."""
    from trajectory.assessment import services

    leader, commissioner = people["leader"], people["commissioner"]
    review = services.review_start(
        council=council, user=leader, framework=framework, kind=kind, as_at=as_at
    )
    entries = {entry.domain.number: entry for entry in review.domains.select_related("domain")}
    for number, (self_rating, _, words, citations) in domains.items():
        services.self_assessment_update(
            entry=entries[number],
            user=leader,
            self_rating=self_rating,
            self_narrative=words.get("self", ""),
            self_evidence=words.get("evidence", ""),
        )
        for side, kind_, ref in citations:
            if side == "self":
                services.citation_add(
                    entry=entries[number], user=leader, side=side, kind=kind_, ref=ref
                )
    services.review_submit(review=review, user=leader)
    for number, (_, opinion, words, citations) in domains.items():
        entry = review.domains.get(domain__number=number)
        services.opinion_update(
            entry=entry,
            user=commissioner,
            opinion_rating=opinion,
            opinion_narrative=words.get("opinion", ""),
            opinion_caveats=words.get("caveats", ""),
        )
        for side, kind_, ref in citations:
            if side == "opinion":
                services.citation_add(
                    entry=entry, user=commissioner, side=side, kind=kind_, ref=ref
                )
    services.review_opinion_give(review=review, user=commissioner)
    return services.review_finalise(review=review, user=commissioner)


@pytest.fixture
def world(council, people, framework, plan, inspection):  # noqa: F811
    """Everything the paper reads, with things dated after D made too."""
    from trajectory.inspections.models import Framework as OfstedFramework
    from trajectory.inspections.models import Inspection
    from trajectory.intervention import services as intervention
    from trajectory.intervention.models import RecommendationOption
    from trajectory.intervention.options import WITHDRAW_TRUST, options_seed
    from trajectory.plans.services import progress_update_post

    leader, commissioner = people["leader"], people["commissioner"]
    for kind, occurred_on, extra in (
        ("direction_issued", date(2024, 1, 8), {}),
        ("commissioner_appointed", date(2024, 1, 8), {"appointee": "Jo Commissioner"}),
        ("trust_proposed", date(2024, 7, 15), {}),
        ("trust_paused", date(2025, 9, 15), {"period_ends_on": date(2026, 9, 15)}),
        ("trust_withdrawn", date(2026, 11, 20), {}),  # after D
    ):
        intervention.intervention_event_record(
            council=council,
            user=leader,
            kind=kind,
            occurred_on=occurred_on,
            summary=f"The {kind.replace('_', ' ')} event.",
            issued_by=MINISTER,
            **extra,
        )
    for start, published in ((date(2026, 3, 10), date(2026, 4, 14)), (date(2026, 11, 10), None)):
        Inspection.objects.create(
            council=council,
            kind=Inspection.Kind.MONITORING_VISIT,
            framework=OfstedFramework.ILACS,
            theme="Children in care",
            fieldwork_start=start,
            fieldwork_end=start,
            published_on=published,
            source="manual",
        )
    first = _run(
        council,
        {
            "cla_count": {date(2025, 9, 30): (5, None, None), date(2026, 9, 30): (4, None, None)},
            "cla_3plus_placements_pct": {date(2026, 9, 30): (12.5, 5, 40)},
        },
    )
    mid_year = _finalise(
        council,
        framework,
        people,
        kind="mid_year",
        as_at=date(2026, 4, 20),
        domains={
            1: ("Partly met", "Partly met", {}, ()),
            2: ("Partly met", "Not met", {}, ()),
            3: ("Not met", "Not met", {}, ()),
        },
    )
    final = _finalise(
        council,
        framework,
        people,
        kind="final",
        as_at=date(2026, 9, 30),
        domains={
            1: ("Met", "Met", {"self": "Leaders are in post.", "opinion": "Strong."}, ()),
            2: (
                "Met",
                "Partly met",
                {
                    "self": "Data is used well.",
                    "evidence": "The scorecard.",
                    "opinion": "Not yet consistent.",
                    "caveats": "Embedding rather than embedded.",
                },
                (
                    ("self", "indicator", "cla_count"),
                    ("opinion", "indicator", "cla_3plus_placements_pct"),
                ),
            ),
            3: ("Partly met", "Partly met", {}, (("self", "inspection", str(inspection.pk)),)),
        },
    )
    second = _run(  # computed after the review: a corrected return, and later months
        council,
        {
            "cla_count": {date(2025, 9, 30): (5, None, None), date(2026, 9, 30): (6, None, None)},
            "cla_3plus_placements_pct": {
                date(2025, 10, 31): (12.0, 6, 50),
                date(2026, 10, 31): (10.0, 5, 50),
                date(2026, 11, 30): (8.0, 4, 50),  # after D
            },
        },
    )
    options_seed(RecommendationOption)
    recommendation = intervention.recommendation_record(
        council=council,
        user=commissioner,
        review=final,
        option=RecommendationOption.objects.get(key=WITHDRAW_TRUST),
        made_on=date(2026, 10, 5),
        rationale="The evidence supports the council.",
        conditions="Support continues.",
    )
    schools = intervention.followup_add(
        recommendation=recommendation,
        user=commissioner,
        title="Work with schools",
        due_on=date(2026, 12, 1),
        owner_name="Head of Education",
    )
    report = intervention.followup_add(
        recommendation=recommendation,
        user=commissioner,
        title="Report to the DfE",
        due_on=date(2026, 10, 20),
        owner_name="Director",
    )
    for on, status in ((date(2026, 10, 15), "in_progress"), (date(2026, 11, 20), "complete")):
        progress_update_post(
            action=schools.action,
            user=leader,
            narrative=f"Update of {on}.",
            progress="on_track",
            status=status,
            month=on.replace(day=1),
            today=on,
        )
    return {
        "first": first,
        "second": second,
        "mid_year": mid_year,
        "final": final,
        "schools": schools.action,
        "report": report.action,
        "inspection": inspection,
    }


def build(council, run, as_at) -> Document:
    kind = catalogue.get("commissioner-report")
    return build_document(kind, kind.current, Snapshot(council=council, as_at=as_at, run=run))


def section(document: Document, key: str):
    return next(s for s in walk(document.sections) if s.key == key)


def said(document: Document, block) -> list[str]:
    sentences = {
        "narrative": lambda b: b.drafted,
        "paragraph": lambda b: b.sentences,
        "items": lambda b: b.items,
    }[block.kind](block)
    return [filled(sentence, document.figures, lambda f: f.shown) for sentence in sentences]


def texts(document: Document, key: str) -> list[str]:
    """Every sentence of a section's own blocks, in order."""
    return [
        text
        for block in section(document, key).blocks
        if isinstance(block, (Narrative, Paragraph, Items))
        for text in said(document, block)
    ]


def cells(document: Document, table: Table) -> list[list[str]]:
    return [
        [document.figures[cell.cite].shown if cell.cite else cell.text for cell in row]
        for row in table.rows
    ]


def tables(document: Document, key: str) -> list[Table]:
    return [block for block in section(document, key).blocks if isinstance(block, Table)]


# The sections -----------------------------------------------------------------------------------


def test_the_sections_follow_the_template(council, world):
    document = build(council, world["second"], D)
    assert [s.key for s in document.sections] == [
        "introduction",
        "background",
        "framework",
        "domains",
        "additional_evidence",
        "conclusions",
        "recommendations",
        "appendix_framework",
        "appendix_self_assessment",
    ]
    # A round trip through the version's JSON keeps the paper as built.
    assert Document.from_data(document.to_data()) == document


def test_introduction(council, world):
    document = build(council, world["second"], D)
    assert texts(document, "introduction") == [
        "This report gives the Commissioner's assessment, for the Secretary of State for "
        "Education, of the progress of Westshire's children's social care services at "
        "31 October 2026.",
        "The council has been in statutory intervention since 8 January 2024, under a "
        "direction issued by the Minister for Children and Families.",
        "Jo Commissioner was appointed Commissioner on 8 January 2024.",
        "At 31 October 2026 the intervention record shows: trust proposal paused.",
        "It covers the period from 8 January 2024 to 31 October 2026 and rests on the final "
        "review at 30 September 2026 against the framework “Test framework”.",
        "It ends with the Commissioner's recommendation of 5 October 2026: “Withdraw the trust "
        "proposal”.",
    ]


def test_background_states_the_ofsted_record_and_the_events_to_the_date(council, world):
    document = build(council, world["second"], D)
    # The inadequate inspection (published 8 May 2019), then one visit by D (10 March 2026);
    # four events by D (the withdrawal on 20 November is after it).
    assert texts(document, "background") == [
        "Ofsted judged the council's children's services “Inadequate” overall in the standard "
        "inspection published on 8 May 2019.",
        "Since then Ofsted has made 1 visit, up to 31 October 2026.",
        "The intervention record holds 4 events up to 31 October 2026, set out below.",
        "On 15 July 2024: children's trust proposed. The trust proposed event.",
        "On 15 September 2025: trust proposal paused. The trust paused event.",
    ]
    assert document.figures["background.visits"].shown == "1"
    ofsted, record = tables(document, "background")
    assert cells(document, ofsted) == [
        ["4 February 2019", "8 May 2019", "Standard inspection", "None", "Inadequate"],
        ["10 March 2026", "14 April 2026", "Monitoring visit", "Children in care", "Not graded"],
    ]
    assert [row[:2] for row in cells(document, record)] == [
        ["8 January 2024", "Statutory direction issued"],
        ["8 January 2024", "Commissioner appointed"],
        ["15 July 2024", "Children's trust proposed"],
        ["15 September 2025", "Trust proposal paused"],
    ]
    assert cells(document, record)[3][5] == "15 September 2026"


def test_framework_and_review(council, world):
    document = build(council, world["second"], D)
    assert texts(document, "framework") == [
        "The assessment uses the framework “Test framework”, version 1, the national template.",
        "It has 3 domains, each rated on a scale of 3 levels from “Not met” to “Met”.",
        "This report rests on the final review assessing the council at 30 September 2026, "
        "version 1, whose status is “Final”.",
        "Earlier reviews against the framework:",
        "The mid-year review at 20 April 2026, against Test framework, version 1.",
    ]


def test_each_domain_gives_both_sides_and_the_frozen_evidence(council, world):
    document = build(council, world["second"], D)
    domains = section(document, "domains")
    assert [s.title for s in domains.subsections] == [
        "1. Leadership",
        "2. Performance",
        "3. Ofsted",
    ]
    performance = section(document, "domains.2")
    criterion, council_words, council_evidence, opinion, opinion_evidence = performance.blocks
    assert said(document, criterion) == ["There should be evidence that performance improves."]
    assert said(document, council_words) == [
        "In its self-assessment the council rated it “Met”.",
        "Data is used well.",
        "It points to: The scorecard.",
    ]
    # The value the review froze (4, from the first run), not the corrected 6 of the paper's run.
    (looked_after,) = said(document, council_evidence)
    assert looked_after.startswith(
        "Children looked after (Indicator): 4 at 30 September 2026, as frozen at the review."
    )
    assert opinion.key == "domain.2.opinion"
    assert said(document, opinion) == [
        "In the Commissioner's opinion this domain is “Partly met”.",
        "Not yet consistent.",
        "Caveats: Embedding rather than embedded.",
        "The Commissioner is more cautious than the council, by 1 step on the framework's scale.",
    ]
    (moves,) = said(document, opinion_evidence)
    assert moves.startswith(
        "Children with 3 or more placements in the year (Indicator): 12.5% at 30 September "
        "2026, as frozen at the review."
    )
    # The figures carry what suppression needs: 4 children; 5 of 40.
    count_key = council_evidence.items[0].cites[0]
    moves_key = opinion_evidence.items[0].cites[0]
    counted, moved = document.figures[count_key], document.figures[moves_key]
    assert (counted.shown, counted.as_at, counted.count, counted.denominator) == (
        "4",
        "2026-09-30",
        4,
        None,
    )
    assert (moved.shown, moved.count, moved.denominator) == ("12.5%", 5, 40)
    assert f"indicator run {world['first'].pk}" in counted.source
    leadership = section(document, "domains.1")
    assert said(document, leadership.blocks[2]) == []  # nothing cited: the empty text shows
    assert (
        leadership.blocks[2].empty == "The council cited no record in Trajectory for this domain."
    )
    assert said(document, leadership.blocks[3])[-1] == (
        "The Commissioner agrees with the council's own rating."
    )
    ofsted = section(document, "domains.3")
    assert said(document, ofsted.blocks[2])[0].startswith(
        "Standard inspection, 8 May 2019 (Ofsted inspection or visit): Inadequate"
    )


def test_a_small_frozen_count_is_withheld_in_the_paper_leaving_the_council(council, world):
    from trajectory.reports.present import read
    from trajectory.voice.suppression import Rule

    document = build(council, world["second"], D)
    reading = read(document, rule=Rule(minimum_count=5), narratives={})
    performance = next(
        sub
        for top in reading.sections
        if top.key == "domains"
        for sub in top.subsections
        if sub.key == "domains.2"
    )
    # 4 children is below 5: "c". 12.5% is 5 of 40 (35 not moved): both 5 or more, shown.
    assert (
        performance.blocks[2]
        .paragraphs[0][0]
        .text.startswith("Children looked after (Indicator): c at 30 September 2026")
    )
    assert "12.5%" in performance.blocks[4].paragraphs[0][0].text


def test_additional_evidence_is_the_headline_indicators_at_the_date(council, world):
    document = build(council, world["second"], D)
    # Of the catalogue's headline indicators only placement moves has figures: 10.0% at 31
    # October 2026 against 12.0% a year before (lower is better: improved). 8.0% in November
    # is after D.
    drafted = texts(document, "additional_evidence")
    assert drafted[1:] == [
        "The review assessed the council at 30 September 2026; a figure dated after that is "
        "new since the review.",
        "Of the 1 headline indicator with a figure a year before, 1 improved and 0 worsened.",
    ]
    in_care = texts(document, "additional_evidence.children_in_care")
    assert in_care[0] == "Children looked after per 10,000 children has no figure at this date."
    assert (
        "Children with 3 or more placements in the year was 10.0% at 31 October 2026, improved "
        "from 12.0% 12 months before." in in_care
    )
    assert in_care[-1] == "The review cited it under domain 2 at 12.5% (30 September 2026)."
    assert [s.key for s in section(document, "additional_evidence").subsections] == [
        f"additional_evidence.{area.key}" for area in catalogue.AREAS if area.headline
    ]


def test_conclusions_count_the_ratings(council, world):
    document = build(council, world["second"], D)
    # Commissioner: Met 1 (leadership), Partly met 2 (performance, Ofsted).
    # Council: Met 2, Partly met 1. Agreement: leadership and Ofsted; more cautious on
    # performance.
    assert texts(document, "conclusions") == [
        "Of the 3 domains of the final review at 30 September 2026, the Commissioner rated "
        "1 “Met” and 2 “Partly met”.",
        "The Commissioner agreed with the council's own rating in 2 of them and was more "
        "cautious in 1.",
        "The Commissioner was more cautious than the council on Performance.",
        "The Commissioner's lowest rating, “Partly met”, went to Performance and Ofsted.",
        "On this evidence the Commissioner recommends “Withdraw the trust proposal”.",
    ]
    (table,) = tables(document, "conclusions")
    assert cells(document, table) == [
        ["Met", "2", "1"],
        ["Partly met", "1", "2"],
        ["Not met", "0", "0"],
        ["All domains", "3", "3"],
    ]
    assert all(cell.cite for row in table.rows for cell in row[1:])


def test_recommendation_and_follow_ups_as_they_stood(council, world):
    document = build(council, world["second"], D)
    assert texts(document, "recommendations") == [
        "On 5 October 2026 the Commissioner recommended to the minister: “Withdraw the trust "
        "proposal”.",
        "Under this recommendation the council keeps its children's services.",
        "The evidence supports the council.",
        "Conditions: Support continues.",
        "The recommendation rests on the final review at 30 September 2026.",
        "Only the minister decides the trust's course: at 31 October 2026 the intervention "
        "record shows “Trust proposal paused”.",
        # Two follow-ups; at D the DfE report (due 20 October, no update) is overdue and the
        # schools work (in progress since 15 October, due 1 December) is on track.
        "The recommendation asks for 2 follow-up actions, tracked in the council's improvement "
        "plan; at 31 October 2026 0 were complete and 1 overdue.",
    ]
    (table,) = tables(document, "recommendations")
    assert cells(document, table) == [
        [
            world["report"].reference,
            "Report to the DfE",
            "Director",
            "20 October 2026",
            "Not started",
            "Overdue",
            "None by then",
        ],
        [
            world["schools"].reference,
            "Work with schools",
            "Head of Education",
            "1 December 2026",
            "In progress",
            "On track",
            "15 October 2026",
        ],
    ]


def test_appendices(council, world):
    document = build(council, world["second"], D)
    (domains,) = tables(document, "appendix_framework")
    assert cells(document, domains) == [
        ["1", "Leadership", "There should be evidence of strong leadership.", "Look 1."],
        ["2", "Performance", "There should be evidence that performance improves.", "Look 2."],
        ["3", "Ofsted", "There should be evidence of Ofsted's visits marking progress.", "Look 3."],
    ]
    assert texts(document, "appendix_framework")[1] == (
        "Its ratings, lowest first: Not met; Partly met; Met."
    )
    (assessed,) = tables(document, "appendix_self_assessment")
    assert cells(document, assessed) == [
        ["1. Leadership", "Met", "Leaders are in post.", "None", "None"],
        ["2. Performance", "Met", "Data is used well.", "The scorecard.", "Children looked after"],
        ["3. Ofsted", "Partly met", "None", "None", "Standard inspection, 8 May 2019"],
    ]


# Dates ------------------------------------------------------------------------------------------


def test_the_paper_at_d_ignores_what_is_dated_after_it(council, world):
    at_d = build(council, world["second"], D)
    later = build(council, world["second"], AFTER)
    # After D: the withdrawal (20 November), the visit of 10 November, the schools work
    # completed (20 November), placement moves at 8.0% (30 November).
    assert "Since then Ofsted has made 2 visits, up to 31 December 2026." in texts(
        later, "background"
    )
    assert (
        "Only the minister decides the trust's course: at 31 December 2026 the intervention "
        "record shows “Trust proposal withdrawn”." in texts(later, "recommendations")
    )
    (table,) = tables(later, "recommendations")
    assert cells(later, table)[1][4:6] == ["Complete", "Complete"]
    assert any(
        "8.0% at 30 November 2026" in text
        for text in texts(later, "additional_evidence.children_in_care")
    )
    # ...and the paper at D is as it was before any of them.
    assert "Since then Ofsted has made 1 visit, up to 31 October 2026." in texts(at_d, "background")
    assert not any("8.0%" in text for text in texts(at_d, "additional_evidence.children_in_care"))
    assert "“Trust proposal paused”" in texts(at_d, "recommendations")[5]
    # The frozen evidence is the same whichever run and date the paper is built with.
    key = section(at_d, "domains.2").blocks[2].items[0].cites[0]
    assert later.figures[key].shown == at_d.figures[key].shown == "4"


def test_before_the_final_review_the_latest_finalised_review_stands_in(council, world):
    document = build(council, world["second"], date(2026, 6, 30))
    fallback = (
        "No final review had been finalised by this report's date, so it rests on the latest "
        "finalised review, the mid-year review at 20 April 2026."
    )
    assert fallback in texts(document, "framework")
    assert fallback in texts(document, "domains")
    assert texts(document, "conclusions")[0] == (
        "Of the 3 domains of the mid-year review at 20 April 2026, the Commissioner rated "
        "1 “Partly met” and 2 “Not met”."
    )
    assert texts(document, "recommendations") == [
        "The Commissioner had made no recommendation on or before 30 June 2026."
    ]


def test_with_no_finalised_review_every_section_says_so(council, world):
    document = build(council, world["second"], date(2026, 1, 31))
    none = (
        "No review against the Commissioner's framework had been finalised on or before "
        "31 January 2026"
    )
    for key in (
        "framework",
        "domains",
        "conclusions",
        "appendix_framework",
        "appendix_self_assessment",
    ):
        (text,) = texts(document, key)
        assert text.startswith(none), key
        assert not tables(document, key) and not section(document, key).subsections
    assert f"{none}, so this report has no assessment." in texts(document, "introduction")


# The demo ---------------------------------------------------------------------------------------


def test_the_demo_council_builds(db, settings, tmp_path):
    from trajectory.indicators.models import IndicatorRun
    from trajectory.synth.demo import demo_load

    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_TODAY = date(2026, 12, 4)
    demo = demo_load(children=60, years=1, seed=7, out_dir=tmp_path)
    run = IndicatorRun.objects.filter(council=demo.council).order_by("-computed_at").first()
    document = build(demo.council, run, date(2026, 11, 30))
    for top in document.sections:
        assert top.blocks or top.subsections, top.key
    # The demo's final review has eight domains; the Commissioner is more cautious on three.
    assert len(section(document, "domains").subsections) == 8
    assert texts(document, "conclusions")[1] == (
        "The Commissioner agreed with the council's own rating in 5 of them and was more "
        "cautious in 3."
    )
    for sentence_text in texts(document, "introduction"):
        assert "{" not in sentence_text


def test_a_correction_counts_from_the_day_it_is_made(council, world, people):
    from trajectory.intervention.models import Recommendation, RecommendationOption
    from trajectory.intervention.options import KEEP_TRUST_PAUSED
    from trajectory.intervention.services import recommendation_correct

    recommendation_correct(
        recommendation=Recommendation.objects.get(review=world["final"]),
        user=people["commissioner"],
        option=RecommendationOption.objects.get(key=KEEP_TRUST_PAUSED),
        made_on=date(2026, 11, 25),
        rationale="Schools' concerns need answering first.",
        conditions="",
        reason="New evidence from schools.",
    )
    at_d = texts(build(council, world["second"], D), "recommendations")
    assert at_d[0].endswith("“Withdraw the trust proposal”.")
    later = texts(build(council, world["second"], AFTER), "recommendations")
    assert later[:3] == [
        "On 25 November 2026 the Commissioner recommended to the minister: “Keep the trust "
        "proposal paused”.",
        "Under this recommendation the question of a children's trust stays open for now.",
        "Schools' concerns need answering first.",
    ]
    assert (
        "This is version 2 of the recommendation, corrected because: New evidence from schools."
        in later
    )
    # The follow-ups stay with the corrected recommendation.
    assert "The recommendation asks for 2 follow-up actions" in later[-1]


def test_a_follow_ups_status_then(council, world, manager):  # noqa: F811
    from trajectory.plans.services import action_update

    # Blocked by an edit with no update: nothing dated says when, so the status now stands.
    action_update(action=world["report"], user=manager, status="blocked")
    document = build(council, world["second"], date(2026, 10, 12))
    (table,) = tables(document, "recommendations")
    # 12 October: the DfE report (due 20 October) is blocked; the schools work's first update
    # is on 15 October, so it had not started, and with seven weeks to go it is on track.
    assert [row[4:] for row in cells(document, table)] == [
        ["Blocked", "Blocked", "None by then"],
        ["Not started", "On track", "None by then"],
    ]
