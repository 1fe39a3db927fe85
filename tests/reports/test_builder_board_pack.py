"""The Improvement Board pack (issue 12.3), built from records made here with the apps' own
services and a hand-made indicator run, checked against figures worked out by hand.

The paper is dated 31 March 2025 (D). The board meets on 4 February, 4 March, 1 April (the
pack's meeting: the next on or after D) and 6 May 2025. Things dated after D are made too, and
the paper must not see them.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.governance.conftest import board, commissioner, leader  # noqa: F401
from tests.plans.conftest import inspection, make_inspection, manager, month_ends, plan  # noqa: F401
from trajectory.reports import catalogue
from trajectory.reports.build import build_document
from trajectory.reports.document import (
    Chart,
    Document,
    Items,
    Narrative,
    Paragraph,
    Table,
    filled,
)
from trajectory.reports.facts import Snapshot

D = date(2025, 3, 31)
TODAY = date(2025, 6, 1)  # the plan's clock when the records are made


@pytest.fixture(autouse=True)
def _clock(settings, tmp_path, monkeypatch):
    settings.TRAJECTORY_TODAY = TODAY
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: TODAY)


# The records ----------------------------------------------------------------------------------


@pytest.fixture
def meetings(board, leader):  # noqa: F811
    from trajectory.governance import services

    made = {}
    for name, held_on, kind in (
        ("first", date(2025, 2, 4), "internal"),
        ("second", date(2025, 3, 4), "external"),
        ("pack", date(2025, 4, 1), "internal"),
        ("later", date(2025, 5, 6), "external"),
    ):
        made[name] = services.meeting_create(body=board, user=leader, held_on=held_on, kind=kind)
    return made


@pytest.fixture
def agenda_and_minutes(meetings, leader, plan):  # noqa: F811
    from trajectory.governance import services

    first, second, pack = meetings["first"], meetings["second"], meetings["pack"]
    services.minutes_draft(meeting=first, user=leader, minutes="The first minutes.")
    services.minutes_approve(meeting=first, user=leader, approved_at=second)
    services.minutes_draft(
        meeting=second,
        user=leader,
        minutes="Attendance was noted.\n\nThe board discussed children who went missing.",
    )
    services.decision_add(meeting=second, user=leader, text="Asked for a deep dive on missing.")
    priority = plan.priorities.get(number=1)
    services.item_add(meeting=pack, user=leader, title="Minutes and actions", presenter="Chair")
    services.item_add(
        meeting=pack,
        user=leader,
        title="Performance report",
        presenter="Head of Performance",
        subject="indicator:cla_missing_pct",
    )
    services.item_add(
        meeting=pack, user=leader, title="Progress on caseloads", subject=f"priority:{priority.pk}"
    )
    return pack


@pytest.fixture
def board_actions(meetings, leader):  # noqa: F811
    from trajectory.governance import services

    def add(meeting, title, due_on, status="not_started", completed_on=None):
        return services.board_action_add(
            meeting=meetings[meeting],
            user=leader,
            title=title,
            due_on=due_on,
            owner_name="Head of Service",
            status=status,
            completed_on=completed_on,
        )

    add("first", "Overdue since March", date(2025, 3, 1))
    add("second", "Due at the end of April", date(2025, 4, 30), status="in_progress")
    add("first", "Closed in March", date(2025, 3, 20), "complete", date(2025, 3, 10))
    add("second", "Closed only in April", date(2025, 3, 25), "complete", date(2025, 4, 10))
    add("first", "Closed in February", date(2025, 2, 28), "complete", date(2025, 2, 10))
    add("later", "Raised in May", date(2025, 6, 1))


@pytest.fixture
def plan_actions(plan, manager):  # noqa: F811
    from trajectory.plans import services

    p1, p2, p3 = (plan.priorities.get(number=n) for n in (1, 2, 3))

    def act(priority, title, due_on, status="not_started"):
        return services.action_create(
            priority=priority, user=manager, title=title, due_on=due_on, status=status
        )

    act(p1, "Overdue at D", date(2025, 3, 15))
    act(p1, "Due in ten days, no update", date(2025, 4, 10), "in_progress")
    later = act(p2, "Completed after D", date(2025, 6, 30))
    services.action_update(
        action=later, user=manager, status="complete", completed_on=date(2025, 4, 15)
    )
    done = act(p2, "Completed before D", date(2025, 2, 28))
    services.action_update(
        action=done, user=manager, status="complete", completed_on=date(2025, 2, 20)
    )
    act(p3, "Blocked", date(2025, 5, 31), "blocked")
    act(p3, "Cancelled", date(2025, 4, 20), "cancelled")
    updated = act(p3, "Updated on track before D", date(2025, 4, 5), "in_progress")
    services.progress_update_post(
        action=updated,
        user=manager,
        narrative="Going well.",
        progress="on_track",
        today=date(2025, 3, 25),
    )
    # After D: off track. At D it was on track (updated 6 days before, so not slipping).
    services.progress_update_post(
        action=updated,
        user=manager,
        narrative="Now late.",
        progress="off_track",
        today=date(2025, 4, 2),
    )


@pytest.fixture
def run(council):
    """13 month-ends to D, and one after it the paper must not read. Children who went
    missing (lower is better) rise 8.0% to 14.0%: worse than a year before, and the latest
    point is above the upper limit (mean 11.0, moving range 0.5, limit 11.0 + 2.66 × 0.5 =
    12.33). Reviews on time (higher is better) rise 70% to 82%: better, above its limit
    (76 + 2.66 = 78.66). Long-term stability stays at 66%. Children looked after (neither
    higher nor lower is better) rise 100 to 124, above its limit (112 + 2.66 × 2 = 117.32)."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    dates = month_ends(date(2024, 3, 1), 13)
    assert dates[-1] == D
    made = IndicatorRun.objects.create(council=council, period_from=dates[0], period_to=D)
    for index, as_at in enumerate(dates):
        for indicator_id, value in (
            ("cla_missing_pct", 8.0 + index * 0.5),
            ("cla_reviews_on_time_pct", 70.0 + index),
            ("cla_long_term_stability_pct", 66.0),
            ("cla_count", 100.0 + index * 2),
        ):
            IndicatorValue.objects.create(
                run=made, indicator_id=indicator_id, as_at=as_at, value=value
            )
    for indicator_id, value in (("cla_missing_pct", 2.0), ("cla_reviews_on_time_pct", 50.0)):
        IndicatorValue.objects.create(
            run=made, indicator_id=indicator_id, as_at=date(2025, 4, 30), value=value
        )
    return made


