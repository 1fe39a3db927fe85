"""Audit results as evidence (issue 11.6), in the assessment evidence registry.

Two kinds: a month's results ("audit_month", ref "YYYY-MM": the share good or better, agreement
and completion) and one audit ("audit", ref its id). A cited audit is labelled by its month,
team and grade, never by its child, because reviews and board papers are read by roles that
see no child-level data. A finalised review freezes the snapshot as for indicators.
"""

from __future__ import annotations

from datetime import date

from trajectory.web.dates import govuk_month


def _month(ref: str) -> date:
    try:
        year, month = str(ref).split("-")[:2]
        return date(int(year), int(month), 1)
    except (TypeError, ValueError) as wrong:
        raise LookupError(f"No month {ref}.") from wrong


def _month_choices(council) -> list[tuple[str, str]]:
    from trajectory.assurance.models import Programme

    return [
        (row.month.strftime("%Y-%m"), f"Case audit results, {govuk_month(row.month)}")
        for row in Programme.objects.filter(council=council).order_by("-month")
    ]


def _pct(value) -> str:
    return "no figure" if value is None else f"{value:.1f}%"


def _month_current(council, ref: str, as_at: date) -> dict:
    from trajectory.assurance import figures
    from trajectory.assurance.models import Programme
    from trajectory.assurance.selectors import audit_rows

    month = _month(ref)
    programme = Programme.objects.filter(council=council, month=month).first()
    if programme is None:
        raise LookupError(f"No audit programme for {govuk_month(month)}.")
    rows = [row for row in audit_rows(council) if row["month"] == month]
    found = {key: compute(rows) for key, compute in figures.FIGURES.items()}

    def first(key):
        return found[key][0] if found[key] else [figures.month_end(month), 0, 0, None]

    good = first("audits_good_or_better_pct")
    agreed = first("audit_moderation_agreement_pct")
    done = first("audits_completed_pct")
    return {
        "label": f"Case audit results, {govuk_month(month)}",
        "value": f"{_pct(good[3])} good or better",
        "raw_value": good[3],
        "detail": (
            f"{good[1]} of {good[2]} completed audits good or better; moderation agreed "
            f"{agreed[1]} of {agreed[2]} ({_pct(agreed[3])}); {done[1]} of {done[2]} audits "
            f"done ({_pct(done[3])})"
        ),
        "as_at": figures.month_end(month).isoformat(),
        "source": {"programme": programme.pk, "seed": programme.seed},
    }


def _audit_label(audit) -> str:
    team = audit.team or "no team recorded"
    return f"Case audit {audit.pk}, {govuk_month(audit.programme.month)}, {team}"


def _audit_choices(council) -> list[tuple[str, str]]:
    from trajectory.assurance.models import Audit

    rows = (
        Audit.objects.filter(council=council, status__in=["submitted", "moderated"])
        .select_related("programme")
        .order_by("-programme__month", "team", "pk")
    )
    return [(str(row.pk), _audit_label(row)) for row in rows]


def _audit_current(council, ref: str, as_at: date) -> dict:
    from trajectory.assurance import grades
    from trajectory.assurance.models import Audit

    try:
        pk = int(ref)
    except (TypeError, ValueError) as wrong:
        raise LookupError(f"No such audit {ref}.") from wrong
    audit = (
        Audit.objects.filter(council=council, pk=pk)
        .select_related("programme", "moderation")
        .first()
    )
    if audit is None:
        raise LookupError("That case audit is no longer recorded.")
    moderated = audit.status == Audit.Status.MODERATED
    return {
        "label": _audit_label(audit),
        "value": grades.label(audit.final_grade),
        "detail": (
            f"{audit.get_status_display()}; auditor's grade {grades.label(audit.overall_grade)}"
            + (
                f", final grade after moderation {grades.label(audit.final_grade)}"
                if moderated
                else ""
            )
        ),
        "as_at": as_at.isoformat(),
        "source": {"audit": audit.pk, "programme": audit.programme_id},
    }


def register_kinds() -> None:
    from trajectory.assessment.evidence import EvidenceKind, register

    register(
        EvidenceKind("audit_month", "Case audit results (a month)", _month_choices, _month_current)
    )
    register(EvidenceKind("audit", "Case audit (one audit)", _audit_choices, _audit_current))
