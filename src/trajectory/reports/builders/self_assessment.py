"""The quarterly self-assessment (issue 12.2): the council's own view of its services, area by
area, for the Commissioner and the Improvement Board, as West Sussex appended to the
Commissioner's report (2022-01, paragraph 30: "an exceptionally thorough and well-crafted
quarterly self-assessment document").

Each area of the catalogue (`catalogue.AREAS`) gives, at the paper's date:
(a) its indicators (every indicator of its domains, from the pinned run): the latest figure and
    the year before, the direction, the SPC reading, England's figure and the target rating,
    with a chart of each headline indicator;
(b) the plan's priorities the area's words place in it (on the priority's title or the
    finding it answers), their actions as they stood at the date
    (`plans.selectors.plan_standing_at`);
(c) the case audits completed in the quarter ending on the date (assurance/as_at.py): their
    grades, and the audit themes the words place in the area (quality of practice takes all);
(d) what children and staff say: each survey's latest wave closed by the date (children's
    surveys placed by the words, the staff survey in the workforce) and the engagement events
    of the quarter (all in the workforce, the others by the words);
(e) a drafted narrative: worsening indicators and special-cause signals first, then the
    improving, then the plan, audits and voice, every sentence citing the figures it states.
Leadership and governance has no indicator domain: it reports the Improvement Board's meetings
and decisions in the quarter (governance/as_at.py), the action log at the date
(`governance.selectors.action_log_at`) and the partners' escalations open then
(`escalations.selectors.concern_rows_at`).

The quarter is the three months ending on the as-at date (1 July to 30 September 2026 for 30
September 2026).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.utils.text import slugify

from trajectory.assurance import as_at as audits_at
from trajectory.assurance import grades
from trajectory.benchmarking.compare import BETTER, NO_JUDGEMENT, SAME, WORSE, judgement
from trajectory.escalations import catalogue as concern_catalogue
from trajectory.escalations import selectors as concern_selectors
from trajectory.escalations.models import Concern
from trajectory.governance import as_at as governance_at
from trajectory.governance import selectors as governance_selectors
from trajectory.indicators import figures
from trajectory.indicators.charts import indicator_series_chart
from trajectory.plans import rag as plan_rag
from trajectory.plans import selectors as plan_selectors
from trajectory.reports import drafting
from trajectory.reports.catalogue import AREAS, Area, SectionSpec
from trajectory.reports.document import (
    Cell,
    Chart,
    Items,
    Narrative,
    Paragraph,
    Section,
    Sentence,
    Table,
)
from trajectory.reports.facts import IndicatorFacts, Snapshot
from trajectory.spc.charts import spc_chart
from trajectory.spc.text import RULE_TEXT, VARIATION_TEXT
from trajectory.targets import rag as target_rags
from trajectory.targets.selectors import target_text
from trajectory.voice import as_at as voice_at
from trajectory.voice.models import EngagementEvent, Survey
from trajectory.voice.selectors import engagement_summary
from trajectory.voice.suppression import MARKER as VOICE_MARKER
from trajectory.voice.suppression import MARKER_TEXT as VOICE_MARKER_TEXT
from trajectory.voice.suppression import implied_count
from trajectory.voice.trends import percent_text
from trajectory.web.dates import govuk_date, govuk_month

QUALITY_OF_PRACTICE = "quality_of_practice"  # takes every audit theme
WORKFORCE = "workforce"  # takes the staff surveys and every engagement event
LEADERSHIP = "leadership_and_governance"  # no indicators: governance instead
INDICATOR_HEAD = (
    "Indicator",
    "Latest figure",
    "Figure for",
    "A year before",
    "Direction",
    "SPC signal",
    "England",
    "Target",
)
AT_RISK = ("slipping", "blocked")  # amber: neither on track nor overdue


def cite(key: str) -> str:
    return f"{{{key}}}"


def lower_first(text: str) -> str:
    """ "Management oversight" as "management oversight" mid-sentence; "DCS drop-in" and
    "SEND" kept, as a capital second letter marks an abbreviation."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


# The quarter --------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_start(as_at: date) -> date:
    """The first day of the three months ending on `as_at`: 1 July for 30 September, 16
    August for 15 November."""
    next_day = as_at + timedelta(days=1)
    if next_day.day == 1:  # a month's end: three whole months
        return _add_months(next_day, -3)
    return _add_months(as_at, -3) + timedelta(days=1)


def quarter_text(snapshot: Snapshot) -> str:
    return f"{govuk_date(quarter_start(snapshot.as_at))} to {govuk_date(snapshot.as_at)}"


# Placing by words ---------------------------------------------------------------------------


def placed(area: Area, *texts: str) -> bool:
    """Whether any of the area's words is in the texts (case-insensitive)."""
    haystack = " ".join(text for text in texts if text).lower()
    return any(word.lower() in haystack for word in area.words)


# (a) Indicators ------------------------------------------------------------------------------


def _figure_cell(snapshot: Snapshot, key: str, text: str) -> Cell:
    if not key:
        return Cell(figures.NO_FIGURE)
    return Cell(text=text, cite=key, count=snapshot.book[key].count)


def _period(facts: IndicatorFacts) -> str:
    when = facts.trend.latest_as_at
    if when is None:
        return ""
    if facts.indicator.cadence == "annual":
        return figures.annual_period_text(facts.indicator, when)
    return govuk_month(when)


def direction(facts: IndicatorFacts) -> str:
    """The year-on-year direction (figures.IMPROVING, ...), as the scorecard's column."""
    before = facts.trend.year_before
    if not facts.known or before is None or not facts.year_before_key:
        return figures.NO_DATA
    return before.direction