@pytest.fixture
def concerns(council, leader):  # noqa: F811
    from trajectory.escalations import services

    def log(raised_on):
        return services.concern_log(
            council=council,
            user=leader,
            raised_by_name="A teacher",
            raised_by_organisation="Westshire Academy",
            partner_kind="school",
            raised_on=raised_on,
            theme="communication",
            summary="Not told what happened.",
        )

    def respond(concern, sent_on):
        services.concern_review_record(
            concern=concern,
            user=leader,
            outcome="upheld",
            findings="Fair.",
            reviewed_on=sent_on,
        )
        services.concern_response_record(
            concern=concern, user=leader, sent_on=sent_on, summary="Sorry."
        )

    answered = log(date(2025, 2, 3))
    respond(answered, date(2025, 2, 20))
    log(date(2025, 2, 10))  # never answered: past both timescales at D
    answered_late = log(date(2025, 3, 24))
    respond(answered_late, date(2025, 4, 20))  # open at D, within its timescales
    log(date(2025, 4, 5))  # after D


@pytest.fixture
def reviews(council, leader, commissioner):  # noqa: F811
    from trajectory.assessment import services

    framework = services.framework_default_load()
    review = services.review_start(
        council=council, user=leader, framework=framework, kind="mid_year", as_at=date(2024, 12, 31)
    )
    for entry in review.domains.select_related("domain"):
        rating = "Well progressed" if entry.domain.number == 1 else "Progressing"
        services.self_assessment_update(entry=entry, user=leader, self_rating=rating)
    services.review_submit(review=review, user=leader)
    for entry in review.domains.select_related("domain"):
        rating = "Well progressed" if entry.domain.number == 2 else "Progressing"
        services.opinion_update(entry=entry, user=commissioner, opinion_rating=rating)
    services.review_opinion_give(review=review, user=commissioner)
    services.review_finalise(review=review, user=commissioner)
    later = services.review_start(
        council=council, user=leader, framework=framework, kind="ad_hoc", as_at=date(2025, 5, 31)
    )
    for entry in later.domains.all():
        services.self_assessment_update(entry=entry, user=leader, self_rating="Met")


