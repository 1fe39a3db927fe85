"""What each audit action and detail field is called on the audit log page: a catalogue kept
beside the codes `record()` is given, so the page shows "Signed in", not `auth.sign_in`
(issue 7.9). A code missing here is still shown, in words made from the code."""

from __future__ import annotations

import datetime as dt

from trajectory.councils.models import Role
from trajectory.indicators import registry
from trajectory.web.dates import govuk_date, parse_iso_date

ACTION_LABELS = {
    "auth.sign_in": "Signed in",
    "auth.sign_in_failed": "Failed to sign in",
    "auth.sign_out": "Signed out",
    "auth.password_change": "Changed their password",
    "audit.download": "Downloaded the audit log",
    "child.view": "Viewed child-level data",
    "council.save": "Saved the council's details",
    "council.population": "Set the child population of a year",
    "teams.import": "Imported a worker-to-team file",
    "return.year": "Changed an upload's collection year",
    "governance.demo.load": "Loaded the demo's boards and meetings",
    "councils.load_reference": "Loaded councils from reference data",
    "user.create": "Added a person",
    "user.password_reset": "Reset a password",
    "membership.grant": "Gave a role",
    "membership.update": "Changed a role",
    "membership.revoke": "Removed a role",
    "return.upload": "Uploaded a return",
    "return.accept": "Accepted a return",
    "return.discard": "Discarded an upload",
    "returns.purge": "Deleted expired upload details",
    "indicators.compute": "Computed the indicators",
    "ofsted.load": "Loaded Ofsted's records",
    "inspection.create": "Recorded an inspection",
    "inspection.correct": "Corrected an inspection",
    "finding.add": "Added a finding",
    "finding.correct": "Corrected a finding",
    "finding.remove": "Removed a finding",
    "plan.create": "Started a plan",
    "plan.priority.create": "Added a priority",
    "plan.priority.update": "Changed a priority",
    "plan.action.create": "Added an action",
    "plan.action.update": "Changed an action",
    "plan.milestone.add": "Added a milestone",
    "plan.milestone.update": "Changed a milestone",
    "plan.update.post": "Posted a progress update",
    "plan.evidence.add": "Cited evidence",
    "plan.evidence.remove": "Removed evidence",
    "plan.document.upload": "Uploaded a document",
    "plan.document.view": "Opened a document",
    "plan.export": "Exported the plan",
    "table.download": "Downloaded a table",
    "chart.download": "Downloaded a chart",
    "target.set": "Set a target",
    "target.withdraw": "Withdrew a target",
    "spc.rebase": "Rebased control limits",
    "spc.rebase.withdraw": "Withdrew a rebase of control limits",
    # The assessment framework (issue 9.1-9.3)
    "assessment.review.start": "Started an assessment review",
    "assessment.self.update": "Changed the council's self-assessment",
    "assessment.opinion.update": "Changed the Commissioner's opinion",
    "assessment.review.submit": "Submitted the council's self-assessment",
    "assessment.review.return": "Returned a self-assessment to the council",
    "assessment.review.opinion": "Moved a review to the Commissioner's opinion",
    "assessment.review.finalise": "Finalised a review",
    "assessment.review.correct": "Corrected a final review",
    "assessment.evidence.add": "Cited evidence in a review",
    "assessment.evidence.remove": "Removed evidence from a review",
    "assessment.framework.copy": "Copied an assessment framework",
    "assessment.framework.domain.update": "Changed a framework's domain",
    "assessment.framework.scale.update": "Changed a framework's rating scale",
    # The intervention and the recommendation (issue 9.4)
    "intervention.event.record": "Recorded a step of the intervention",
    "intervention.recommendation.record": "Recorded the Commissioner's recommendation",
    "intervention.recommendation.correct": "Corrected the Commissioner's recommendation",
    "intervention.followup.add": "Added a follow-up action to the recommendation",
    # The Improvement Board and the other bodies (issue 9.5)
    "governance.body.create": "Added a board or committee",
    "governance.body.update": "Changed a board or committee",
    "governance.member.add": "Added a member",
    "governance.member.update": "Changed a member",
    "governance.meeting.create": "Added a meeting",
    "governance.meeting.update": "Changed a meeting",
    "governance.attendance.record": "Recorded attendance",
    "governance.item.add": "Added an agenda item",
    "governance.item.update": "Changed an agenda item",
    "governance.paper.add": "Attached a paper",
    "governance.paper.upload": "Uploaded a paper",
    "governance.decision.add": "Recorded a decision",
    "governance.decision.update": "Changed a decision",
    "governance.action.add": "Added to the action log",
    "governance.action.update": "Changed an action in the log",
    "governance.minutes.draft": "Drafted minutes",
    "governance.minutes.approve": "Approved minutes",
    "governance.approval.record": "Recorded a step of the plan's approval",
    "governance.approval.update": "Changed a step of the plan's approval",
    # Partners' concerns (issue 9.6)
    "concern.log": "Logged a partner's concern",
    "concern.update": "Changed a concern",
    "concern.escalate": "Escalated a concern",
    "concern.review": "Recorded a concern's case review",
    "concern.respond": "Recorded the response to a concern",
    "concern.child.add": "Added a child's identifier to a concern",
    # The social work workforce month by month (issue 10.4)
    "workforce.snapshot.create": "Recorded a month of the workforce",
    "workforce.snapshot.update": "Changed a month of the workforce",
    # Case audits (issue 11.1)
    "assurance.programme.create": "Drew a month's audit programme",
    "assurance.audit.save": "Saved a case audit as a draft",
    "assurance.audit.submit": "Submitted a case audit",
    "assurance.audit.moderate": "Moderated a case audit",
    "assurance.learning_action.add": "Added a learning action",
    "assurance.learning_action.update": "Changed a learning action",
    "assurance.template.question.update": "Changed an audit template's question",
    "assurance.template.question.add": "Added a question to an audit template",
    "assurance.template.question.remove": "Removed a question from an audit template",
    "assurance.template.question.move": "Moved a question in an audit template",
    "assurance.template.theme.add": "Added a theme to an audit template",
    "assurance.template.theme.update": "Changed an audit template's theme",
    "assurance.template.theme.remove": "Removed a theme from an audit template",
    "assurance.template.theme.move": "Moved a theme in an audit template",
    "assurance.audit.allocate": "Allocated a case audit to an auditor",
    # Supervision (issue 11.3)
    "supervision.record": "Recorded a supervision",
    "supervision.update": "Changed a supervision",
    "supervision.import": "Imported supervision records",
    "supervision.upload": "Uploaded a supervision file for checking",
    "supervision.upload.discard": "Discarded a supervision file",
    "supervision.oversight.update": "Changed management oversight of a child's case",
    "supervision.oversight.record": "Recorded management oversight of a child's case",
    "supervision.standard.change": "Changed the supervision standard",
    "supervision.worker.update": "Changed a worker's supervision details",
    # Voice of children, staff and partners (issue 11.4, 11.5)
    "voice.survey.create": "Added a survey",
    "voice.survey.update": "Changed a survey",
    "voice.results.upload": "Uploaded survey results",
    "voice.free_text.view": "Read children's own words",
    "voice.answer.tag": "Tagged an answer with a theme",
    "voice.answer.tag_many": "Tagged answers with a theme",
    "voice.theme.create": "Added a theme",
    "voice.theme.update": "Changed a theme",
    "voice.event.create": "Recorded an engagement event",
    "voice.event.create_many": "Recorded engagement events",
    "voice.event.update": "Changed an engagement event",
    "voice.settings.update": "Changed the survey settings",
    # Board papers (issue 12)
    "report.generate": "Generated a paper",
    "report.narrative.save": "Wrote a paper's narrative",
    "report.issue": "Issued a paper",
    "report.download": "Downloaded a paper",
}

