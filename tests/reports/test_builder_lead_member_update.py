"""The Lead Member's monthly update to full Council (issue 12.4), built from records made here
with the apps' own services and a hand-made indicator run, every expected sentence worked out
by hand from those records."""

from __future__ import annotations

from datetime import date

import pytest

from tests.plans.conftest import inspection, make_inspection, manager, plan  # noqa: F401
from trajectory.reports import catalogue
from trajectory.reports.build import build_document
from trajectory.reports.document import Document, Items, Narrative, Paragraph, Table, filled, walk
from trajectory.reports.facts import Snapshot
from trajectory.reports.suppression import figure_withheld
from trajectory.voice.suppression import Rule

AS_AT = date(2026, 9, 30)
LATER = date(2026, 11, 30)
KIND = catalogue.get("lead-member-update")
HEADER = "wave,wave_date,question_code,question,council_percent,comparator_percent,respondents\n"


# The records --------------------------------------------------------------------------------


def _visits(council):
    from trajectory.inspections.models import Finding, Framework, Inspection

    monitoring = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.MONITORING_VISIT,
        framework=Framework.ILACS,
        theme="Children in care",
        fieldwork_start=date(2026, 3, 10),
        fieldwork_end=date(2026, 3, 11),
        published_on=date(2026, 4, 14),
    )
    Finding.objects.create(
        inspection=monitoring,
        kind=Finding.Kind.AREA_FOR_IMPROVEMENT,
        text="Permanence is not always secured quickly enough.",
    )
    Inspection.objects.create(  # fieldwork before the paper, its letter after it
        council=council,
        kind=Inspection.Kind.FOCUSED_VISIT,
        framework=Framework.ILACS,
        theme="Leadership",
        fieldwork_start=date(2026, 9, 15),
        fieldwork_end=date(2026, 9, 16),
        published_on=date(2026, 10, 20),
    )


def _intervention(council, make_review, commissioner):
    from trajectory.intervention.models import RecommendationOption
    from trajectory.intervention.options import options_seed
    from trajectory.intervention.services import intervention_event_record, recommendation_record

    def event(kind, on, **more):
        intervention_event_record(
            council=council,
            user=commissioner,
            kind=kind,
            occurred_on=on,
            summary="As recorded.",
            **more,
        )

    event("direction_issued", date(2024, 1, 8))
    event("commissioner_appointed", date(2024, 1, 8), appointee="Jane Doe")
    event("trust_proposed", date(2024, 7, 15))
    event("direction_renewed", date(2025, 9, 15), period_ends_on=date(2026, 12, 31))
    event("trust_paused", date(2025, 9, 15), period_ends_on=date(2026, 12, 31))
    options_seed(RecommendationOption)
    review = make_review(council, as_at=date(2026, 9, 14))
    recommendation_record(
        council=council,
        user=commissioner,
        review=review,
        option=RecommendationOption.objects.get(key="withdraw-trust"),
        made_on=date(2026, 9, 21),
        rationale="The evidence across the domains.",
        conditions="Continued support from the improvement partner.",
    )


def _staff(council):
    from trajectory.voice import services

    survey = services.survey_create(
        council=council,
        user=None,
        title="Staff survey",
        audience="staff",
        kind="aggregated",
        comparator="other councils' staff",
    )
    rows = (
        "Spring 2025,2025-04-30,supported,I feel supported by my manager,69,70,40\n"
        "Spring 2026,2026-04-30,supported,I feel supported by my manager,78,72,42\n"
        "Spring 2026,2026-04-30,caseload,My caseload is manageable,50,56,6\n"
    )
    outcome = services.results_upload(
        survey=survey, user=None, file_name="staff.csv", content=(HEADER + rows).encode()
    )
    assert not outcome.problems
    for kind, form, held_on, attendance in (
        ("event", "face_to_face", date(2026, 7, 10), 30),
        ("event", "face_to_face", date(2026, 8, 12), 25),
        ("event", "virtual", date(2026, 9, 2), 3),
        ("round_table", "face_to_face", date(2026, 9, 20), None),
        ("focus_group", "virtual", date(2026, 8, 1), 4),
        ("event", "face_to_face", date(2025, 9, 30), 99),  # the day before the 12 months
    ):
        services.event_create(
            council=council,
            user=None,
            kind=kind,
            format=form,
            held_on=held_on,
            title=f"{kind} {held_on}",
            attendance=attendance,
        )
    return survey