@pytest.fixture
def visit(council, inspection):  # noqa: F811
    """A monitoring visit in March 2025 whose letter came out after D."""
    from trajectory.inspections.models import Finding, Framework, Inspection

    made = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.MONITORING_VISIT,
        framework=Framework.ILACS,
        theme="Children in care",
        fieldwork_start=date(2025, 3, 11),
        fieldwork_end=date(2025, 3, 12),
        published_on=date(2025, 4, 15),
        source="manual",
    )
    Finding.objects.create(
        inspection=made, kind=Finding.Kind.STRENGTH, text="Visits are timely.", order=1
    )
    Finding.objects.create(
        inspection=made,
        kind=Finding.Kind.AREA_FOR_IMPROVEMENT,
        text="Plans are not updated.",
        order=1,
    )
    return made


@pytest.fixture
def everything(agenda_and_minutes, board_actions, plan_actions, run, concerns, reviews, visit):
    return run


def build(council, run, as_at=D, **options) -> Document:
    kind = catalogue.get("board-pack")
    snapshot = Snapshot(council=council, as_at=as_at, run=run, options=options)
    return build_document(kind, kind.current, snapshot)


def texts(doc: Document, block) -> list[str]:
    if isinstance(block, Narrative):
        sentences = block.drafted
    else:
        sentences = block.items if isinstance(block, Items) else block.sentences
    return [filled(sentence, doc.figures, lambda figure: figure.shown) for sentence in sentences]


def section(doc: Document, key: str):
    return next(item for item in doc.sections if item.key == key)


def sub(doc: Document, key: str):
    return next(item for item in section(doc, "exceptions").subsections if item.key == key)


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def blocks_of(part, kind):
    return [block for block in part.blocks if isinstance(block, kind)]


# The paper ------------------------------------------------------------------------------------


def test_sections_follow_the_template(council, everything):
    doc = build(council, everything)
    assert [item.key for item in doc.sections] == [
        "agenda",
        "minutes",
        "action_log",
        "plan_on_a_page",
        "exceptions",
        "assessment",
        "ofsted",
    ]
    assert section(doc, "minutes").title == "Minutes of the last meeting, for approval"
    assert Document.from_data(doc.to_data()) == doc


def test_agenda_is_the_next_meetings_with_its_subjects(council, everything):
    doc = build(council, everything)
    agenda = section(doc, "agenda")
    assert texts(doc, agenda.blocks[0]) == [
        "Meeting of the Children's Improvement Board on 1 April 2025: internal (council only). "
        "Chair: Alex Morgan, independent chair."
    ]
    (table,) = blocks_of(agenda, Table)
    assert cells(table) == [
        ["1", "Minutes and actions", "Chair", "None", "Not linked"],
        [
            "2",
            "Performance report",
            "Head of Performance",
            "None",
            "Indicator: Children who went missing",
        ],
        [
            "3",
            "Progress on caseloads",
            "Not named",
            "None",
            "Plan priority: Priority 1: Social worker caseloads are too high.",
        ],
    ]
    source, intro = texts(doc, agenda.blocks[2])
    assert source.startswith(f"The indicators' figures are from Indicator run {everything.pk} of ")
    assert intro == "What the items discuss, as it stood at 31 March 2025:"
    (items,) = blocks_of(agenda, Items)
    # The April figure (2.0%) is after D and is not read; priority 1 has 1.1 overdue and
    # 1.2 slipping at D.
    assert texts(doc, items) == [
        "Item 2: Children who went missing was 14.0% at 31 March 2025, worsened from 8.0% "
        "12 months before.",
        "Item 3: Priority 1 was overdue at 31 March 2025, with 1 of its 2 actions overdue.",
    ]