def spc_text(facts: IndicatorFacts) -> str:
    if facts.indicator.cadence == "annual":
        return "Annual figure: no SPC chart"
    if facts.chart is None or facts.chart.latest is None:
        return "No figures"
    latest = facts.chart.latest
    text = VARIATION_TEXT[latest.variation]
    if latest.rule:
        text += f" ({RULE_TEXT[latest.rule]})"
    limits = facts.chart.limits
    if limits is not None and limits.short:  # NHSRplotthedots' warning (spc/xmr.py)
        text += (
            f"; {limits.points} {_plural(limits.points, 'point', 'points')} only, too few for "
            "reliable limits"
        )
    return text


def _england_cell(snapshot: Snapshot, facts: IndicatorFacts) -> Cell:
    found = facts.benchmark
    if found is None or found.england is None or found.ours is None:
        return Cell("Not published" if found is None else "No figure")
    drafting.benchmark(snapshot, facts)  # registers England's figure and ours
    key = f"england.{facts.indicator.id}@{found.year}"
    # The day the year's figures stand at: 31 March, or a census's 30 September.
    on = getattr(found, "on", None) or date(found.year, 3, 31)
    # Judged from the two figures stated, by polarity, as drafting.benchmark judges them.
    against = {
        BETTER: " (ours better)",
        WORSE: " (ours worse)",
        SAME: " (the same as ours)",
        NO_JUDGEMENT: " (neither higher nor lower is better)",
    }.get(judgement(facts.indicator.polarity, found.ours, found.england), "")
    return Cell(text=f"{snapshot.book[key].shown} at {govuk_date(on)}{against}", cite=key)


def _target_text(facts: IndicatorFacts) -> str:
    rated = facts.target
    if rated.rag is target_rags.NO_TARGET:
        return rated.rag.label
    return f"{rated.rag.label} ({target_text(rated.target)})"


def indicator_row(snapshot: Snapshot, facts: IndicatorFacts) -> tuple[Cell, ...]:
    trend = facts.trend
    before = trend.year_before
    return (
        Cell(facts.indicator.title),
        _figure_cell(snapshot, facts.key, trend.latest_shown),
        Cell(_period(facts)),
        _figure_cell(snapshot, facts.year_before_key, before.shown if before else ""),
        Cell(figures.DIRECTION_LABEL[direction(facts)]),
        Cell(spc_text(facts)),
        _england_cell(snapshot, facts),
        Cell(_target_text(facts)),
    )


def _known_values(facts: IndicatorFacts) -> list:
    known = [value for value in facts.values if value.value is not None]
    if facts.indicator.cadence == "annual":
        return figures.annual_points(known)
    return known


def chart_alt(facts: IndicatorFacts) -> str:
    """What the chart shows in words: its first and last figures and which way it went."""
    indicator = facts.indicator
    points = _known_values(facts)
    first, last = points[0], points[-1]
    when = (
        (lambda day: figures.annual_period_text(indicator, day))
        if indicator.cadence == "annual"
        else govuk_month
    )
    if len(points) == 1:
        only = figures.shown(indicator, last.value)
        return f"{indicator.title}: one figure, {only} ({when(last.as_at)})."
    moved = figures.direction(indicator, last.value, first.value)
    if moved == figures.NO_CHANGE:
        way = "unchanged"
    elif moved == figures.NOT_RATED:
        way = (
            "up" if last.value > first.value else "down"
        ) + " (neither higher nor lower is better)"
    else:
        way = figures.DIRECTION_VERB[moved]
    text = (
        f"{indicator.title} from {figures.shown(indicator, first.value)} ({when(first.as_at)}) "
        f"to {figures.shown(indicator, last.value)} ({when(last.as_at)}): {way}, over "
        f"{len(points)} figures."
    )
    if facts.chart is not None and facts.chart.latest is not None:
        text += f" The latest point is {VARIATION_TEXT[facts.chart.latest.variation].lower()}."
    return text


def headline_chart(area: Area, facts: IndicatorFacts) -> Chart | None:
    if not facts.known:
        return None
    indicator = facts.indicator
    if facts.chart is not None and facts.chart.points:
        setting = facts.target.target
        spec = spc_chart(indicator, facts.chart, target=setting.target if setting else None)
        kind = "SPC chart"
    else:
        spec = indicator_series_chart(indicator, _known_values(facts))
        kind = "Chart"
    return Chart(
        key=f"area.{area.key}.chart.{indicator.id}",
        title=f"{kind}: {indicator.title}",
        alt=chart_alt(facts),
        spec=spec,
    )


def area_facts(snapshot: Snapshot, area: Area) -> list[IndicatorFacts]:
    return [snapshot.indicator(indicator.id) for indicator in area.indicators()]


def indicators_section(snapshot: Snapshot, area: Area) -> Section:
    found = area_facts(snapshot, area)
    blocks: list = [
        Table(
            caption=f"{area.title}: indicators at {govuk_date(snapshot.as_at)}",
            head=INDICATOR_HEAD,
            rows=tuple(indicator_row(snapshot, facts) for facts in found),
            empty="This area has no indicators in the catalogue.",
        )
    ]
    for indicator_id in area.headline:
        facts = snapshot.indicator(indicator_id)
        chart = headline_chart(area, facts)
        if chart is None:
            blocks.append(
                Paragraph(
                    (
                        Sentence(
                            f"{facts.indicator.title} has no figure at this date, so no chart "
                            "is drawn."
                        ),
                    )
                )
            )
        else:
            blocks.append(chart)
    return Section(f"area.{area.key}.indicators", "Headline indicators", tuple(blocks))


_VARIATION_ORDER = {"concern": 0, "improvement": 1, "neutral": 2}


def _special_first(found: list[IndicatorFacts]) -> tuple[list, list, list]:
    """(worsening, special cause not worsening: concerns first, improving without special
    cause), each in the catalogue's order."""
    worsening = [facts for facts in found if direction(facts) == figures.WORSENING]
    special = sorted(
        (facts for facts in found if facts.special_cause and direction(facts) != figures.WORSENING),
        key=lambda facts: _VARIATION_ORDER[facts.chart.latest.variation],
    )
    improving = [
        facts
        for facts in found
        if direction(facts) == figures.IMPROVING and not facts.special_cause
    ]
    return worsening, special, improving


