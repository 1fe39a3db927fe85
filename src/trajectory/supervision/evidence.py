"""Supervision's citable evidence (issue 11.6), in the assessment evidence registry.

- `supervision_compliance`: the council's supervision compliance for a month (ref "YYYY-MM").
- `case_oversight`: the share of children with management oversight at a month's end
  (ref "YYYY-MM").

`current(council, ref, as_at)` works the figure out from the records as they stand (a month
after `as_at` is not yet known: cited at a date before the month ends, it says so); a finalised
review keeps the snapshot it was given, so later records never change what a review rested on.
"""

from __future__ import annotations

from datetime import date

from trajectory.web.dates import govuk_month


def _month(ref: str) -> date:
    try:
        year, month = ref.split("-")
        return date(int(year), int(month), 1)
    except (ValueError, AttributeError) as wrong:
        raise LookupError(f"No such month {ref}.") from wrong


def _shown(value) -> str:
    return "No figure" if value is None else f"{value:.1f}%"


def _compliance_choices(council) -> list[tuple[str, str]]:
    from trajectory.supervision.selectors import compliance_of

    rows = compliance_of(council).overall
    return [
        (f"{r[0]:%Y-%m}", f"Supervision on time, {govuk_month(r[0])}")
        for r in reversed(rows)
        if r[2]
    ]


def _compliance_current(council, ref: str, as_at: date) -> dict:
    from trajectory.supervision.figures import month_end
    from trajectory.supervision.selectors import compliance_of

    month = _month(ref)
    until = min(month_end(month), as_at)
    rows = [r for r in compliance_of(council, until=until).overall if r[0] == month_end(month)]
    if not rows:
        raise LookupError(f"No supervisions due in {govuk_month(month)} by then.")
    _, held, due, value = rows[0]
    return {
        "label": f"Supervision on time, {govuk_month(month)}",
        "value": _shown(value),
        "raw_value": value,
        "detail": f"{held} of {due} supervisions due in the month held on time"
        + ("" if until == month_end(month) else f" (the month so far, to {until:%d %B %Y})"),
        "as_at": until.isoformat(),
        "source": {"kind": "supervision_compliance", "month": ref},
    }


def _oversight_choices(council) -> list[tuple[str, str]]:
    from trajectory.supervision.selectors import oversight_rows_of

    return [
        (f"{r[0]:%Y-%m}", f"Case oversight, {govuk_month(r[0])}")
        for r in reversed(oversight_rows_of(council))
        if r[2]
    ]


def _oversight_current(council, ref: str, as_at: date) -> dict:
    from trajectory.supervision.figures import month_end
    from trajectory.supervision.selectors import oversight_rows_of

    month = _month(ref)
    if month_end(month) > as_at:
        raise LookupError(f"{govuk_month(month)} had not ended by then.")
    rows = [r for r in oversight_rows_of(council, until=as_at) if r[0] == month_end(month)]
    if not rows or not rows[0][2]:
        raise LookupError(f"No case oversight figure for {govuk_month(month)}.")
    _, held, counted, value = rows[0]
    return {
        "label": f"Case oversight, {govuk_month(month)}",
        "value": _shown(value),
        "raw_value": value,
        "detail": f"{held} of {counted} children open with management oversight in the "
        "required period",
        "as_at": month_end(month).isoformat(),
        "source": {"kind": "case_oversight", "month": ref},
    }


def register_kinds() -> None:
    from trajectory.assessment.evidence import EvidenceKind, register

    register(
        EvidenceKind(
            "supervision_compliance",
            "Supervision compliance for a month",
            _compliance_choices,
            _compliance_current,
        )
    )
    register(
        EvidenceKind(
            "case_oversight",
            "Case oversight rate for a month",
            _oversight_choices,
            _oversight_current,
        )
    )