def test_a_chosen_meeting_is_used(council, everything, meetings):
    doc = build(council, everything, meeting=meetings["second"].pk)
    agenda = section(doc, "agenda")
    assert texts(doc, agenda.blocks[0])[0].startswith(
        "Meeting of the Children's Improvement Board on 4 March 2025: external"
    )
    assert texts(doc, agenda.blocks[1]) == ["No items are on this meeting's agenda yet."]
    minutes = section(doc, "minutes")
    # The first meeting's minutes were approved at that very meeting, held before D.
    assert texts(doc, minutes.blocks[0]) == [
        "Minutes of the meeting of the Children's Improvement Board held on 4 February 2025.",
        "The minutes were for approval at this meeting, and were approved there.",
    ]
    assert texts(doc, minutes.blocks[1]) == ["The first minutes."]


def test_minutes_of_the_last_meeting_for_approval(council, everything):
    doc = build(council, everything)
    minutes = section(doc, "minutes")
    shown = [text for block in minutes.blocks for text in texts(doc, block)]
    assert shown == [
        "Minutes of the meeting of the Children's Improvement Board held on 4 March 2025.",
        "Status: draft, for approval at this meeting.",
        "Attendance was noted.",
        "The board discussed children who went missing.",
        "Decisions recorded at that meeting:",
        "Asked for a deep dive on missing.",
    ]


def test_action_log_at_the_date(council, everything):
    """Open at D: "Overdue since March" (due 1 March), "Due at the end of April" and "Closed
    only in April" (completed 10 April, after D; due 25 March, so overdue then): 3, 2 overdue.
    Completed since the last meeting (4 March): "Closed in March" only. The May action was
    raised after D."""
    doc = build(council, everything)
    log = section(doc, "action_log")
    assert texts(doc, log.blocks[0]) == [
        "At 31 March 2025, 3 actions on the board's log were open, 2 of them overdue, and 1 had "
        "been completed since 4 March 2025."
    ]
    open_table, closed_table = blocks_of(log, Table)
    assert cells(open_table) == [
        [
            "Overdue since March",
            "4 February 2025",
            "Head of Service",
            "1 March 2025",
            "Not started",
            "Overdue (flagged)",
        ],
        [
            "Closed only in April",
            "4 March 2025",
            "Head of Service",
            "25 March 2025",
            "In progress",
            "Overdue (flagged)",
        ],
        [
            "Due at the end of April",
            "4 March 2025",
            "Head of Service",
            "30 April 2025",
            "In progress",
            "On track",
        ],
    ]
    assert [row[0] for row in cells(closed_table)] == ["Closed in March"]
    figures = doc.figures
    assert figures["board.actions.open@2025-03-31"].shown == "3"
    assert figures["board.actions.overdue@2025-03-31"].shown == "2"
    assert figures["board.actions.closed@2025-03-31"].shown == "1"