def _plan_actions(plan):  # noqa: F811
    from trajectory.plans.services import action_create, action_update

    first, second, third = plan.priorities.order_by("number")
    action_create(
        priority=first,
        user=None,
        title="Recruit",
        due_on=date(2026, 6, 30),
        status="complete",
        today=date(2026, 6, 20),
    )
    action_create(priority=first, user=None, title="Caseloads", due_on=date(2026, 8, 31))
    action_create(priority=second, user=None, title="Later", due_on=date(2026, 12, 31))
    late = action_create(priority=second, user=None, title="Audit", due_on=date(2026, 9, 15))
    # Completed after the paper's date: at 30 September it was overdue.
    action_update(action=late, user=None, status="complete", today=date(2026, 10, 10))
    action_create(
        priority=third, user=None, title="Dropped", due_on=date(2026, 5, 1), status="cancelled"
    )


def month_ends(first: date, count: int) -> list[date]:
    import calendar

    found, year, month = [], first.year, first.month
    for _ in range(count):
        found.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


# Supervision compliance: 84.0% at 30 September 2025, 86.0% at 30 September 2026 (improved),
# zig-zagging so no SPC rule fires; a figure for October 2026 lies after the paper's date.
SUPERVISION = [84, 86, 85, 87, 84, 86, 85, 87, 84, 86, 85, 87, 86, 95]
# Reviews on time: 91.0% a year before, 89.0% now (worsened), no SPC rule either.
REVIEWS = [91, 90, 92, 91, 90, 92, 91, 90, 92, 91, 90, 92, 89, 99]


def _run(council):
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    dates = month_ends(date(2025, 9, 1), 14)  # 30 September 2025 to 31 October 2026
    run = IndicatorRun.objects.create(council=council, period_from=dates[0], period_to=dates[-1])
    for as_at, supervision, reviews in zip(dates, SUPERVISION, REVIEWS, strict=True):
        IndicatorValue.objects.create(
            run=run,
            indicator_id="supervision_compliance_pct",
            as_at=as_at,
            value=float(supervision),
            numerator=float(supervision),
            denominator=100.0,
        )
        IndicatorValue.objects.create(
            run=run,
            indicator_id="cla_reviews_on_time_pct",
            as_at=as_at,
            value=float(reviews),
            numerator=float(reviews) * 2,
            denominator=200.0,
        )
    # The workforce census: 12 of 120 FTE posts vacant (10.0%) in 2024, 9.8 of 122.5 (8.0%)
    # in 2025.
    for as_at, vacant, whole in ((date(2024, 9, 30), 12.0, 120.0), (date(2025, 9, 30), 9.8, 122.5)):
        IndicatorValue.objects.create(
            run=run,
            indicator_id="workforce_vacancy_pct",
            as_at=as_at,
            value=round(100 * vacant / whole, 1),
            numerator=vacant,
            denominator=whole,
        )
    return run


def _workforce_months(council):
    from trajectory.workforce.services import snapshot_record

    for month, vacancies in ((date(2026, 9, 1), "10.0"), (date(2026, 10, 1), "12.0")):
        snapshot_record(
            council=council,
            user=None,
            month=month,
            establishment_fte="520.0",
            filled_fte="490.0",
            agency_fte="20.0",
            vacancies_fte=vacancies,
            starters=2,
            leavers=1,
            absence_days="30.0",
        )


@pytest.fixture
def commissioner(make_user, council):
    return make_user("commissioner", council)


@pytest.fixture(autouse=True)
def _no_reference_data(settings, tmp_path):
    """No DfE reference files: the benchmark sentences (drafting.py's, tested there) are left
    out, so each expected sentence here is worked from this file's records alone."""
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"


@pytest.fixture
def recorded(council, plan, make_review, commissioner):  # noqa: F811
    _visits(council)
    _intervention(council, make_review, commissioner)
    _staff(council)
    _plan_actions(plan)
    _workforce_months(council)
    return _run(council)


