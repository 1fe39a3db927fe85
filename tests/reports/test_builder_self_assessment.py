"""The quarterly self-assessment (issue 12.2), built from records made here and an indicator run
written by hand, for 30 September 2026: the quarter is 1 July to 30 September 2026. Every
expected figure is worked out by hand in the test's comments; records dated after the paper's
date are made too, and must not show.

The plan is made through its services; audits, survey results, board records and concerns are
written straight to their tables (as the demo writes them), with the dates the test needs.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from tests.plans.conftest import make_inspection, manager  # noqa: F401
from trajectory.reports import catalogue, document
from trajectory.reports.build import build_document
from trajectory.reports.facts import Benchmark, Snapshot

AS_AT = date(2026, 9, 30)
KIND = catalogue.get("self-assessment")


def month_ends(first: date, count: int) -> list[date]:
    import calendar

    found, year, month = [], first.year, first.month
    for _ in range(count):
        found.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


@pytest.fixture
def run(council):
    """Thirteen month-ends, 30 September 2025 to 30 September 2026, and one after.

    - Re-referrals (lower is better) rise 10.0% ... 22.0% (10 + i, of 100 referrals): 22.0%
      against 10.0% a year before is worsening. SPC: mean 16, every moving range 1, upper
      limit 16 + 2.66 = 18.66; 22 is outside it, upwards: special cause, a concern. The 5.0%
      at 31 October 2026 is after the paper's date.
    - Reviews on time (higher is better) 70, 72, 70, 72, ..., 72, then 73: 73.0% against 70.0%
      is improving. SPC: mean 925/13 = 71.15, ranges eleven 2s and a 1 (mean 1.92), upper
      limit 76.25, 2-sigma band to 74.55; sides alternate (no run of 7), steps alternate (no
      trend): common cause.
    - 3 or more placements (lower is better) 10, 12, 10, ..., 10: 10.0% against 10.0%, no
      change; common cause (mean 10.92, limits 5.6 to 16.2, sides alternate).
    """
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    dates = month_ends(date(2025, 9, 1), 14)
    made = IndicatorRun.objects.create(council=council, period_from=dates[0], period_to=dates[-1])
    reviews = [70.0 if i % 2 == 0 else 72.0 for i in range(12)] + [73.0, 90.0]
    placements = [10.0 if i % 2 == 0 else 12.0 for i in range(13)] + [30.0]
    rereferrals = [10.0 + i for i in range(13)] + [5.0]
    for index, as_at in enumerate(dates):
        for indicator_id, values in (
            ("cin_rereferrals_pct", rereferrals),
            ("cla_reviews_on_time_pct", reviews),
            ("cla_3plus_placements_pct", placements),
        ):
            IndicatorValue.objects.create(
                run=made,
                indicator_id=indicator_id,
                as_at=as_at,
                value=values[index],
                numerator=values[index],
                denominator=100,
            )
    return made


@pytest.fixture
def plan(council, manager, make_inspection):  # noqa: F811
    """Three priorities: placements (children in care: "placement", "in care"), caseloads
    (workforce: "caseload"), management oversight (leadership: "oversight"). Priority 1's
    actions at 30 September 2026:
    1.1 in progress, on track at its update of 10 September, due 31 December; completed on
        15 October (after the date): on track;
    1.2 due 31 August, in progress, no update: overdue;
    1.3 completed 20 July: complete;
    1.4 cancelled: left out;
    1.5 due 10 October, no update: due within 14 days with none in the month, slipping.
    So 4 actions: 1 complete, 1 on track, 1 slipping, 1 overdue; rated Overdue."""
    from trajectory.plans import services

    inspection = make_inspection(
        council,
        areas=(
            "Placement stability for children in care is too weak.",
            "Social worker caseloads are too high.",
            "Management oversight is not effective.",
        ),
    )
    made = services.plan_create_from_inspection(
        council=council, user=manager, inspection=inspection
    )
    placements = made.priorities.get(number=1)

    def action(title, due_on, status="in_progress", today=None):
        return services.action_create(
            priority=placements,
            user=manager,
            title=title,
            due_on=due_on,
            status=status,
            today=today,
        )

    first = action("Recruit foster carers", date(2026, 12, 31))
    services.progress_update_post(
        action=first,
        user=manager,
        narrative="Campaign running.",
        progress="on_track",
        today=date(2026, 9, 10),
    )
    services.action_update(action=first, user=manager, today=date(2026, 10, 15), status="complete")
    action("Placement stability meetings", date(2026, 8, 31))
    action("Review foster fees", date(2026, 7, 31), status="complete", today=date(2026, 7, 20))
    action("Stop spot purchasing", date(2026, 11, 30), status="cancelled")
    action("Sufficiency statement", date(2026, 10, 10))
    return made


@pytest.fixture
def audits(council):
    """Audits submitted in the quarter and their grades at 30 September 2026:
    A1 (10 July) the auditor's good, moderated to requires improvement on 20 July: RI;
    A2 (5 August) outstanding, not moderated; A3 (20 September) inadequate, moderated to good
    only on 5 October: inadequate at the date. A4 (30 June) and A5 (2 October) fall outside.
    So 3 audits: 1 outstanding, 0 good, 1 RI, 1 inadequate; 1 of 3 good or better, 33.3%.
    Themes' Ofsted questions (A1, A2, A3): permanence good, good, inadequate (2 of 3, 66.7%);
    management oversight RI, outstanding, RI (1 of 3, 33.3%)."""
    from trajectory.assurance.models import Answer, Audit, Moderation, Programme
    from trajectory.assurance.services import template_default_load

    template = template_default_load()
    question = {theme.name: theme.questions.get(scale="ofsted") for theme in template.themes.all()}
    programme = Programme.objects.create(
        council=council,
        month=date(2026, 7, 1),
        template=template,
        seed=1,
        rules=[],
        sampled_at=date(2026, 7, 1),
    )
    from trajectory.councils.services import user_create

    moderator = user_create(username="moderator", password="correct horse 1")
    rows = (
        (
            "A1",
            date(2026, 7, 10),
            "good",
            ("requires_improvement", date(2026, 7, 20)),
            "good",
            "requires_improvement",
        ),
        ("A2", date(2026, 8, 5), "outstanding", None, "good", "outstanding"),
        (
            "A3",
            date(2026, 9, 20),
            "inadequate",
            ("good", date(2026, 10, 5)),
            "inadequate",
            "requires_improvement",
        ),
        ("A4", date(2026, 6, 30), "good", None, "good", "good"),
        ("A5", date(2026, 10, 2), "good", None, "good", "good"),
    )
    for child, submitted, grade, moderation, permanence, oversight in rows:
        audit = Audit.objects.create(
            council=council,
            programme=programme,
            child_id=child,
            sample_rule="team",
            status=Audit.Status.MODERATED if moderation else Audit.Status.SUBMITTED,
            overall_grade=grade,
            submitted_at=at(submitted),
        )
        if moderation:
            Moderation.objects.create(
                audit=audit,
                moderator=moderator,
                overall_grade=moderation[0],
                final_grade=moderation[0],
                completed_at=at(moderation[1]),
            )
        Answer.objects.create(audit=audit, question=question["Permanence"], grade=permanence)
        Answer.objects.create(
            audit=audit, question=question["Management oversight"], grade=oversight
        )


@pytest.fixture
def voice(council):
    """Bright Spots (children in care): spring 2026 wave (30 April) settled 92% vs 89% and
    happy 70% vs 77%, 50 answering each; the autumn wave (31 October) is after the date. The
    staff survey: spring 2026, supported by my manager 78% vs 72%, 300 answering. Events: a
    focus group of children in care social workers on 15 July (12 came, face to face) and a
    virtual DCS drop-in on 20 August (30 came) in the quarter; one on 15 June and one on 5
    October outside it."""
    from trajectory.voice.models import (
        EngagementEvent,
        Question,
        QuestionResult,
        ResultsUpload,
        Survey,
        Wave,
    )

    def survey(title, audience, asked_of, questions, waves):
        made = Survey.objects.create(
            council=council,
            title=title,
            audience=audience,
            kind="aggregated",
            asked_of=asked_of,
            comparator="Other councils",
        )
        upload = ResultsUpload.objects.create(
            survey=made,
            format="results",
            file_name="r.csv",
            size=1,
            sha256="0" * 64,
            content=b"x",
            rows=1,
        )
        asked = {
            code: Question.objects.create(survey=made, code=code, text=text, order=order)
            for order, (code, text) in enumerate(questions)
        }
        for label, held_on, results in waves:
            wave = Wave.objects.create(survey=made, label=label, held_on=held_on)
            for code, ours, theirs, answered in results:
                QuestionResult.objects.create(
                    upload=upload,
                    wave=wave,
                    question=asked[code],
                    council_percent=ours,
                    comparator_percent=theirs,
                    respondents=answered,
                )

    survey(
        "Bright Spots",
        "children",
        "Children in care aged 4 to 18",
        (("settled", "I feel settled where I live"), ("happy", "I felt happy yesterday")),
        (
            ("Spring 2026", date(2026, 4, 30), (("settled", 92, 89, 50), ("happy", 70, 77, 50))),
            ("Autumn 2026", date(2026, 10, 31), (("settled", 99, 89, 50), ("happy", 99, 77, 50))),
        ),
    )
    survey(
        "Staff survey",
        "staff",
        "Social workers",
        (("manager_support", "I feel supported by my manager"),),
        (("Spring 2026", date(2026, 4, 30), (("manager_support", 78, 72, 300),)),),
    )
    for kind, format_, held_on, title, attendance in (
        ("focus_group", "face_to_face", date(2026, 7, 15), "Children in care social workers", 12),
        ("drop_in", "virtual", date(2026, 8, 20), "DCS drop-in", 30),
        ("event", "face_to_face", date(2026, 6, 15), "Staff event", 40),
        ("event", "face_to_face", date(2026, 10, 5), "Staff event", 40),
    ):
        EngagementEvent.objects.create(
            council=council,
            kind=kind,
            format=format_,
            held_on=held_on,
            title=title,
            attendance=attendance,
        )


@pytest.fixture
def governance(council):
    """The Improvement Board met on 2 June (1 decision: before the quarter), 7 July (2
    decisions), 1 September (1 decision) and 6 October (after): 2 meetings, 3 decisions in the
    quarter. Actions at 30 September: raised 2 June, completed 25 July (complete); raised 7
    July, due 15 September, not started (overdue); raised 7 July, due 30 November, completed
    20 October (open then, on track); raised 1 September, cancelled; raised 6 October (not
    yet). Open 2, overdue 1."""
    from trajectory.governance.models import BoardAction, Body, Decision, Meeting

    board = Body.objects.create(council=council, name="Improvement Board", kind="improvement_board")
    meetings = {}
    for held_on, decisions in (
        (date(2026, 6, 2), 1),
        (date(2026, 7, 7), 2),
        (date(2026, 9, 1), 1),
        (date(2026, 10, 6), 1),
    ):
        meetings[held_on] = Meeting.objects.create(body=board, held_on=held_on, kind="internal")
        for number in range(decisions):
            Decision.objects.create(
                meeting=meetings[held_on], text=f"Decision {number + 1} of {held_on}"
            )
    for raised, title, due_on, status, completed_on in (
        (date(2026, 6, 2), "Report on caseloads", date(2026, 8, 1), "complete", date(2026, 7, 25)),
        (date(2026, 7, 7), "Deep dive on missing", date(2026, 9, 15), "not_started", None),
        (date(2026, 7, 7), "Audit summary", date(2026, 11, 30), "complete", date(2026, 10, 20)),
        (date(2026, 9, 1), "Dropped", date(2026, 12, 1), "cancelled", None),
        (date(2026, 10, 6), "Later", date(2026, 10, 20), "not_started", None),
    ):
        BoardAction.objects.create(
            council=council,
            meeting=meetings[raised],
            title=title,
            due_on=due_on,
            status=status,
            completed_on=completed_on,
        )


@pytest.fixture
def concerns(council):
    """Open at 30 September: raised 3 August (response due 20 working days on: 4-7, 10-14,
    17-21, 24-28 August and, 31 August being the summer bank holiday, 1 September: past it);
    raised 25 September (due in October: not past); raised 1 September and answered only on 10
    October (due 29 September: past it). Not open: raised 1 July and answered 20 July; raised
    2 October. So 3 open, 2 past the standard."""
    from trajectory.escalations.models import Concern

    for number, raised, sent in (
        (1, date(2026, 8, 3), None),
        (2, date(2026, 9, 25), None),
        (3, date(2026, 9, 1), date(2026, 10, 10)),
        (4, date(2026, 7, 1), date(2026, 7, 20)),
        (5, date(2026, 10, 2), None),
    ):
        Concern.objects.create(
            council=council,
            number=number,
            raised_by_name="A head",
            partner_kind="school",
            raised_on=raised,
            theme="schools_confidence",
            summary="Heard nothing.",
            status="closed" if sent else "open",
            response_sent_on=sent,
        )


@pytest.fixture
def paper(settings, tmp_path, council, run, plan, audits, voice, governance, concerns):
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"  # no benchmark to read
    snapshot = Snapshot(council=council, as_at=AS_AT, run=run)
    return build_document(KIND, KIND.current, snapshot)


def said(doc, sentence) -> str:
    return document.filled(sentence, doc.figures, lambda figure: figure.shown)


def section(doc, key):
    return next(found for found in document.walk(doc.sections) if found.key == key)


def blocks(doc, key, kind):
    return [block for block in section(doc, key).blocks if isinstance(block, kind)]


def narrative(doc, area_key) -> list[str]:
    block = blocks(doc, f"area.{area_key}", document.Narrative)[0]
    return [said(doc, sentence) for sentence in block.drafted]


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def test_the_sections_are_the_templates(paper):
    assert [item.key for item in paper.sections] == [
        "introduction",
        "area.help_and_protection",
        "area.children_in_care",
        "area.care_leavers",
        "area.workforce",
        "area.quality_of_practice",
        "area.leadership_and_governance",
    ]
    assert paper.sections[2].title == "Children in care"
    keys = [block.key for block in paper.narratives()]
    assert len(keys) == len(set(keys)) == 7


def test_the_introduction_counts_indicators_across_areas(paper):
    """Three indicators have figures: one improving (reviews), one worsening (re-referrals),
    one special cause (re-referrals); then the whole plan and the quarter's audits."""
    intro = section(paper, "introduction")
    purpose = [said(paper, s) for s in intro.blocks[0].sentences]
    assert "quarter from 1 July 2026 to 30 September 2026" in purpose[1]
    summary = [said(paper, s) for s in blocks(paper, "introduction", document.Narrative)[0].drafted]
    assert summary[0] == (
        "Of the 3 indicators with a figure at 30 September 2026, 1 improved on the year before "
        "and 1 worsened; 1 showed special-cause variation at their latest point."
    )
    # The plan's 4 live actions (priority 1's) and the quarter's 3 audits.
    assert summary[1:] == [
        "Of the plan's 4 actions, 1 was complete and 1 overdue at 30 September 2026.",
        "3 case audits were completed from 1 July 2026 to 30 September 2026; 33.3% were graded "
        "good or better.",
        "Help and protection: worsening on the year before or a special-cause concern: "
        "re-referrals within 12 months.",
    ]


