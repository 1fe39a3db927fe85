"""The plan as the spreadsheet and Word document councils still send to the DfE, Ofsted and
their Improvement Board: priorities, actions, RAG at the export date and latest updates. The
Word document also carries, under each priority, the figures of the indicators it and its
actions cite: the latest figure, how it compares, and the chart the indicator page draws
(issue 7.18).

Every spreadsheet row goes through `safe_cells.append_safe`, so a title typed as a formula
stays text (issue 6.10); Word has no formulas to run."""

from __future__ import annotations

import io
from datetime import date

from docx import Document as WordDocument
from docx.shared import Inches
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from trajectory.indicators import registry
from trajectory.indicators import selectors as indicator_selectors
from trajectory.indicators.charts import indicator_series_chart
from trajectory.plans import selectors
from trajectory.plans.history import evidence_text
from trajectory.plans.models import Plan
from trajectory.safe_cells import append_safe
from trajectory.web.chart_images import chart_png
from trajectory.web.dates import govuk_date, govuk_month

ACTION_COLUMNS = (
    "Priority",
    "Action",
    "Title",
    "Owner",
    "Start",
    "Due",
    "Status",
    "RAG",
    "Latest update (month)",
    "Latest update",
    "Evidence",
)
RAG_FILLS = {"red": "F4CCCC", "amber": "FCE4C4", "green": "D9EAD3", "grey": "E0E0E0"}


def _date(value: date | None) -> str:
    return govuk_date(value) if value else ""


def _evidence_text(row) -> str:
    return "; ".join(evidence_text(link) for link in row.evidence)


def _action_values(row) -> list:
    action, update = row.action, row.latest_update
    return [
        action.priority.number,
        action.reference,
        action.title,
        action.owner_display,
        action.start_on,
        action.due_on,
        action.get_status_display(),
        row.rag.label,
        govuk_month(update.month) if update else "",
        update.narrative if update else "",
        _evidence_text(row),
    ]


def plan_xlsx(user, plan: Plan, *, today: date) -> bytes:
    """A workbook with a Priorities sheet and an Actions sheet."""
    rows = selectors.plan_overview(user, plan, today=today)
    book = Workbook()
    summary = book.active
    summary.title = "Priorities"
    append_safe(summary, [plan.title])
    summary["A1"].font = Font(bold=True, size=14)
    append_safe(summary, [f"{plan.council.name}. RAG ratings as at {_date(today)}."])
    append_safe(summary, [])
    header = [
        "Priority",
        "Title",
        "Area for improvement",
        "Outcomes sought",
        "Lead",
        "RAG",
        "Actions",
        "Overdue",
        "Slipping",
        "Complete",
        "Impact",
    ]
    append_safe(summary, header)
    for cell in summary[4]:
        cell.font = Font(bold=True)
    for row in rows:
        counts = row.counts
        append_safe(
            summary,
            [
                row.priority.number,
                row.priority.title,
                row.priority.finding.text if row.priority.finding else "",
                row.priority.outcomes_sought,
                row.priority.lead_display,
                row.rag.label if row.rag else "No actions",
                len(row.actions),
                counts["overdue"],
                counts["slipping"] + counts["blocked"],
                counts["complete"],
                row.impact.summary,
            ],
        )
    actions = book.create_sheet("Actions")
    append_safe(actions, list(ACTION_COLUMNS))
    for cell in actions[1]:
        cell.font = Font(bold=True)
    for row in rows:
        for action_row in row.actions:
            append_safe(actions, _action_values(action_row))
            rag_cell = actions.cell(row=actions.max_row, column=ACTION_COLUMNS.index("RAG") + 1)
            rag_cell.fill = PatternFill("solid", fgColor=RAG_FILLS[action_row.rag.colour])
            for column in (5, 6):
                actions.cell(row=actions.max_row, column=column).number_format = "D MMMM YYYY"
    for sheet, widths in (
        (summary, [10, 50, 50, 40, 20, 12, 9, 9, 9, 9, 12]),
        (actions, [9, 9, 50, 20, 13, 13, 13, 10, 16, 60, 40]),
    ):
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cited_indicators(row) -> list[str]:
    """The catalogue indicators a priority and its actions cite, first citation first."""
    links = list(row.evidence) + [link for action in row.actions for link in action.evidence]
    cited = []
    for link in links:
        if link.indicator_id and link.indicator_id not in cited:
            try:
                registry.get(link.indicator_id)
            except KeyError:
                continue
            cited.append(link.indicator_id)
    return cited


def _figure_text(trend) -> str:
    if trend.latest_as_at is None:
        return f"{trend.title}: no figures computed yet."
    text = f"{trend.title}: {trend.latest_shown} at {govuk_date(trend.latest_as_at)}."
    comparison = trend.year_before
    if comparison is not None and comparison.value is not None:
        text += f" {comparison.label[:1].upper()}{comparison.label[1:]}: {comparison.shown}"
        text += f" ({comparison.label_text.lower()})."
    return text


def _add_figures(document, user, council, indicator_ids: list[str]) -> None:
    """Each cited indicator's latest figure in words and its chart, as on its page."""
    if not indicator_ids:
        return
    document.add_heading("Figures", level=2)
    for indicator_id in indicator_ids:
        trend = selectors.indicator_trend(user, council, indicator_id)
        document.add_paragraph(_figure_text(trend))
        values = indicator_selectors.series(user, council, indicator_id)
        if values:
            spec = indicator_series_chart(registry.get(indicator_id), values)
            document.add_picture(io.BytesIO(chart_png(spec)), width=Inches(6))


def plan_docx(user, plan: Plan, *, today: date) -> bytes:
    """A Word document: one section per priority with a table of its actions."""
    rows = selectors.plan_overview(user, plan, today=today)
    document = WordDocument()
    document.add_heading(plan.title, level=0)
    document.add_paragraph(f"{plan.council.name}. RAG ratings as at {_date(today)}.")
    if plan.final_due_on:
        document.add_paragraph(f"{plan.deadline_rule}. Plan due {_date(plan.final_due_on)}.")
    for row in rows:
        priority = row.priority
        document.add_heading(f"Priority {priority.number}: {priority.title}", level=1)
        if priority.finding:
            document.add_paragraph(f"Ofsted said: {priority.finding.text}")
        if priority.outcomes_sought:
            document.add_paragraph(f"Outcomes sought: {priority.outcomes_sought}")
        if priority.lead_display:
            document.add_paragraph(f"Lead: {priority.lead_display}")
        document.add_paragraph(
            f"RAG: {row.rag.label if row.rag else 'No actions'}. Impact: {row.impact.summary}."
        )
        _add_figures(document, user, plan.council, cited_indicators(row))
        if not row.actions:
            continue
        document.add_heading("Actions", level=2)
        table = document.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            ("Action", "Owner", "Due", "Status", "RAG", "Latest update"),
            strict=True,
        ):
            cell.text = text
        for action_row in row.actions:
            action, update = action_row.action, action_row.latest_update
            cells = table.add_row().cells
            cells[0].text = f"{action.reference} {action.title}"
            cells[1].text = action.owner_display
            cells[2].text = _date(action.due_on)
            cells[3].text = action.get_status_display()
            cells[4].text = action_row.rag.label
            cells[5].text = (
                f"{update.month:%B %Y}: {update.narrative}" if update else "No update yet"
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
