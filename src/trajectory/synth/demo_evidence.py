"""Westshire's plan and board cite the quality assurance and voice records (issue 11.6), so the
plan's priorities and the board's latest agenda show the audits, supervision and what children
and staff say beside the indicators.

Run after the plan, the board and the assurance, supervision and voice demos (it cites what they
made). A kind not registered, or with nothing for the council yet, is left out. Once: nothing
when the plan already cites a record.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from trajectory.councils.models import Role
from trajectory.plans.models import EvidenceLink, Plan

# (words in a priority's title, registry kind, which choice: 0 the first offered (the newest
# for the month kinds), 1 the one after (the latest month completed), note).
PLAN_CITATIONS = (
    (
        "case audits",
        "audit_month",
        1,
        "The latest month's audits, all moderated: the share good or better and moderation "
        "agreement.",
    ),
    (
        "supervision",
        "supervision_compliance",
        1,
        "Supervision within the standard, for the latest full month.",
    ),
    ("supervision", "case_oversight", 1, "Management oversight recorded on children's cases."),
    (
        "participation of children",
        "voice_children_result",
        0,
        "What children in care tell us in the latest survey wave.",
    ),
    ("social workers", "voice_staff_result", 0, "What social workers tell us in the staff survey."),
    ("social workers", "voice_engagement", 0, "The DCS's engagement with staff."),
)

# (agenda item title, registry kind, which choice of those known by the meeting's date, or the
# ref itself) for the Improvement Board's latest meeting.
BOARD_ITEMS = (
    ("Case audit results", "audit_month", 0, ""),
    ("What children in care tell us", "voice_children_result", 0, ""),
    ("Schools' concerns about thresholds", "escalation_theme", None, "thresholds"),
)


def _pick(council, kind: str, which: int | None, ref: str = "", by: date | None = None) -> str:
    """ "kind:ref" of the chosen record, "" when the kind is not registered or offers none. With
    `by`, only records known by that date are offered (a meeting discusses no later month)."""
    from trajectory.assessment import evidence

    entry = evidence.EVIDENCE_KINDS.get(kind)
    if entry is None:
        return ""
    refs = [str(value) for value, _ in entry.choices(council)]
    if by is not None:
        refs = [
            value
            for value in refs
            if (shown := evidence.current(council, kind, value, by))["value"] != "Not found"
            and shown["as_at"] <= by.isoformat()
        ]
    if ref:
        return f"{kind}:{ref}" if ref in refs else ""
    if not refs:
        return ""
    return f"{kind}:{refs[min(which or 0, len(refs) - 1)]}"


def evidence_demo(council, users) -> None:
    from trajectory.governance import services as governance
    from trajectory.governance.models import AgendaItem, Meeting
    from trajectory.plans import services

    plan = Plan.objects.filter(council=council).order_by("-created_at").first()
    meeting = (
        Meeting.objects.filter(body__council=council, body__kind="improvement_board")
        .order_by("-held_on", "-id")
        .first()
    )
    cited_before = (
        EvidenceLink.objects.filter(
            kind=EvidenceLink.Kind.RECORD, priority__plan__council=council
        ).exists()
        or AgendaItem.objects.filter(
            meeting__body__council=council, subject_kind__in=[item[1] for item in BOARD_ITEMS]
        ).exists()
    )
    if cited_before:
        return
    leader = users[Role.LEADER]
    priorities = list(plan.priorities.order_by("number")) if plan else []
    with transaction.atomic():
        for words, kind, which, note in PLAN_CITATIONS:
            priority = next((p for p in priorities if words in p.title.lower()), None)
            cited = _pick(council, kind, which)
            if priority is None or not cited:
                continue
            services.evidence_link_add(
                user=leader, priority=priority, kind="record", cited_record=cited, note=note
            )
        for title, kind, which, ref in BOARD_ITEMS if meeting else ():
            cited = _pick(council, kind, which, ref, by=meeting.held_on)
            if cited:
                governance.item_add(meeting=meeting, user=leader, title=title, subject=cited)