def test_an_areas_indicator_table_cites_each_figure(paper):
    table = blocks(paper, "area.help_and_protection.indicators", document.Table)[0]
    rows = {row[0].text: row for row in table.rows}
    assert len(rows) == len(catalogue.area("help_and_protection").indicators())
    rereferrals = rows["Re-referrals within 12 months"]
    assert [cell.text for cell in rereferrals] == [
        "Re-referrals within 12 months",
        "22.0%",
        "September 2026",
        "10.0%",
        "Worsening",
        "Special cause: concern (a point outside the process limits)",
        "Not published",
        "No target",
    ]
    assert rereferrals[1].cite == "cin_rereferrals_pct@2026-09-30"
    assert rereferrals[1].count == 22  # the numerator
    assert rereferrals[3].cite == "cin_rereferrals_pct@2025-09-30"
    assert paper.figures["cin_rereferrals_pct@2026-09-30"].denominator == 100
    # The 5.0% of 31 October 2026 is after the paper's date.
    assert "cin_rereferrals_pct@2026-10-31" not in paper.figures
    # An indicator with no figure says so.
    assert rows["Referrals to children’s social care"][1].text == "No figure"
    in_care = blocks(paper, "area.children_in_care.indicators", document.Table)[0]
    by_title = {row[0].text: row for row in in_care.rows}
    assert [c.text for c in by_title[_title("cla_reviews_on_time_pct")][1:6]] == [
        "73.0%",
        "September 2026",
        "70.0%",
        "Improving",
        "Common cause",
    ]
    assert [c.text for c in by_title[_title("cla_3plus_placements_pct")][1:6]] == [
        "10.0%",
        "September 2026",
        "10.0%",
        "No change",
        "Common cause",
    ]