@pytest.fixture
def make_review(db):
    from trajectory.assessment.models import Framework, Review

    def make(council, *, as_at):
        framework = Framework.objects.create(name="Progress", rating_scale=["Not met", "Met"])
        return Review.objects.create(
            council=council, framework=framework, kind="final", as_at=as_at, status="final"
        )

    return make


def build(council, run, as_at=AS_AT) -> Document:
    snapshot = Snapshot(council=council, as_at=as_at, run=run)
    return build_document(KIND, KIND.current, snapshot)


def section(document: Document, key: str):
    return next(item for item in walk(document.sections) if item.key == key)


def texts(document: Document, key: str) -> list[str]:
    """Every sentence of a section's own blocks, filled with the figures as shown."""
    found = []
    for block in section(document, key).blocks:
        sentences = ()
        if isinstance(block, Paragraph):
            sentences = block.sentences
        elif isinstance(block, Items):
            sentences = block.items
        elif isinstance(block, Narrative):
            sentences = block.drafted
        found += [filled(sentence, document.figures, lambda f: f.shown) for sentence in sentences]
    return found


def tables(document: Document, key: str) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row] for row in block.rows]
        for block in section(document, key).blocks
        if isinstance(block, Table)
    ]


# The tests ----------------------------------------------------------------------------------


def test_the_sections_are_the_templates_in_order(council, recorded):
    document = build(council, recorded)
    assert [(item.key, item.title) for item in document.sections] == [
        ("introduction", "Introduction"),
        ("ofsted", "Ofsted activity"),
        ("intervention", "Intervention and the children's trust"),
        ("staff", "The staff perspective"),
        ("initiatives", "Service improvement initiatives"),
        ("conclusion", "Conclusion"),
        ("youth_cabinet", "Statement from the Youth Cabinet"),
    ]
    keys = [narrative.key for narrative in document.narratives()]
    assert keys == ["introduction.narrative", "conclusion.narrative", "youth_cabinet.statement"]
    # Rebuilt from its data, the paper is the same paper.
    assert Document.from_data(document.to_data()) == document


def test_ofsted_the_judgement_and_the_visits_since(council, recorded):
    document = build(council, recorded)
    assert texts(document, "ofsted") == [
        # tests/plans/conftest.py's inspection: fieldwork 4 to 15 February 2019, published
        # 8 May 2019, inadequate, one strength and three areas for improvement.
        "Ofsted's standard inspection of children's services took place between "
        "4 and 15 February 2019 and judged overall effectiveness inadequate; "
        "its report was published on 8 May 2019.",
        "Ofsted's report of the standard inspection of 4 February 2019 sets out 1 strength "
        "and 3 areas for improvement.",
        "Areas for improvement:",
        "Social worker caseloads are too high.",
        "Management oversight is not effective.",
        "Permanence planning is too slow.",
        "Ofsted has made 2 visits since that inspection, to 30 September 2026.",
        "Ofsted's report of the monitoring visit of 10 March 2026 sets out 1 area for improvement.",
        "Areas for improvement:",
        "Permanence is not always secured quickly enough.",
        "The findings of the focused visit between 15 and 16 September 2026 "
        "had not been published by 30 September 2026.",
    ]
    assert tables(document, "ofsted") == [
        [["Overall effectiveness", "Inadequate"]],
        [
            [
                "Monitoring visit",
                "Children in care",
                "Between 10 and 11 March 2026",
                "14 April 2026",
            ],
            [
                "Focused visit",
                "Leadership",
                "Between 15 and 16 September 2026",
                "Not published by 30 September 2026",
            ],
        ],
    ]


def test_the_intervention_says_what_is_recorded_and_what_is_not(council, recorded):
    document = build(council, recorded)
    assert texts(document, "intervention") == [
        "The council has been subject to a statutory direction under section 497A of the "
        "Education Act 1996 since 8 January 2024.",
        "A new direction was issued on 15 September 2025.",
        "The direction runs until 31 December 2026.",
        "Jane Doe was appointed Commissioner on 8 January 2024.",
        "The children's trust:",
        "Children's trust proposed: 15 July 2024.",
        "Trust proposal paused: 15 September 2025, until 31 December 2026.",
        "At 30 September 2026 the record shows the trust proposal paused.",
        "The Commissioner's reviews of the council's progress, final by this date:",
        "Final review at 14 September 2026.",
        "On 21 September 2026, on the final review at 14 September 2026, the Commissioner "
        "recommended to the minister: Withdraw the trust proposal.",
        "This would keep children's services with the council.",
        "The Commissioner's conditions: Continued support from the improvement partner.",
        "The minister's decision on it is not recorded by 30 September 2026.",
    ]