def test_plan_on_a_page_at_the_date(council, everything):
    """At D: 1.1 overdue; 1.2 slipping (due in 10 days, no update); 2.1 on track (completed
    only in April, not started at D, due June); 2.2 complete; 3.1 blocked; 3.2 cancelled; 3.3
    on track (its update of 25 March said on track; the off-track one of 2 April is after D).
    """
    doc = build(council, everything)
    page = section(doc, "plan_on_a_page")
    assert texts(doc, page.blocks[0]) == [
        "At 31 March 2025 the plan had 7 actions: 1 overdue, 1 slipping, 1 blocked, 2 on track "
        "and 1 complete, with 1 cancelled."
    ]
    table, due = blocks_of(page, Table)
    assert table.head == (
        "Priority",
        "Lead",
        "Rating",
        "Overdue",
        "Slipping",
        "Blocked",
        "On track",
        "Complete",
        "Cancelled",
        "All",
    )
    assert cells(table) == [
        ["1. Social worker caseloads are too high.", "Not named", "Overdue"]
        + ["1", "1", "0", "0", "0", "0", "2"],
        ["2. Management oversight is not effective.", "Not named", "On track"]
        + ["0", "0", "0", "1", "1", "0", "2"],
        ["3. Permanence planning is too slow.", "Not named", "Blocked"]
        + ["0", "0", "1", "1", "0", "1", "3"],
        ["All priorities", "", "", "1", "1", "1", "2", "1", "1", "7"],
    ]
    totals = table.rows[-1]
    assert [cell.cite for cell in totals[3:]] == [
        f"plan.actions.{key}@2025-03-31"
        for key in ("overdue", "slipping", "blocked", "on_track", "complete", "cancelled", "total")
    ]
    assert doc.figures["plan.actions.on_track@2025-03-31"].shown == "2"
    # Due from D to 30 April: 3.3 (5 April) then 1.2 (10 April); 3.1 is due in May.
    assert texts(doc, page.blocks[2]) == [
        "2 plan actions fall due from 31 March 2025 to 30 April 2025:"
    ]
    assert cells(due) == [
        [
            "3.3",
            "Updated on track before D",
            "Not named",
            "5 April 2025",
            "In progress",
            "On track",
        ],
        [
            "1.2",
            "Due in ten days, no update",
            "Not named",
            "10 April 2025",
            "In progress",
            "Slipping",
        ],
    ]


def test_exceptions_with_a_drafted_summary(council, everything):
    doc = build(council, everything)
    exceptions = section(doc, "exceptions")
    (narrative,) = exceptions.blocks
    assert narrative.key == "exceptions.narrative"
    assert texts(doc, narrative) == [
        "At 31 March 2025, 1 of the plan's 7 actions were overdue.",
        "1 indicators were worse than a year before, and 1 showed special-cause variation of "
        "concern.",
        "2 of the board's own actions were overdue.",
        "1 partners' concerns were past the escalation procedure's timescales or its response "
        "standard.",
    ]
    plan_part = sub(doc, "exceptions.plan")
    assert [row[0] for row in cells(blocks_of(plan_part, Table)[0])] == ["1.1"]
    worse = sub(doc, "exceptions.worsening")
    assert texts(doc, worse.blocks[0]) == [
        "1 of the 4 indicators with a figure a year before were worse at 31 March 2025."
    ]
    assert texts(doc, worse.blocks[1]) == [
        "Children who went missing was 14.0% at 31 March 2025, worsened from 8.0% 12 months before."
    ]
    signals = sub(doc, "exceptions.signals")
    assert [
        text
        for block in signals.blocks
        if not isinstance(block, Chart)
        for text in texts(doc, block)
    ] == [
        "3 indicators showed a special-cause signal at their latest point, 1 of them a concern.",
        "Concerns:",
        "The latest figure of children who went missing is special-cause variation, a concern: "
        "a point outside the process limits.",
        "Improvements:",
        "The latest figure of reviews held on time is special-cause variation, an improvement: "
        "a point outside the process limits.",
        "1 more changed by more than their usual variation where neither higher nor lower is "
        "better, such as children looked after: their own pages show them.",
    ]
    board_part = sub(doc, "exceptions.board")
    assert [row[0] for row in cells(blocks_of(board_part, Table)[0])] == [
        "Overdue since March",
        "Closed only in April",
    ]
    escalations = sub(doc, "exceptions.escalations")
    # Open at D: the one never answered and the one answered on 20 April (2; the one of
    # 5 April was raised after D). Past the standard: the one raised on Monday 10 February,
    # whose stage 1 (5 working days) ran out on 17 February and response (20) on 10 March.
    assert texts(doc, escalations.blocks[0]) == [
        "1 of the 2 partners' concerns open at 31 March 2025 were past their standard."
    ]
    (table,) = blocks_of(escalations, Table)
    assert cells(table) == [
        [
            "2",
            "10 February 2025",
            "School or college",
            "Communication",
            "1. Practitioner to practitioner",
            "Stage 1 was due 17 February 2025; The response was due 10 March 2025",
        ]
    ]
    assert doc.figures["escalations.past_standard@2025-03-31"].count == 1
    assert doc.figures["escalations.open@2025-03-31"].count == 2