def _title(indicator_id: str) -> str:
    from trajectory.indicators import registry

    return registry.get(indicator_id).title


def test_headline_charts_say_what_they_show(paper):
    charts = blocks(paper, "area.help_and_protection.indicators", document.Chart)
    assert [chart.key for chart in charts] == [
        "area.help_and_protection.chart.cin_rereferrals_pct",
    ]
    assert charts[0].alt == (
        "Re-referrals within 12 months from 10.0% (September 2025) to 22.0% (September 2026): "
        "worsened, over 13 figures. The latest point is special cause: concern."
    )
    assert charts[0].spec  # a Vega-Lite spec
    # The second headline has no figure: no chart, and the paper says so.
    said_instead = [
        said(paper, s)
        for p in blocks(paper, "area.help_and_protection.indicators", document.Paragraph)
        for s in p.sentences
    ]
    assert said_instead == [
        f"{_title('cin_assessments_45wd_pct')} has no figure at this date, so no chart is drawn."
    ]


def test_the_narrative_puts_worsening_and_signals_first(paper):
    drafted = narrative(paper, "help_and_protection")
    assert drafted[0] == (
        "Re-referrals within 12 months was 22.0% at 30 September 2026, worsened from 10.0% "
        "12 months before."
    )
    assert drafted[1] == (
        "The latest figure of re-referrals within 12 months is special-cause variation, a "
        "concern: a point outside the process limits."
    )
    in_care = narrative(paper, "children_in_care")
    assert in_care[0] == (
        f"{_title('cla_reviews_on_time_pct')} was 73.0% at 30 September 2026, improved from "
        "70.0% 12 months before."
    )
    # 3 or more placements did not change, but is a headline indicator: always stated.
    assert in_care[1] == (
        f"{_title('cla_3plus_placements_pct')} was 10.0% at 30 September 2026, unchanged from "
        "12 months before."
    )
    assert not any(sentence.endswith("no figure a year before.") for sentence in in_care)