def test_an_empty_record_says_so(council):
    document = build(council, None)
    assert texts(document, "intervention") == [
        "No statutory direction to the council is recorded by 30 September 2026.",
        "No Commissioner's appointment is recorded.",
        "No children's trust has been proposed by 30 September 2026.",
        "No review of the council's progress had been finalised by 30 September 2026.",
        "No recommendation on whether children's services stay with the council or move to a "
        "children's trust is recorded by 30 September 2026.",
    ]
    assert texts(document, "ofsted") == [
        "No graded Ofsted inspection of the council is recorded by 30 September 2026.",
        "Ofsted made no monitoring or focused visit recorded by 30 September 2026.",
    ]
    assert texts(document, "staff") == [
        "No staff survey is recorded.",
        "No engagement events with staff are recorded between 1 October 2025 and "
        "30 September 2026.",
    ]
    assert texts(document, "initiatives.plan") == ["No improvement plan is recorded."]
    assert texts(document, "initiatives.staffing") == [
        "Social worker vacancy rate has no figure at this date.",
        "Supervisions held on time has no figure at this date.",
    ]


def test_the_staff_perspective_as_figures(council, recorded):
    document = build(council, recorded)
    assert texts(document, "staff") == [
        "The Staff survey was last run in Spring 2026 (closing on 30 April 2026).",
        "78% of staff agreed that “I feel supported by my manager” in Spring 2026 (42 "
        "answered), up from 69% in Spring 2025, against 72% for other councils' staff.",
        "50% of staff agreed that “My caseload is manageable” in Spring 2026 (6 answered), "
        "against 56% for other councils' staff.",
        "Leaders' engagement with staff between 1 October 2025 and 30 September 2026:",
        # 30 + 25 + 3 = 58 at the events; the round table's attendance was not counted.
        "Staff engagement event: 2 face-to-face and 1 virtual, between 10 July 2026 and "
        "2 September 2026, welcoming 58 staff in all.",
        "Round table: 1 face-to-face, on 20 September 2026 (attendance not recorded at 1 event).",
        "Focus group: 1 virtual, on 1 August 2026, welcoming 4 staff in all.",
    ]
    figures = document.figures
    # 78% of 42 is 32.76: 33 agreeing of 42; 50% of 6 is 3 of 6.
    supported = next(f for f in figures.values() if f.shown == "78%")
    assert (supported.count, supported.denominator) == (33, 42)
    caseload = next(f for f in figures.values() if f.shown == "50%")
    assert (caseload.count, caseload.denominator) == (3, 6)
    attendance = {f.label: f.count for f in figures.values() if "attendance" in f.label}
    assert attendance == {
        "Staff engagement event: attendance (October 2025 to September 2026)": 58,
        "Focus group: attendance (October 2025 to September 2026)": 4,
    }
    # Leaving the council, the small ones are masked: 3 agreeing, 4 at the focus group.
    withheld = {f.shown for f in figures.values() if figure_withheld(f, Rule())}
    assert withheld == {"50%", "4"}