DETAIL_LABELS = {
    "actor": "By",
    "after": "After",
    "as_at": "As at",
    "before": "Before",
    "child_population": "Child population",
    "cutoff": "Older than",
    "download": "Download",
    "fields": "Fields changed",
    "file": "File",
    "files": "Files",
    "format": "Format",
    "full_name": "Full name",
    "indicator": "Indicator",
    "indicator_id": "Indicator",
    "inspection": "Inspection",
    "kind": "Kind",
    "name": "Name",
    "number": "Number",
    "page": "Page",
    "period_from": "From",
    "period_to": "To",
    "priorities": "Priorities",
    "progress": "Progress",
    "reference": "Reference",
    "retention_days": "Retention (days)",
    "role": "Role",
    "rows": "Rows",
    "service_area": "Service area",
    "table": "Table",
    "chart": "Chart",
    "size": "Size (bytes)",
    "status": "Status",
    "team": "Team",
    "text": "Text",
    "upload": "Upload",
    "user": "User",
    "username": "User name",
    "versions": "Versions",
    "target": "Target",
    "tolerance": "Tolerance",
    "effective_from": "Applies from",
    "reason": "Reason",
    "version": "Setting",
    "from_date": "From",
    "withdraws": "Withdraws",
}


# Detail values that are codes, by the key they are recorded under.
VALUE_LABELS = {"role": dict(Role.choices)}


def _words(code: str) -> str:
    text = code.replace(".", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def action_label(code: str) -> str:
    """Signed in, for `auth.sign_in`."""
    return ACTION_LABELS.get(code) or _words(code)


def detail_label(key: str) -> str:
    return DETAIL_LABELS.get(key) or _words(key)


def _indicator_title(value: str) -> str:
    try:
        return registry.get(value).title
    except KeyError:
        return value


def value_shown(value, key: str = "") -> str:
    """A detail value in words: ISO dates as GOV.UK dates, lists joined, nested records as
    "Label: value" pairs, indicator ids as their titles, True/False as Yes/No, blank as "none"."""
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "; ".join(f"{detail_label(k)}: {value_shown(v, k)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(value_shown(item, key) for item in value)
    if isinstance(value, (int, float)):
        return f"{value:,}" if key not in {"inspection", "upload", "number", "page"} else str(value)
    text = str(value)
    if text in VALUE_LABELS.get(key, {}):
        return str(VALUE_LABELS[key][text])
    if key in {"indicator", "indicator_id"}:
        return _indicator_title(text)
    parsed = parse_iso_date(text)
    if parsed is None and len(text) >= 19 and text[10] == "T":
        try:
            parsed = dt.datetime.fromisoformat(text).date()
        except ValueError:
            parsed = None
    return govuk_date(parsed) if parsed else text


def detail_shown(detail: dict | None) -> list[tuple[str, str]]:
    """An entry's detail as (label, value) rows for the page."""
    return [(detail_label(key), value_shown(value, key)) for key, value in (detail or {}).items()]