def indicator_narrative(snapshot: Snapshot, area: Area) -> list[Sentence]:
    found = area_facts(snapshot, area)
    if not found:
        return []
    known = [facts for facts in found if facts.known]
    if not known:
        return [Sentence(f"No indicator of {area.title.lower()} has a figure at this date.")]
    worsening, special, improving = _special_first(known)
    said: list[Sentence] = []
    for facts in worsening:
        said += drafting.indicator_sentences(snapshot, facts)
    for facts in special:
        said += [drafting.movement(facts), drafting.signal(facts)]
    # The headline indicators are always stated, moving or not.
    told = {facts.indicator.id for facts in worsening + special + improving}
    steady_headline = [
        facts
        for facts in known
        if facts.indicator.id in area.headline and facts.indicator.id not in told
    ]
    for facts in improving + steady_headline:
        said.append(drafting.movement(facts))
        target = drafting.target(facts)
        if target is not None:
            said.append(target)
    others = len(known) - len(told) - len(steady_headline)
    if others:
        key = snapshot.figure(
            f"area.{area.key}.indicators_steady@{snapshot.as_at.isoformat()}",
            f"{area.title}: indicators neither improving nor worsening",
            str(others),
            rule="Indicators of the area with a figure at the date whose direction on the year "
            "before is no change, not judged (neither higher nor lower is better) or has no "
            "figure a year before, and whose latest point is not special cause.",
            source=snapshot.run_source,
        )
        said.append(
            Sentence(
                f"{cite(key)} other {_plural(others, 'indicator', 'indicators')} of the area "
                f"did not change, {_plural(others, 'is', 'are')} not judged better or worse, or "
                f"{_plural(others, 'has', 'have')} no figure a year before.",
                (key,),
            )
        )
    return said


# (b) The plan --------------------------------------------------------------------------------


def area_priorities(
    priorities: list[plan_selectors.PriorityAt], area: Area
) -> list[plan_selectors.PriorityAt]:
    return [
        row
        for row in priorities
        if placed(
            area, row.priority.title, row.priority.finding.text if row.priority.finding else ""
        )
    ]


def _count_figure(snapshot: Snapshot, key: str, label: str, value: int, rule: str, source: str):
    return snapshot.figure(key, label, str(value), rule=rule, source=source)


def plan_section(snapshot: Snapshot, area: Area) -> tuple[Section, list[Sentence]]:
    """The area's priorities and their actions at the date, and the narrative's sentence."""
    title = "Progress against the plan"
    key = f"area.{area.key}.plan"
    plan = plan_selectors.plan_current(snapshot.user, snapshot.council)
    when = govuk_date(snapshot.as_at)
    if plan is None:
        said = Sentence("The council has no improvement plan in Trajectory.")
        return Section(key, title, (Paragraph((said,)),)), [said]
    standing = plan_selectors.plan_standing_at(snapshot.user, plan, as_at=snapshot.as_at)
    rows = area_priorities(standing, area)
    if not rows:
        said = Sentence(f"No priority of the plan “{plan.title}” falls in this area.")
        return Section(key, title, (Paragraph((said,)),)), [said]
    day = snapshot.as_at.isoformat()
    source = f"The plan “{plan.title}” as at {when} (actions rated by the plan's RAG rule)"
    live = lambda row: [a for a in row.actions if a.rag is not plan_rag.CANCELLED]  # noqa: E731

    def counts(actions) -> dict[str, int]:
        return {
            "complete": sum(a.rag.key == "complete" for a in actions),
            "on_track": sum(a.rag.key == "on_track" for a in actions),
            "at_risk": sum(a.rag.key in AT_RISK for a in actions),
            "overdue": sum(a.rag.key == "overdue" for a in actions),
            "total": len(actions),
        }

    labels = {
        "complete": "complete",
        "on_track": "on track",
        "at_risk": "slipping or blocked",
        "overdue": "overdue",
        "total": "actions (not cancelled)",
    }
    rules = {
        "complete": "Actions completed on or before the date.",
        "on_track": "Actions not complete, not past their due date, not blocked and not "
        "slipping (plans/rag.py).",
        "at_risk": "Actions blocked, or slipping: off track at the latest update, or due within "
        "14 days with no update in the month before (plans/rag.py).",
        "overdue": "Actions past their due date and not complete at the date.",
        "total": "The priority's actions, cancelled ones left out.",
    }
    table_rows = []
    for row in rows:
        number = row.priority.number
        counted = counts(live(row))
        cells = [Cell(f"Priority {number}: {row.priority.title}")]
        for name, value in counted.items():
            figure = _count_figure(
                snapshot,
                f"plan.priority{number}.{name}@{day}",
                f"Priority {number}: {labels[name]}",
                value,
                rules[name],
                source,
            )
            cells.append(Cell(str(value), cite=figure, total=name == "total"))
        rag = row.rag
        cells.append(Cell(rag.label if rag else "No actions"))
        table_rows.append(tuple(cells))
    table = Table(
        caption=f"{area.title}: the plan's priorities and their actions at {when}",
        head=(
            "Priority",
            "Complete",
            "On track",
            "Slipping or blocked",
            "Overdue",
            "Actions",
            "Rating",
        ),
        rows=tuple(table_rows),
    )
    actions = [action for row in rows for action in live(row)]
    listed = Items(
        tuple(
            Sentence(
                f"{action.action.reference} {action.action.title}: {action.rag.label}, due "
                f"{govuk_date(action.action.due_on)}"
                + (f" ({action.action.owner_display})" if action.action.owner_display else "")
                + "."
            )
            for action in actions
        ),
        empty="The area's priorities have no actions.",
    )
    total = counts(actions)
    keys = {
        name: _count_figure(
            snapshot,
            f"area.{area.key}.plan.{name}@{day}",
            f"{area.title}: plan actions {labels[name]}",
            value,
            rules[name] + " Of the area's priorities.",
            source,
        )
        for name, value in total.items()
    }
    priorities_key = _count_figure(
        snapshot,
        f"area.{area.key}.plan.priorities@{day}",
        f"{area.title}: plan priorities",
        len(rows),
        "The plan's priorities whose title or the finding it answers holds one of the area's "
        f"words ({', '.join(area.words)}).",
        source,
    )
    if total["total"] == 0:
        said = Sentence(
            f"The {cite(priorities_key)} {_plural(len(rows), 'priority', 'priorities')} of the "
            f"plan in this area {_plural(len(rows), 'has', 'have')} no actions yet.",
            (priorities_key,),
        )
    else:
        said = Sentence(
            f"Of the {cite(keys['total'])} {_plural(total['total'], 'action', 'actions')} of "
            f"the {cite(priorities_key)} plan {_plural(len(rows), 'priority', 'priorities')} "
            f"in this area, {cite(keys['complete'])} {_plural(total['complete'], 'was', 'were')} "
            f"complete, {cite(keys['on_track'])} on track, {cite(keys['at_risk'])} slipping or "
            f"blocked and {cite(keys['overdue'])} overdue at {when}.",
            (
                keys["total"],
                priorities_key,
                keys["complete"],
                keys["on_track"],
                keys["at_risk"],
                keys["overdue"],
            ),
        )
    lead_in = Paragraph((Sentence(f"The area's actions as they stood at {when}:"),))
    return Section(key, title, (Paragraph((said,)), table, lead_in, listed)), [said]