def test_the_initiatives_headline_figures(council, recorded):
    document = build(council, recorded)
    assert texts(document, "initiatives.staffing") == [
        # 9.8 / 122.5 = 8.0% against 12 / 120 = 10.0% the census before: lower is better.
        "Social worker vacancy rate was 8.0% at 30 September 2025, improved from 10.0% the "
        "year before.",
        "That equates to 9.8 full-time equivalent posts vacant.",
        # September 2026: 10.0 / (10.0 + 490.0) = 2.0%.
        "The council's own monthly figures for September 2026 put the vacancy rate at 2.0%, "
        "which equates to 10.0 FTE posts.",
        "Supervisions held on time was 86.0% at 30 September 2026, improved from 84.0% 12 "
        "months before.",
    ]
    assert texts(document, "initiatives.children_in_care") == [
        "Reviews held on time was 89.0% at 30 September 2026, worsened from 91.0% 12 months "
        "before.",
    ]
    # At 30 September: 4 actions (one cancelled left out); due by then the 30 June, 31 August
    # and 15 September ones; complete the 30 June one; overdue 31 August and 15 September
    # (completed only on 10 October).
    assert texts(document, "initiatives.plan") == [
        "The council's improvement plan: Improvement plan: Standard inspection May 2019.",
        "The plan's actions at 30 September 2026: 4 in all, 3 due by then, 1 completed and "
        "2 overdue.",
    ]
    assert tables(document, "initiatives.plan") == [
        [
            ["1. Social worker caseloads are too high.", "2", "2", "1", "1"],
            ["2. Management oversight is not effective.", "2", "1", "0", "1"],
            ["3. Permanence planning is too slow.", "0", "0", "0", "0"],
        ]
    ]
    vacancy_fte = document.figures["workforce_vacancy_fte@2025-09-30"]
    assert (vacancy_fte.shown, vacancy_fte.count) == ("9.8", 10)


def test_introduction_conclusion_and_the_youth_cabinet(council, recorded):
    document = build(council, recorded)
    assert texts(document, "introduction") == [
        "This is the Lead Member's update to full Council for September 2026 on the "
        "improvement of Westshire's children's services, with the figures as at "
        "30 September 2026.",
        "It reports Ofsted's activity, the intervention and the children's trust, what staff "
        "say, and the service improvement initiatives with their headline figures.",
        "Social worker vacancy rate was 8.0% at 30 September 2025, improved from 10.0% the "
        "year before.",
        "Supervisions held on time was 86.0% at 30 September 2026, improved from 84.0% 12 "
        "months before.",
        "Reviews held on time was 89.0% at 30 September 2026, worsened from 91.0% 12 months "
        "before.",
    ]
    assert texts(document, "conclusion") == [
        "Of the 3 headline figures with a year before to compare, 2 improved and 1 worsened.",
        "The plan's actions at 30 September 2026: 4 in all, 3 due by then, 1 completed and "
        "2 overdue.",
        "Children's services remain in intervention, and the record shows the trust proposal "
        "paused.",
        "There is still much to do; the next update will report the progress made.",
    ]
    [statement] = section(document, "youth_cabinet").blocks
    assert statement.title == "Statement from the Chair of the Youth Cabinet, September 2026"
    assert [sentence.text for sentence in statement.drafted] == [
        "The Youth Cabinet's statement is to be added."
    ]


def test_the_paper_at_a_date_ignores_what_came_after(council, recorded, commissioner):
    from trajectory.inspections.models import Framework, Inspection
    from trajectory.intervention.services import intervention_event_record
    from trajectory.voice import services
    from trajectory.voice.models import Survey

    before = build(council, recorded)
    Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.MONITORING_VISIT,
        framework=Framework.ILACS,
        theme="The front door",
        fieldwork_start=date(2026, 11, 3),
        published_on=date(2026, 11, 25),
    )
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_withdrawn",
        occurred_on=date(2026, 11, 2),
        summary="Withdrawn.",
    )
    survey = Survey.objects.get(council=council, title="Staff survey")
    services.results_upload(
        survey=survey,
        user=None,
        file_name="autumn.csv",
        content=(
            HEADER + "Autumn 2026,2026-10-31,supported,I feel supported by my manager,80,73,45\n"
        ).encode(),
    )
    services.event_create(
        council=council,
        user=None,
        kind="event",
        format="virtual",
        held_on=date(2026, 10, 5),
        title="After",
        attendance=40,
    )
    again = build(council, recorded)
    assert again.to_data() == before.to_data()
    # The later records are read by a paper dated after them.
    later = build(council, recorded, LATER)
    assert "Ofsted has made 3 visits since that inspection, to 30 November 2026." in texts(
        later, "ofsted"
    )
    assert "At 30 November 2026 the record shows the trust proposal withdrawn." in texts(
        later, "intervention"
    )
    assert "Since then the record shows: trust proposal withdrawn on 2 November 2026." in texts(
        later, "intervention"
    )
    assert any(
        "in Autumn 2026 (45 answered), up from 78%" in text for text in texts(later, "staff")
    )
    assert (
        "The council's own monthly figures for October 2026 put the vacancy rate at 2.4%, "
        "which equates to 12.0 FTE posts."  # 12.0 / (12.0 + 490.0) = 2.39%
    ) in texts(later, "initiatives.staffing")
    assert (
        "Supervisions held on time was 95.0% at 31 October 2026, improved from 86.0% 12 months "
        "before."
    ) in texts(later, "initiatives.staffing")