def test_plan_progress_is_rated_at_the_date(paper):
    table = blocks(paper, "area.children_in_care.plan", document.Table)[0]
    assert texts(table) == [
        [
            "Priority 1: Placement stability for children in care is too weak.",
            "1",
            "1",
            "1",
            "1",
            "4",
            "Overdue",
        ]
    ]
    assert table.rows[0][5].total
    assert (
        "Of the 4 actions of the 1 plan priority in this area, 1 was complete, 1 on track, "
        "1 slipping or blocked and 1 overdue at 30 September 2026."
        in narrative(paper, "children_in_care")
    )
    items = blocks(paper, "area.children_in_care.plan", document.Items)[0]
    assert [said(paper, s) for s in items.items] == [
        "1.1 Recruit foster carers: On track, due 31 December 2026.",
        "1.2 Placement stability meetings: Overdue, due 31 August 2026.",
        "1.3 Review foster fees: Complete, due 31 July 2026.",
        "1.5 Sufficiency statement: Slipping, due 10 October 2026.",
    ]
    assert paper.figures["area.children_in_care.plan.overdue@2026-09-30"].shown == "1"
    # Caseloads sit in the workforce, with no actions yet.
    assert "The 1 priority of the plan in this area has no actions yet." in narrative(
        paper, "workforce"
    )