# (c) Audits ----------------------------------------------------------------------------------


def _audit_terms(snapshot: Snapshot) -> tuple[str, str, str]:
    """(stamp, source, rule) of the quarter's audit figures."""
    since, until = quarter_start(snapshot.as_at), snapshot.as_at
    return (
        f"{since.isoformat()}..{until.isoformat()}",
        f"Case audits submitted from {quarter_text(snapshot)}, graded as at {govuk_date(until)}",
        "Case audits submitted in the quarter; the grade is the moderated final grade where "
        "moderation was completed by the date, otherwise the auditor's overall grade.",
    )


def audits_headline(snapshot: Snapshot, found: audits_at.AuditsCompleted) -> Sentence:
    """ "{30} case audits were completed from 1 July 2026 to 30 September 2026; {70.0%} were
    graded good or better." (`found` has at least one audit.)"""
    stamp, source, rule = _audit_terms(snapshot)
    total_key = snapshot.figure(
        f"audits.completed@{stamp}",
        "Case audits completed in the quarter",
        str(found.total),
        rule=rule,
        source=source,
        count=found.total,
    )
    good_key = snapshot.figure(
        f"audits.good_or_better@{stamp}",
        "Case audits graded good or better in the quarter",
        figures.format_number(100 * found.good_or_better / found.total, "percent"),
        rule=rule + " Good or better is outstanding or good.",
        source=source,
        count=found.good_or_better,
        denominator=found.total,
    )
    return Sentence(
        f"{cite(total_key)} case {_plural(found.total, 'audit was', 'audits were')} "
        f"completed from {quarter_text(snapshot)}; {cite(good_key)} were graded good or better.",
        (total_key, good_key),
    )


def audits_section(snapshot: Snapshot, area: Area) -> tuple[Section, list[Sentence]]:
    title = "Audit findings"
    key = f"area.{area.key}.audits"
    since, until = quarter_start(snapshot.as_at), snapshot.as_at
    found = audits_at.audits_completed_between(
        snapshot.user, snapshot.council, since=since, until=until
    )
    period = quarter_text(snapshot)
    if found.total == 0:
        said = Sentence(f"No audits were completed in the quarter to {govuk_date(until)}.")
        return Section(key, title, (Paragraph((said,)),)), [said]
    stamp, source, rule = _audit_terms(snapshot)
    total_key = f"audits.completed@{stamp}"
    sentences = [audits_headline(snapshot, found)]
    blocks: list = [Paragraph(tuple(sentences))]
    if area.key == QUALITY_OF_PRACTICE:
        rows = []
        for grade, label in grades.OFSTED_CHOICES:
            figure = snapshot.figure(
                f"audits.grade.{grade}@{stamp}",
                f"Case audits graded {label.lower()} in the quarter",
                str(found.counts[grade]),
                rule=rule,
                source=source,
                count=found.counts[grade],
            )
            rows.append(
                (
                    Cell(label),
                    Cell(str(found.counts[grade]), count=found.counts[grade], cite=figure),
                )
            )
        rows.append(
            (
                Cell("All audits"),
                Cell(str(found.total), count=found.total, cite=total_key, total=True),
            )
        )
        blocks.append(
            Table(
                caption=f"Case audits completed from {period}, by grade",
                head=("Grade", "Audits"),
                rows=tuple(rows),
                totals=("columns",),
            )
        )
        themes = found.themes
    else:
        themes = [theme for theme in found.themes if placed(area, theme.name)]
    if themes:
        blocks.append(_themes_table(snapshot, area, themes, stamp, source, period))
        for theme in themes:
            sentences.append(_theme_sentence(snapshot, theme, stamp, source))
    else:
        blocks.append(Paragraph((Sentence("No audit theme falls in this area."),)))
    return Section(key, title, tuple(blocks)), sentences


def _theme_key(theme, stamp: str, what: str) -> str:
    return f"audits.theme.{slugify(theme.name)}.{what}@{stamp}"