def test_assessment_domains_at_the_date(council, everything):
    """The mid-year review at 31 December 2024: every domain self-assessed "Progressing" but
    domain 1 ("Well progressed"); every opinion "Progressing" but domain 2 ("Well
    progressed"). So 6 agree, domain 1 is one step more cautious, domain 2 one step more
    positive. The draft review at 31 May 2025 ("Met" throughout) is after D."""
    doc = build(council, everything)
    part = section(doc, "assessment")
    assert texts(doc, part.blocks[0]) == [
        "The latest review at or before 31 March 2025 is the Mid-year review at 31 December 2024 "
        "(final), against Progress under intervention.",
        "Of the framework's 8 domains, the Commissioner's latest rating agreed with the "
        "council's self-assessment on 6, was more cautious on 1 and more positive on 1; 0 were "
        "not yet rated by both.",
    ]
    (table,) = blocks_of(part, Table)
    rows = cells(table)
    assert len(rows) == 8
    assert rows[0][1:] == [
        "Well progressed (Mid-year review at 31 December 2024)",
        "Progressing (Mid-year review at 31 December 2024)",
        "1 step more cautious",
    ]
    assert rows[1][3] == "1 step more positive"
    assert {row[3] for row in rows[2:]} == {"Agrees"}


def test_ofsted_activity_at_the_date(council, everything):
    doc = build(council, everything)
    part = section(doc, "ofsted")
    shown = [text for block in blocks_of(part, Paragraph) for text in texts(doc, block)]
    assert shown == [
        "The latest Ofsted activity by 31 March 2025 was a monitoring visit (Children in care), "
        "with fieldwork from 11 March 2025 to 12 March 2025.",
        "Its report had not been published by 31 March 2025.",
        "The judgements in force are those of the standard inspection of 8 May 2019:",
    ]
    (table,) = blocks_of(part, Table)
    assert cells(table) == [["Overall effectiveness", "Inadequate"]]


def test_ofsted_findings_once_published(council, everything):
    doc = build(council, everything, as_at=date(2025, 4, 30))
    part = section(doc, "ofsted")
    shown = [
        text for block in part.blocks if not isinstance(block, Table) for text in texts(doc, block)
    ]
    assert shown[0].endswith("; its report was published on 15 April 2025.")
    assert shown[1:] == [
        "The report records 1 strengths, 1 areas for improvement and 0 areas for priority action.",
        "Strengths:",
        "Visits are timely.",
        "Areas for improvement:",
        "Plans are not updated.",
        "The judgements in force are those of the standard inspection of 8 May 2019:",
    ]