def test_audits_of_the_quarter_graded_at_the_date(paper):
    drafted = narrative(paper, "quality_of_practice")
    assert (
        "3 case audits were completed from 1 July 2026 to 30 September 2026; 33.3% were graded "
        "good or better." in drafted
    )
    grades_table, themes = blocks(paper, "area.quality_of_practice.audits", document.Table)
    assert texts(grades_table) == [
        ["Outstanding", "1"],
        ["Good", "0"],
        ["Requires improvement", "1"],
        ["Inadequate", "1"],
        ["All audits", "3"],
    ]
    assert [cell.count for row in grades_table.rows for cell in row[1:]] == [1, 0, 1, 1, 3]
    assert grades_table.totals == ("columns",)
    # Every theme in quality of practice, in the template's order.
    assert texts(themes) == [
        ["Management oversight", "1", "0", "2", "0", "3"],
        ["Permanence", "0", "2", "0", "1", "3"],
    ]
    assert "On permanence, 66.7% of 3 graded answers were good or better." in drafted
    # Children in care takes the permanence theme only; leadership the oversight theme.
    (in_care,) = blocks(paper, "area.children_in_care.audits", document.Table)
    assert texts(in_care) == [["Permanence", "0", "2", "0", "1", "3"]]
    (leading,) = blocks(paper, "area.leadership_and_governance.audits", document.Table)
    assert texts(leading) == [["Management oversight", "1", "0", "2", "0", "3"]]
    assert "On management oversight, 33.3% of 3 graded answers were good or better." in (
        narrative(paper, "leadership_and_governance")
    )