def _themes_table(snapshot, area, themes, stamp, source, period) -> Table:
    rule = (
        "Answers to the theme's questions graded on Ofsted's scale, in the case audits "
        "submitted in the quarter."
    )
    rows = []
    for theme in themes:
        cells = [Cell(theme.name)]
        for grade, label in grades.OFSTED_CHOICES:
            figure = snapshot.figure(
                _theme_key(theme, stamp, grade),
                f"{theme.name}: answers graded {label.lower()}",
                str(theme.counts[grade]),
                rule=rule,
                source=source,
                count=theme.counts[grade],
            )
            cells.append(Cell(str(theme.counts[grade]), count=theme.counts[grade], cite=figure))
        figure = snapshot.figure(
            _theme_key(theme, stamp, "answers"),
            f"{theme.name}: answers graded",
            str(theme.total),
            rule=rule,
            source=source,
            count=theme.total,
        )
        cells.append(Cell(str(theme.total), count=theme.total, cite=figure, total=True))
        rows.append(tuple(cells))
    return Table(
        caption=f"Audit themes in {area.title.lower()}, {period}: answers by grade",
        head=("Theme", *(label for _, label in grades.OFSTED_CHOICES), "Answers"),
        rows=tuple(rows),
        totals=("rows",),
    )


def _theme_sentence(snapshot, theme, stamp, source) -> Sentence:
    if theme.total == 0:
        return Sentence(f"No answers on {lower_first(theme.name)} were graded in the quarter.")
    key = snapshot.figure(
        _theme_key(theme, stamp, "good_or_better"),
        f"{theme.name}: answers graded good or better",
        figures.format_number(100 * theme.good_or_better / theme.total, "percent"),
        rule="Answers to the theme's Ofsted-scale questions graded outstanding or good, of "
        "those graded, in the case audits submitted in the quarter.",
        source=source,
        count=theme.good_or_better,
        denominator=theme.total,
    )
    answers = _theme_key(theme, stamp, "answers")
    return Sentence(
        f"On {lower_first(theme.name)}, {cite(key)} of {cite(answers)} graded answers were good or "
        "better.",
        (key, answers),
    )


# (d) Voice -----------------------------------------------------------------------------------


def area_surveys(waves: list[voice_at.WaveResults], area: Area) -> list[voice_at.WaveResults]:
    if area.key == WORKFORCE:
        return [found for found in waves if found.survey.audience == Survey.Audience.STAFF]
    return [
        found
        for found in waves
        if found.survey.audience == Survey.Audience.CHILDREN
        and placed(area, found.survey.title, found.survey.asked_of)
    ]


def area_events(events: list[EngagementEvent], area: Area) -> list[EngagementEvent]:
    if area.key == WORKFORCE:
        return list(events)
    return [
        event
        for event in events
        if placed(area, event.title, *(theme.name for theme in event.themes.all()))
    ]


def _survey_table(snapshot: Snapshot, found: voice_at.WaveResults) -> tuple[Table, Sentence]:
    survey, wave = found.survey, found.wave
    held = wave.held_on.isoformat()
    source = f"{survey.title}, {wave.label} (fieldwork closed {govuk_date(wave.held_on)})"
    rows = []
    best = None
    shown = [result for result in found.results if not result.withheld]
    for result in found.results:
        question = result.question
        respondents = result.respondents or 0
        if result.withheld:  # as the voice pages withhold it from this reader
            rows.append(
                (
                    Cell(question.text),
                    Cell(VOICE_MARKER),
                    Cell(percent_text(result.comparator_percent) or "No comparator"),
                    Cell(str(respondents), count=respondents),
                )
            )
            continue
        key = snapshot.figure(
            f"voice.survey{survey.pk}.{slugify(question.code)}@{held}",
            f"{survey.title}: {question.text}",
            percent_text(result.council_percent),
            rule=f"Of those who answered the question ({survey.asked_of or 'the survey'}), the "
            "share agreeing or answering yes.",
            source=source,
            as_at=wave.held_on,
            count=implied_count(result.council_percent, respondents) if respondents else None,
            denominator=respondents or None,
            respondents=respondents,
        )
        comparator = Cell("No comparator")
        gap = None
        if result.comparator_percent is not None:
            theirs = snapshot.figure(
                f"voice.survey{survey.pk}.{slugify(question.code)}.comparator@{held}",
                f"{survey.comparator or 'Comparator'}: {question.text}",
                percent_text(result.comparator_percent),
                rule=f"The comparator's share: {survey.comparator or 'as the survey gives it'}.",
                source=source,
                as_at=wave.held_on,
            )
            comparator = Cell(percent_text(result.comparator_percent), cite=theirs)
            gap = result.council_percent - result.comparator_percent
            if best is None or gap < best[0]:
                best = (gap, key, theirs, question)
        answered = snapshot.figure(
            f"voice.survey{survey.pk}.{slugify(question.code)}.respondents@{held}",
            f"{survey.title}: answered “{question.text}”",
            str(respondents),
            rule="Those who answered the question in the wave.",
            source=source,
            as_at=wave.held_on,
            count=respondents,
        )
        rows.append(
            (
                Cell(question.text),
                Cell(
                    percent_text(result.council_percent), cite=key, count=snapshot.book[key].count
                ),
                comparator,
                Cell(str(respondents), cite=answered, count=respondents),
            )
        )
    table = Table(
        caption=f"{survey.title}, {wave.label}",
        head=(
            "Question",
            "Our staff" if survey.audience == Survey.Audience.STAFF else "Our children",
            survey.comparator or "Comparator",
            "Answered",
        ),
        rows=tuple(rows),
        empty="The wave has no results yet.",
    )
    questions = snapshot.figure(
        f"voice.survey{survey.pk}.questions@{held}",
        f"{survey.title}, {wave.label}: questions with a result",
        str(len(shown)),
        rule="Questions of the wave (percentage and yes or no) with a result shown.",
        source=source,
        as_at=wave.held_on,
    )
    if best is None:
        said = Sentence(
            f"{survey.title} ({wave.label}) gave results on {cite(questions)} "
            f"{_plural(len(shown), 'question', 'questions')}, with no comparator.",
            (questions,),
        )
    else:
        _, ours, theirs, question = best
        above = sum(
            1
            for r in shown
            if r.comparator_percent is not None and r.council_percent >= r.comparator_percent
        )
        compared = sum(1 for r in shown if r.comparator_percent is not None)
        at_or_above = snapshot.figure(
            f"voice.survey{survey.pk}.at_or_above@{held}",
            f"{survey.title}, {wave.label}: questions at or above the comparator",
            f"{above} of {compared}",
            rule="Questions with a comparator where the council's share is at or above it.",
            source=source,
            as_at=wave.held_on,
        )
        gap = best[0]
        nearest = "the furthest below it was" if gap < 0 else "the closest to it was"
        said = Sentence(
            f"In {survey.title} ({wave.label}) our figure was at or above the comparator's on "
            f"{cite(at_or_above)} questions; {nearest} “{question.text}”, "
            f"{cite(ours)} against {cite(theirs)}.",
            (at_or_above, ours, theirs),
        )
    if len(shown) < len(found.results):
        said = Sentence(
            f"{said.text} {VOICE_MARKER_TEXT[:1].upper()}{VOICE_MARKER_TEXT[1:]}.", said.cites
        )
    return table, said