def test_the_paper_ignores_what_is_dated_after_it(council, everything, meetings, leader, manager):  # noqa: F811
    """Built at D, then again after more is recorded after D: the same paper."""
    from trajectory.escalations import services as escalation_services
    from trajectory.governance import services as governance_services
    from trajectory.indicators.models import IndicatorValue
    from trajectory.plans import services as plan_services
    from trajectory.plans.models import Action

    before = build(council, everything).to_data()
    governance_services.meeting_create(
        body=meetings["pack"].body, user=leader, held_on=date(2025, 6, 3), kind="internal"
    )
    governance_services.board_action_add(
        meeting=meetings["later"],
        user=leader,
        title="Another later one",
        due_on=date(2025, 3, 1),
        owner_name="Someone",
    )
    overdue = Action.objects.get(title="Overdue at D")
    plan_services.progress_update_post(
        action=overdue,
        user=manager,
        narrative="Done.",
        progress="on_track",
        status="complete",
        today=date(2025, 4, 20),
    )
    escalation_services.concern_log(
        council=council,
        user=leader,
        raised_by_name="A nurse",
        partner_kind="health",
        raised_on=date(2025, 4, 25),
        theme="thresholds",
        summary="Later.",
    )
    IndicatorValue.objects.create(
        run=everything,
        indicator_id="cla_long_term_stability_pct",
        as_at=date(2025, 5, 31),
        value=10.0,
    )
    assert build(council, everything).to_data() == before


def test_a_council_with_nothing_says_so(council):
    doc = build(council, None)
    said = {
        item.key: [text for block in item.blocks for text in texts(doc, block)]
        for item in doc.sections
        if item.key != "exceptions"
    }
    assert said["agenda"] == [
        "Westshire has no Improvement Board meeting recorded, so there is no meeting for this pack."
    ]
    assert said["plan_on_a_page"] == ["Westshire has no improvement plan recorded."]
    assert said["assessment"] == [
        "No review against the assessment framework assessed the council at or before "
        "31 March 2025."
    ]
    assert said["ofsted"] == ["No Ofsted inspection or visit is recorded by 31 March 2025."]


def test_a_concern_is_drawn_as_an_spc_chart_with_alt_text(council, everything):
    doc = build(council, everything)
    (chart,) = blocks_of(sub(doc, "exceptions.signals"), Chart)
    assert chart.key == "exceptions.chart.cla_missing_pct"
    assert chart.alt == (
        "SPC chart of children who went missing, 13 points from 8.0% at 31 March 2024 to "
        "14.0% at 31 March 2025: worse over the period. The latest point is special-cause "
        "variation, a concern: a point outside the process limits."
    )
    assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_minutes_of_a_meeting_after_the_date_are_left_out(council, everything, meetings):
    doc = build(council, everything, meeting=meetings["later"].pk)
    minutes = section(doc, "minutes")
    assert texts(doc, minutes.blocks[0]) == [
        "The meeting before this one, on 1 April 2025, is after the paper's date of "
        "31 March 2025, so its minutes are not included."
    ]


def test_the_demo_councils_pack(db, settings, tmp_path, monkeypatch):
    """Westshire's demo, built at the end of September 2026 (its last board meeting before the
    Commissioner's report): every section says something, and the drafted sentences fill."""
    from trajectory.indicators.models import IndicatorRun
    from trajectory.synth.demo import demo_load

    today = date(2026, 12, 4)
    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_TODAY = today
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: today)
    demo = demo_load(children=200, years=2, seed=7, out_dir=tmp_path)
    run = IndicatorRun.objects.filter(council=demo.council).order_by("-computed_at").first()
    doc = build(demo.council, run, as_at=date(2026, 9, 30))
    for part in doc.sections:
        assert part.blocks or part.subsections, part.key
    agenda = section(doc, "agenda")
    assert texts(doc, agenda.blocks[0])[0].startswith("Meeting of the ")
    assert blocks_of(agenda, Table)[0].rows
    for narrative in doc.narratives():
        for text in texts(doc, narrative):
            assert "{" not in text
    assert Document.from_data(doc.to_data()) == doc


def test_with_no_later_meeting_the_latest_is_used_and_said(council, everything):
    doc = build(council, everything, as_at=date(2025, 5, 31))
    agenda = section(doc, "agenda")
    assert texts(doc, agenda.blocks[0])[0].startswith(
        "Meeting of the Children's Improvement Board on 6 May 2025: external"
    )
    assert texts(doc, agenda.blocks[1]) == [
        "No later meeting of the board is recorded, so this is its latest before 31 May 2025."
    ]