def test_what_children_and_staff_say(paper):
    tables = blocks(paper, "area.children_in_care.voice", document.Table)
    survey, events = tables
    assert survey.caption == "Bright Spots, Spring 2026"
    assert survey.head == ("Question", "Our children", "Other councils", "Answered")
    assert texts(survey) == [
        ["I feel settled where I live", "92%", "89%", "50"],
        ["I felt happy yesterday", "70%", "77%", "50"],
    ]
    # 92% of 50 is 46 children; 70% of 50 is 35.
    assert [survey.rows[0][1].count, survey.rows[1][1].count] == [46, 35]
    drafted = narrative(paper, "children_in_care")
    assert (
        "In Bright Spots (Spring 2026) our figure was at or above the comparator's on 1 of 2 "
        "questions; the furthest below it was “I felt happy yesterday”, 70% against 77%."
    ) in drafted
    assert (
        "1 engagement event was held from 1 July 2026 to 30 September 2026, with 12 attending."
    ) in drafted
    assert texts(events) == [["Focus group", "1", "0", "1", "12"]]
    workforce = narrative(paper, "workforce")
    assert (
        "In Staff survey (Spring 2026) our figure was at or above the comparator's on 1 of 1 "
        "questions; the closest to it was “I feel supported by my manager”, 78% against 72%."
    ) in workforce
    assert (
        "2 engagement events were held from 1 July 2026 to 30 September 2026, with 42 attending."
    ) in workforce
    # Care leavers: no survey placed there, no event.
    assert narrative(paper, "care_leavers")[-2:] == [
        "No survey in this area had closed its fieldwork by 30 September 2026.",
        "No engagement events in this area were held from 1 July 2026 to 30 September 2026.",
    ]


def test_leadership_reports_governance_and_escalations(paper):
    lead = section(paper, "area.leadership_and_governance")
    assert said(paper, lead.blocks[0].sentences[0]).startswith(
        "Leadership and governance has no indicators in the catalogue"
    )
    assert [sub.key for sub in lead.subsections] == [
        "area.leadership_and_governance.governance",
        "area.leadership_and_governance.escalations",
        "area.leadership_and_governance.plan",
        "area.leadership_and_governance.audits",
        "area.leadership_and_governance.voice",
    ]
    drafted = narrative(paper, "leadership_and_governance")
    assert drafted[:3] == [
        "The Improvement Board met 2 times from 1 July 2026 to 30 September 2026 and recorded "
        "3 decisions.",
        "At 30 September 2026 2 board actions were open, 1 of them overdue.",
        "3 escalations were open at 30 September 2026, 2 past their standard.",
    ]
    meetings = blocks(paper, "area.leadership_and_governance.governance", document.Table)[0]
    assert texts(meetings) == [
        ["7 July 2026", "Internal (council only)", "2"],
        ["1 September 2026", "Internal (council only)", "1"],
    ]
    late = blocks(paper, "area.leadership_and_governance.escalations", document.Items)[0]
    assert [said(paper, s) for s in late.items] == [
        "Concern 1 (schools' confidence in children's social care), raised by a partner "
        "(school or college) on 3 August 2026: the response was due 1 September 2026.",
        "Concern 3 (schools' confidence in children's social care), raised by a partner "
        "(school or college) on 1 September 2026: the response was due 29 September 2026.",
    ]
    # The oversight priority is placed here.
    plan_table = blocks(paper, "area.leadership_and_governance.plan", document.Table)[0]
    assert [row[0].text for row in plan_table.rows] == [
        "Priority 3: Management oversight is not effective."
    ]