def _events_block(snapshot: Snapshot, area: Area, events) -> tuple[list, Sentence]:
    period = quarter_text(snapshot)
    stamp = f"{quarter_start(snapshot.as_at).isoformat()}..{snapshot.as_at.isoformat()}"
    if not events:
        return [], Sentence(f"No engagement events in this area were held from {period}.")
    source = f"Engagement events held from {period}"
    rows = []
    for summary in engagement_summary(events):
        name = slugify(summary.kind_label)
        held = summary.face_to_face + summary.virtual
        held_key = snapshot.figure(
            f"area.{area.key}.events.{name}@{stamp}",
            f"{area.title}: {lower_first(summary.kind_label)}s held",
            str(held),
            rule="Engagement events of the kind held in the quarter.",
            source=source,
        )
        came_key = snapshot.figure(
            f"area.{area.key}.events.{name}.attendance@{stamp}",
            f"{area.title}: attendance at {lower_first(summary.kind_label)}s",
            str(summary.attendance),
            rule="People attending the kind's events in the quarter, where counted.",
            source=source,
            count=summary.attendance,
        )
        rows.append(
            (
                Cell(summary.kind_label),
                Cell(str(summary.face_to_face)),
                Cell(str(summary.virtual)),
                Cell(str(held), cite=held_key),
                Cell(str(summary.attendance), cite=came_key, count=summary.attendance),
            )
        )
    table = Table(
        caption=f"Engagement events in {area.title.lower()}, {period}",
        head=("Kind", "Face to face", "Virtual", "Held", "Attended"),
        rows=tuple(rows),
    )
    attendance = sum(event.attendance or 0 for event in events)
    count_key = snapshot.figure(
        f"area.{area.key}.events@{stamp}",
        f"{area.title}: engagement events held",
        str(len(events)),
        rule="Engagement events with staff and partners held in the quarter, placed in the "
        "area by its words (the workforce takes them all).",
        source=source,
    )
    came_key = snapshot.figure(
        f"area.{area.key}.events.attendance@{stamp}",
        f"{area.title}: attendance at engagement events",
        str(attendance),
        rule="People attending the area's engagement events in the quarter, where counted.",
        source=source,
        count=attendance,
    )
    said = Sentence(
        f"{cite(count_key)} engagement {_plural(len(events), 'event was', 'events were')} held "
        f"from {period}, with {cite(came_key)} attending.",
        (count_key, came_key),
    )
    return [table], said


def voice_section(snapshot: Snapshot, area: Area) -> tuple[Section, list[Sentence]]:
    key = f"area.{area.key}.voice"
    title = "What children and staff say"
    waves = area_surveys(
        voice_at.latest_waves_at(snapshot.user, snapshot.council, as_at=snapshot.as_at), area
    )
    events = area_events(
        voice_at.events_between(
            snapshot.user,
            snapshot.council,
            since=quarter_start(snapshot.as_at),
            until=snapshot.as_at,
        ),
        area,
    )
    blocks: list = []
    said: list[Sentence] = []
    if not waves:
        none = Sentence(
            f"No survey in this area had closed its fieldwork by {govuk_date(snapshot.as_at)}."
        )
        blocks.append(Paragraph((none,)))
        said.append(none)
    for found in waves:
        table, sentence = _survey_table(snapshot, found)
        blocks += [Paragraph((sentence,)), table]
        said.append(sentence)
    event_blocks, sentence = _events_block(snapshot, area, events)
    blocks += [Paragraph((sentence,)), *event_blocks]
    said.append(sentence)
    return Section(key, title, tuple(blocks)), said


# Leadership and governance -----------------------------------------------------------------------


