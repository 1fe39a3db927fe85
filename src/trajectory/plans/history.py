"""A plan's change records as people read them (issue 7.9): each field by its label, not its
name ("Due date", not "Due_on"), stored ISO dates as GOV.UK dates, cited indicators by title,
and the whole text, never cut mid-word. The records themselves stay as stored (append-only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trajectory.indicators import registry
from trajectory.plans.models import ChangeRecord
from trajectory.web.dates import govuk_date, parse_iso_date

# The field names services record (PRIORITY_FIELDS, ACTION_FIELDS, MILESTONE_FIELDS, the plan's
# own) with the labels the forms give them.
FIELD_LABELS = {
    "title": "Title",
    "inspection": "Inspection or visit",
    "draft_due_on": "Draft plan due",
    "final_due_on": "Plan due",
    "deadline_rule": "Deadline rule",
    "finding": "Area for improvement",
    "outcomes_sought": "Outcomes sought",
    "lead": "Lead",
    "lead_name": "Lead's name or job title",
    "owner": "Owner",
    "owner_name": "Owner's name or job title",
    "start_on": "Start date",
    "due_on": "Due date",
    "status": "Status",
    "completed_on": "Date completed",
    "achieved_on": "Date achieved",
    "depends_on": "Depends on",
    "progress update": "Progress update",
    "evidence": "Evidence",
}
DATE_FIELDS = {"draft_due_on", "final_due_on", "start_on", "due_on", "completed_on", "achieved_on"}
OPERATION_LABELS = {
    "created": "added",
    "changed": "changed",
    "removed": "removed",
    "update posted": "update posted",
    "evidence added": "evidence added",
    "evidence removed": "evidence removed",
}
_CITED_INDICATOR = re.compile(r"^Indicator (?P<id>[a-z0-9_]+)\b")


@dataclass(frozen=True)
class ChangeShown:
    at: object
    who: str
    what: str
    field: str
    before: str
    after: str


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def indicator_cited(text: str) -> str:
    """ "Indicator cla_rate (note)" as "Indicator: Children looked after per 10,000 children
    (note)"; anything else unchanged."""
    match = _CITED_INDICATOR.match(text)
    if match is None:
        return text
    try:
        title = registry.get(match["id"]).title
    except KeyError:
        return text
    return f"Indicator: {title}{text[match.end() :]}"


def evidence_text(link) -> str:
    """An evidence link in words, the same in the history, the page and the spreadsheet:
    the indicator's title, the finding's whole text, the document's name, a cited record's kind
    and the label it was chosen by, and the note."""
    if link.kind == "indicator":
        try:
            text = f"Indicator: {registry.get(link.indicator_id).title}"
        except KeyError:
            text = f"Indicator: {link.indicator_id}"
    elif link.kind == "finding" and link.finding:
        text = f"Ofsted finding: {link.finding.text}"
    elif link.kind == "document" and link.document:
        text = f"Document: {link.document.original_name}"
    elif link.kind == "record" and link.record_kind:
        text = f"{link.kind_label}: {link.record_label or link.record_ref}"
    else:
        text = "Other evidence"
    return f"{text} ({link.note})" if link.note else text


def value_shown(field: str, value: str) -> str:
    if not value:
        return ""
    if field in DATE_FIELDS:
        parsed = parse_iso_date(value)
        return govuk_date(parsed) if parsed else value
    if field == "evidence":
        return indicator_cited(value)
    return value


def change_shown(change: ChangeRecord) -> ChangeShown:
    operation = OPERATION_LABELS.get(change.operation, change.operation)
    return ChangeShown(
        at=change.at,
        who=change.username or "system",
        what=f"{change.object_label} ({operation})",
        field=field_label(change.field),
        before=value_shown(change.field, change.before),
        after=value_shown(change.field, change.after),
    )