def test_every_sentence_cites_figures_the_paper_holds(paper):
    for found in document.walk(paper.sections):
        for block in found.blocks:
            sentences = getattr(block, "drafted", None) or getattr(block, "sentences", ())
            for sentence in sentences:
                said(paper, sentence)  # raises on a cited figure the paper lacks
                assert set(document.PLACEHOLDER.findall(sentence.text)) <= set(sentence.cites)
    round_trip = document.Document.from_data(paper.to_data())
    assert round_trip.to_data() == paper.to_data()


def test_data_dated_after_the_date_changes_nothing(
    paper,
    settings,
    council,
    run,
    plan,
    manager,  # noqa: F811
):
    """More records dated after 30 September 2026: the same paper at 30 September."""
    from trajectory.escalations.models import Concern
    from trajectory.governance.models import BoardAction, Meeting
    from trajectory.plans import services
    from trajectory.voice.models import EngagementEvent

    action = plan.priorities.get(number=1).actions.get(number=2)
    services.progress_update_post(
        action=action,
        user=manager,
        narrative="Done late.",
        progress="on_track",
        status="complete",
        today=date(2026, 11, 2),
    )
    meeting = Meeting.objects.create(
        body=Meeting.objects.first().body, held_on=date(2026, 11, 3), kind="external"
    )
    BoardAction.objects.create(
        council=council, meeting=meeting, title="New", due_on=date(2026, 11, 10)
    )
    EngagementEvent.objects.create(
        council=council,
        kind="drop_in",
        format="virtual",
        held_on=date(2026, 11, 4),
        title="Drop-in",
        attendance=9,
    )
    Concern.objects.filter(number=1).update(response_sent_on=date(2026, 11, 5), status="closed")
    again = build_document(KIND, KIND.current, Snapshot(council=council, as_at=AS_AT, run=run))
    assert again.to_data() == paper.to_data()


def _benchmark_fields() -> dict:
    """Re-referrals (lower is better) 21.0% against England's 22.6% at 31 March 2025: ours
    better (judged from the two figures, not read from the comparison)."""
    fields = {
        "year": 2025,
        "on": date(2025, 3, 31),
        "ours": 21.0,
        "england": 22.6,
        "neighbours": None,
        "against_england": None,
        "against_neighbours": None,
        "quartile": None,
    }
    known = {item.name for item in dataclasses.fields(Benchmark)}
    return {name: value for name, value in fields.items() if name in known}


def test_the_england_cell_names_the_published_year(paper, council, run):
    from trajectory.reports.builders import self_assessment

    snapshot = Snapshot(council=council, as_at=AS_AT, run=run)
    facts = dataclasses.replace(
        snapshot.indicator("cin_rereferrals_pct"),
        benchmark=Benchmark(**_benchmark_fields()),
    )
    cell = self_assessment._england_cell(snapshot, facts)
    assert cell.text == "22.6% at 31 March 2025 (ours better)"
    assert cell.cite == "england.cin_rereferrals_pct@2025"
    assert snapshot.book[cell.cite].shown == "22.6%"


def test_lower_first_keeps_abbreviations():
    from trajectory.reports.builders.self_assessment import lower_first

    assert lower_first("Management oversight") == "management oversight"
    assert lower_first("DCS drop-in") == "DCS drop-in"
    assert lower_first("Re-referrals within 12 months (Annex A)") == (
        "re-referrals within 12 months (Annex A)"
    )


def test_quarter_start():
    from trajectory.reports.builders.self_assessment import quarter_start

    assert quarter_start(date(2026, 9, 30)) == date(2026, 7, 1)
    assert quarter_start(date(2026, 6, 30)) == date(2026, 4, 1)
    assert quarter_start(date(2026, 12, 31)) == date(2026, 10, 1)
    assert quarter_start(date(2026, 11, 15)) == date(2026, 8, 16)


def test_an_empty_council_says_so_plainly(settings, tmp_path, make_council):
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    empty = make_council(code="991", name="Eastshire")
    doc = build_document(KIND, KIND.current, Snapshot(council=empty, as_at=AS_AT, run=None))
    drafted = narrative(doc, "quality_of_practice")
    assert drafted == [
        "No indicator of quality of practice has a figure at this date.",
        "The council has no improvement plan in Trajectory.",
        "No audits were completed in the quarter to 30 September 2026.",
        "No survey in this area had closed its fieldwork by 30 September 2026.",
        "No engagement events in this area were held from 1 July 2026 to 30 September 2026.",
    ]