def governance_section(snapshot: Snapshot, area: Area) -> tuple[Section, list[Sentence]]:
    since, until = quarter_start(snapshot.as_at), snapshot.as_at
    period = quarter_text(snapshot)
    stamp = f"{since.isoformat()}..{until.isoformat()}"
    day = until.isoformat()
    meetings = governance_at.meetings_between(
        snapshot.user, snapshot.council, since=since, until=until
    )
    source = f"The Improvement Board's records, {period}"
    meetings_key = snapshot.figure(
        f"governance.board_meetings@{stamp}",
        "Improvement Board meetings in the quarter",
        str(len(meetings)),
        rule="Meetings of the council's Improvement Board held in the quarter.",
        source=source,
    )
    decisions = sum(len(found.decisions) for found in meetings)
    decisions_key = snapshot.figure(
        f"governance.board_decisions@{stamp}",
        "Improvement Board decisions in the quarter",
        str(decisions),
        rule="Decisions recorded at the Improvement Board's meetings in the quarter.",
        source=source,
    )
    log = governance_selectors.action_log_at(snapshot.user, snapshot.council, as_at=until)
    open_rows = [row for row in log if row.is_open]
    overdue = [row for row in open_rows if row.rag is plan_rag.OVERDUE]
    log_source = f"The action log as at {govuk_date(until)}"
    open_key = snapshot.figure(
        f"governance.actions_open@{day}",
        "Board actions open",
        str(len(open_rows)),
        rule="Actions raised at the council's boards on or before the date, neither complete "
        "nor cancelled at the date.",
        source=log_source,
    )
    overdue_key = snapshot.figure(
        f"governance.actions_overdue@{day}",
        "Board actions overdue",
        str(len(overdue)),
        rule="Open board actions past their due date at the date.",
        source=log_source,
    )
    said = [
        Sentence(
            f"The Improvement Board met {cite(meetings_key)} "
            f"{_plural(len(meetings), 'time', 'times')} from {period} and recorded "
            f"{cite(decisions_key)} {_plural(decisions, 'decision', 'decisions')}.",
            (meetings_key, decisions_key),
        ),
        Sentence(
            f"At {govuk_date(until)} {cite(open_key)} board "
            f"{_plural(len(open_rows), 'action was', 'actions were')} open, {cite(overdue_key)} "
            "of them overdue.",
            (open_key, overdue_key),
        ),
    ]
    rows = tuple(
        (
            Cell(govuk_date(found.meeting.held_on)),
            Cell(found.meeting.title or found.meeting.get_kind_display()),
            Cell(str(len(found.decisions))),
        )
        for found in meetings
    )
    decided = Items(
        tuple(
            Sentence(f"{govuk_date(found.meeting.held_on)}: {decision.text}")
            for found in meetings
            for decision in found.decisions
        ),
        empty="No decisions were recorded in the quarter.",
    )
    late = Items(
        tuple(
            Sentence(
                f"{row.action.title} (raised {govuk_date(row.action.meeting.held_on)}, due "
                f"{govuk_date(row.action.due_on)}"
                + (f", {row.action.owner_display}" if row.action.owner_display else "")
                + ")."
            )
            for row in overdue
        ),
        empty="No board action was overdue.",
    )
    blocks = (
        Paragraph(tuple(said)),
        Table(
            caption=f"Improvement Board meetings, {period}",
            head=("Date", "Meeting", "Decisions"),
            rows=rows,
            empty="The Improvement Board did not meet in the quarter.",
        ),
        Paragraph((Sentence("The decisions the Improvement Board recorded in the quarter:"),)),
        decided,
        Paragraph((Sentence(f"Board actions overdue at {govuk_date(until)}:"),)),
        late,
    )
    return Section(f"area.{area.key}.governance", "Governance", blocks), said


def escalations_section(snapshot: Snapshot, area: Area) -> tuple[Section, list[Sentence]]:
    until = snapshot.as_at
    day = until.isoformat()
    found = [
        row
        for row in concern_selectors.concern_rows_at(snapshot.user, snapshot.council, as_at=until)
        if row.concern.status == Concern.Status.OPEN
    ]
    found.sort(key=lambda row: (row.concern.raised_on, row.concern.number))
    past = [row for row in found if row.overdue]
    source = f"The partners' concerns log as at {govuk_date(until)}"
    open_key = snapshot.figure(
        f"escalations.open@{day}",
        "Escalations open",
        str(len(found)),
        rule="Partners' concerns raised on or before the date whose written response had not "
        "been sent by it.",
        source=source,
    )
    past_key = snapshot.figure(
        f"escalations.overdue@{day}",
        "Escalations past their standard",
        str(len(past)),
        rule="Open concerns past the escalation procedure's timescale for their stage, or past "
        f"the response standard ({concern_catalogue.RESPONSE_STANDARD_WORKING_DAYS} working "
        "days from being raised), at the date.",
        source=source,
    )
    said = Sentence(
        f"{cite(open_key)} {_plural(len(found), 'escalation was', 'escalations were')} open at "
        f"{govuk_date(until)}, {cite(past_key)} past {_plural(len(past), 'its', 'their')} "
        "standard.",
        (open_key, past_key),
    )
    listed = Items(
        tuple(
            Sentence(
                f"{row.concern.reference} ({lower_first(row.concern.get_theme_display())}), "
                f"raised by a partner ({lower_first(row.concern.get_partner_kind_display())}) on "
                f"{govuk_date(row.concern.raised_on)}: "
                + "; ".join(lower_first(reason) for reason in row.overdue_reasons)
                + "."
            )
            for row in past
        ),
        empty="No open escalation was past its standard.",
    )
    return Section(f"area.{area.key}.escalations", "Escalations", (Paragraph((said,)), listed)), [
        said
    ]


# Sections ------------------------------------------------------------------------------------


def area_section(snapshot: Snapshot, spec: SectionSpec, area: Area) -> Section:
    subsections = []
    narrative: list[Sentence] = []
    if area.indicators():
        subsections.append(indicators_section(snapshot, area))
        narrative += indicator_narrative(snapshot, area)
        intro: tuple = ()
    else:
        intro = (
            Paragraph(
                (
                    Sentence(
                        f"{area.title} has no indicators in the catalogue: this section "
                        "reports the board's governance and the partners' escalations instead."
                    ),
                )
            ),
        )
    parts: list[Callable] = [plan_section, audits_section, voice_section]
    if area.key == LEADERSHIP or not area.indicators():
        parts = [governance_section, escalations_section, *parts]
    for part in parts:
        section, sentences = part(snapshot, area)
        subsections.append(section)
        narrative += sentences
    block = Narrative(
        key=f"area.{area.key}.narrative",
        title=f"Our assessment: {area.title.lower()}",
        drafted=tuple(narrative),
    )
    return Section(spec.key, spec.title, (*intro, block), tuple(subsections))