def test_the_demo_council_builds(db, settings, tmp_path):
    from trajectory.indicators.models import IndicatorRun
    from trajectory.synth.demo import demo_load

    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    settings.TRAJECTORY_TODAY = date(2026, 12, 4)
    demo = demo_load(children=60, years=1, seed=7, out_dir=tmp_path)
    run = IndicatorRun.objects.filter(council=demo.council).first()
    document = build(demo.council, run, date(2026, 11, 30))
    for item in document.sections:
        assert item.blocks or item.subsections, item.key
    for item in walk(document.sections):
        for block in item.blocks:
            for sentence in getattr(block, "sentences", ()) or getattr(block, "items", ()):
                filled(sentence, document.figures, lambda f: f.shown)  # every cite is there
    # And it draws in every format, leaving the council.
    from trajectory.reports.services import report_generate

    version = report_generate(
        user=None, council=demo.council, kind=KIND.key, as_at=date(2026, 11, 30), run=run
    )
    assert version.audience == "external"
    assert sorted(file.format for file in version.files.all()) == ["docx", "html", "pdf"]


def test_the_command_line_writes_the_paper_leaving_the_council(council, recorded, tmp_path):
    """`trajectory report lead-member-update`: by default the paper leaves the council, so
    the 3 of 6 agreeing and the 4 at the focus group are shown as "c" in every format."""
    import docx
    from django.core.management import call_command

    out = tmp_path / "update.docx"
    call_command(
        "report",
        "lead-member-update",
        "--council",
        council.code,
        "--as-at",
        "2026-09-30",
        "--format",
        "docx",
        "--out",
        str(out),
    )
    word = docx.Document(str(out))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for title in (
        "Introduction",
        "Ofsted activity",
        "Intervention and the children's trust",
        "The staff perspective",
        "Service improvement initiatives",
        "Staffing",
        "Conclusion",
        "Statement from the Youth Cabinet",
    ):
        assert title in headings
    text = "\n".join(p.text for p in word.paragraphs)
    assert "c of staff agreed that “My caseload is manageable” in Spring 2026 (6 answered)" in text
    assert "Focus group: 1 virtual, on 1 August 2026, welcoming c staff in all." in text
    assert "78% of staff agreed that “I feel supported by my manager”" in text
    rows = [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in word.tables
        if table.rows[0].cells[0].text == "Priority"
    ]
    assert rows[0][1] == ["1. Social worker caseloads are too high.", "2", "2", "1", "1"]
    html = tmp_path / "update.html"
    call_command(
        "report",
        "lead-member-update",
        "--council",
        council.code,
        "--report-version",
        "1",
        "--format",
        "html",
        "--out",
        str(html),
    )
    assert "The Youth Cabinet" in html.read_text()


def test_a_board_member_reads_the_survey_as_the_voice_pages_show_it(council, recorded, make_user):
    """Built for someone outside the council, the voice selectors already withhold the result
    6 staff gave (fewer than 10 answered): the paper says so rather than state it."""
    snapshot = Snapshot(
        council=council, as_at=AS_AT, run=recorded, user=make_user("board_member", council)
    )
    document = build_document(KIND, KIND.current, snapshot)
    assert texts(document, "staff")[1:3] == [
        "78% of staff agreed that “I feel supported by my manager” in Spring 2026 (42 "
        "answered), up from 69% in Spring 2025, against 72% for other councils' staff.",
        "The Spring 2026 result for “My caseload is manageable” is withheld: so few answered "
        "that it could point to a worker.",
    ]