@pytest.fixture
def demo(db, settings, tmp_path):
    from trajectory.synth.demo import demo_load

    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    settings.TRAJECTORY_TODAY = date(2026, 12, 4)  # the demo's records are dated from it
    return demo_load(children=60, years=1, seed=7, out_dir=tmp_path)


def test_the_demo_council_builds_with_content_in_every_section(demo):
    from trajectory.indicators.models import IndicatorRun

    council = demo.council
    run = IndicatorRun.objects.filter(council=council).order_by("-computed_at", "-id").first()
    doc = build_document(KIND, KIND.current, Snapshot(council=council, as_at=AS_AT, run=run))
    assert [item.key for item in doc.sections] == [spec.key for spec in KIND.current.sections]
    for found in document.walk(doc.sections):
        assert found.blocks, found.key
    for block in doc.narratives():
        assert block.drafted, block.key
        for sentence in block.drafted:
            said(doc, sentence)
    lead = narrative(doc, "leadership_and_governance")
    assert lead[0].startswith("The Improvement Board met ")


def test_a_short_series_says_its_limits_are_not_yet_reliable(council):
    """70, 72, 74: mean 72, moving ranges 2 and 2, limits 72 ± 5.32, no run of 7: common
    cause, on 3 points (NHSRplotthedots warns below 12)."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue
    from trajectory.reports.builders.self_assessment import spc_text

    dates = month_ends(date(2026, 7, 1), 3)
    made = IndicatorRun.objects.create(council=council, period_from=dates[0], period_to=dates[-1])
    for as_at, value in zip(dates, (70.0, 72.0, 74.0), strict=True):
        IndicatorValue.objects.create(
            run=made, indicator_id="cla_reviews_on_time_pct", as_at=as_at, value=value
        )
    snapshot = Snapshot(council=council, as_at=AS_AT, run=made)
    assert spc_text(snapshot.indicator("cla_reviews_on_time_pct")) == (
        "Common cause; 3 points only, too few for reliable limits"
    )


def test_a_result_too_few_answered_is_withheld_from_a_reader_outside(
    paper, council, run, make_user
):
    """8 of the 4 to 7s answered (fewer than the 10 the voice pages need), and 92% of 50 is 46
    settled and 4 not (fewer than 5 on one side): a board member reads "c" for both and their
    figures are not in the paper; inside the council both are shown."""
    from trajectory.voice.models import Question, QuestionResult, Survey

    survey = Survey.objects.get(council=council, title="Bright Spots")
    wave = survey.waves.get(label="Spring 2026")
    question = Question.objects.create(
        survey=survey, code="know_why", text="I know why I am in care", order=9
    )
    QuestionResult.objects.create(
        upload=survey.uploads.first(),
        wave=wave,
        question=question,
        council_percent=62.5,
        comparator_percent=66,
        respondents=8,
    )
    board_member = make_user("board_member", council)
    outside = build_document(
        KIND, KIND.current, Snapshot(council=council, as_at=AS_AT, run=run, user=board_member)
    )
    table = blocks(outside, "area.children_in_care.voice", document.Table)[0]
    assert texts(table) == [
        ["I feel settled where I live", "c", "89%", "50"],
        ["I felt happy yesterday", "70%", "77%", "50"],
        ["I know why I am in care", "c", "66%", "8"],
    ]
    assert not any(".know_why" in key or ".settled@" in key for key in outside.figures)
    drafted = narrative(outside, "children_in_care")
    assert (
        "In Bright Spots (Spring 2026) our figure was at or above the comparator's on 0 of 1 "
        "questions; the furthest below it was “I felt happy yesterday”, 70% against 77%. C: "
        "withheld because so few answered that it could point to a child or worker."
    ) in drafted
    inside = build_document(KIND, KIND.current, Snapshot(council=council, as_at=AS_AT, run=run))
    table = blocks(inside, "area.children_in_care.voice", document.Table)[0]
    assert texts(table)[-1] == ["I know why I am in care", "62.5%", "66%", "8"]