def _all_facts(snapshot: Snapshot) -> list[IndicatorFacts]:
    seen: dict[str, IndicatorFacts] = {}
    for area in AREAS:
        for indicator in area.indicators():
            seen.setdefault(indicator.id, snapshot.indicator(indicator.id))
    return list(seen.values())


def _plan_and_audit_summary(snapshot: Snapshot) -> list[Sentence]:
    """The whole plan's actions at the date and the quarter's audits, for the summary."""
    said = []
    plan = plan_selectors.plan_current(snapshot.user, snapshot.council)
    when = govuk_date(snapshot.as_at)
    if plan is not None:
        actions = [
            action
            for row in plan_selectors.plan_standing_at(snapshot.user, plan, as_at=snapshot.as_at)
            for action in row.actions
            if action.rag is not plan_rag.CANCELLED
        ]
        day = snapshot.as_at.isoformat()
        source = f"The plan “{plan.title}” as at {when} (actions rated by the plan's RAG rule)"
        keys = {
            name: _count_figure(
                snapshot,
                f"plan.{name}@{day}",
                f"The plan's actions {label}",
                value,
                rule,
                source,
            )
            for name, label, value, rule in (
                (
                    "total",
                    "(not cancelled)",
                    len(actions),
                    "The plan's actions, cancelled ones left out.",
                ),
                (
                    "complete",
                    "complete",
                    sum(a.rag.key == "complete" for a in actions),
                    "Actions completed on or before the date.",
                ),
                (
                    "overdue",
                    "overdue",
                    sum(a.rag.key == "overdue" for a in actions),
                    "Actions past their due date and not complete at the date.",
                ),
            )
        }
        if actions:
            said.append(
                Sentence(
                    f"Of the plan's {cite(keys['total'])} "
                    f"{_plural(len(actions), 'action', 'actions')}, {cite(keys['complete'])} "
                    f"{_plural(int(snapshot.book[keys['complete']].shown), 'was', 'were')} "
                    f"complete and {cite(keys['overdue'])} overdue at {when}.",
                    (keys["total"], keys["complete"], keys["overdue"]),
                )
            )
    found = audits_at.audits_completed_between(
        snapshot.user, snapshot.council, since=quarter_start(snapshot.as_at), until=snapshot.as_at
    )
    if found.total:
        said.append(audits_headline(snapshot, found))
    return said


def introduction(snapshot: Snapshot, spec: SectionSpec) -> Section:
    when = govuk_date(snapshot.as_at)
    purpose = Paragraph(
        (
            Sentence(
                f"This is {snapshot.council.name}'s quarterly self-assessment of its children's "
                "services, for the Commissioner and the Improvement Board: area by area, how "
                "the headline indicators have moved, how the plan is progressing, what case "
                "audits found and what children and staff say."
            ),
            Sentence(
                f"It covers the quarter from {quarter_text(snapshot)} and states every figure "
                f"as it stood at {when}, from {snapshot.run_source}."
            ),
        )
    )
    found = [facts for facts in _all_facts(snapshot) if facts.known]
    day = snapshot.as_at.isoformat()
    rule_tail = " Each indicator is counted once, whichever areas it appears in."

    def counted(name: str, label: str, items: Iterable, rule: str) -> tuple[str, int]:
        value = len(list(items))
        key = snapshot.figure(
            f"self_assessment.{name}@{day}",
            label,
            str(value),
            rule=rule + rule_tail,
            source=snapshot.run_source,
        )
        return key, value

    known_key, known = counted(
        "indicators",
        "Indicators with a figure",
        found,
        "Indicators of the self-assessment's areas with a figure at or before the date.",
    )
    improving_key, _ = counted(
        "improving",
        "Indicators improving",
        [f for f in found if direction(f) == figures.IMPROVING],
        "Indicators whose latest figure is better than the figure a year before, as shown.",
    )
    worsening_key, _ = counted(
        "worsening",
        "Indicators worsening",
        [f for f in found if direction(f) == figures.WORSENING],
        "Indicators whose latest figure is worse than the figure a year before, as shown.",
    )
    special_key, _ = counted(
        "special_cause",
        "Indicators with a special-cause signal",
        [f for f in found if f.special_cause],
        "Monthly indicators whose latest point on the SPC chart is special-cause variation.",
    )
    if known:
        summary = [
            Sentence(
                f"Of the {cite(known_key)} indicators with a figure at {when}, "
                f"{cite(improving_key)} improved on the year before and {cite(worsening_key)} "
                f"worsened; {cite(special_key)} showed special-cause variation at their latest "
                "point.",
                (known_key, improving_key, worsening_key, special_key),
            )
        ]
    else:
        summary = [Sentence(f"No indicator has a figure at {when}.")]
    summary += _plan_and_audit_summary(snapshot)
    for area in AREAS:
        members = [snapshot.indicator(i.id) for i in area.indicators()]
        flagged = [
            facts
            for facts in members
            if facts.known
            and (
                direction(facts) == figures.WORSENING
                or (facts.special_cause and facts.chart.latest.variation == "concern")
            )
        ]
        if flagged:
            names = "; ".join(lower_first(facts.indicator.title) for facts in flagged)
            summary.append(
                Sentence(
                    f"{area.title}: worsening on the year before or a special-cause concern: "
                    f"{names}."
                )
            )
    block = Narrative("introduction.summary", "Summary", tuple(summary))
    return Section(spec.key, spec.title, (purpose, block))


def _area_builder(area: Area) -> Callable[[Snapshot, SectionSpec], Section]:
    def build(snapshot: Snapshot, spec: SectionSpec) -> Section:
        return area_section(snapshot, spec, area)

    build.__name__ = f"area_{area.key}"
    return build


SECTIONS: dict[str, Callable[[Snapshot, SectionSpec], Section]] = {
    "introduction": introduction,
    **{f"area.{area.key}": _area_builder(area) for area in AREAS},
}
