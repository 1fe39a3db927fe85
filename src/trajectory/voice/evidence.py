"""What the voice records offer the evidence registry (issue 11.6, `assessment.evidence`).

Three kinds: a children's survey question's result in a wave, a staff survey question's result
in a wave (ref `<wave id>-<question id>`), and an engagement event, focus group or drop-in (ref
its id). A result's snapshot holds the wave's current figure, the comparator's and the change
since the wave before, always through the council's small-number rule: a citation is read by
the board and the DfE, so what a review freezes never holds a figure they may not see. A wave
held after the date cited for is not found ("not held by then"). Free text is never cited.
"""

from __future__ import annotations

from datetime import date

from trajectory.assessment.evidence import EvidenceKind, register
from trajectory.voice import suppression
from trajectory.voice.trends import points_text
from trajectory.web.dates import govuk_date

CHILDREN_RESULT = "voice_children_result"
STAFF_RESULT = "voice_staff_result"
ENGAGEMENT = "voice_engagement"


def _result_choices(audience: str):
    def choices(council) -> list[tuple[str, str]]:
        from trajectory.voice.models import Question, Wave

        waves = Wave.objects.filter(
            survey__council=council, survey__audience=audience
        ).select_related("survey")
        questions = list(
            Question.objects.filter(survey__council=council, survey__audience=audience).exclude(
                kind=Question.Kind.FREE_TEXT
            )
        )
        out = []
        for wave in waves:
            for question in questions:
                if question.survey_id == wave.survey_id:
                    out.append(
                        (
                            f"{wave.pk}-{question.pk}",
                            f"{wave.survey.title}, {wave.label}: {question.text}",
                        )
                    )
        return out

    return choices


def _result_current(audience: str):
    def current(council, ref: str, as_at: date) -> dict:
        from trajectory.voice import selectors
        from trajectory.voice.models import Question, Wave

        try:
            wave_pk, question_pk = (int(part) for part in ref.split("-"))
        except ValueError:
            raise LookupError("Not a survey result.") from None
        wave = (
            Wave.objects.filter(pk=wave_pk, survey__council=council, survey__audience=audience)
            .select_related("survey")
            .first()
        )
        question = Question.objects.filter(
            pk=question_pk, survey_id=getattr(wave, "survey_id", None)
        ).first()
        if wave is None or question is None:
            raise LookupError("That survey result is no longer recorded.")
        if wave.held_on > as_at:
            raise LookupError(f"The {wave.label} wave was not held by {govuk_date(as_at)}.")
        rule = suppression.rule_for(council)
        found = selectors.figures(wave.survey)
        waves = [w for w in wave.survey.waves.all() if w.held_on <= wave.held_on]
        rows = selectors.trend(selectors._wave_figures(waves, question, found), rule)
        row = next((r for r in rows if r.wave == wave.label), None)
        if row is None:
            raise LookupError(f"No result for this question in the {wave.label} wave.")
        detail = [f"{row.respondents:,} answered" if row.respondents is not None else ""]
        if row.comparator_percent is not None:
            detail.append(f"{wave.survey.comparator or 'comparator'}: {row.comparator_shown}")
        if row.change is not None:
            detail.append(f"{points_text(row.change)} since the wave before")
        if row.withheld:
            detail.append(suppression.MARKER_TEXT)
        upload = selectors.current_uploads(wave.survey).get(wave.pk)
        return {
            "label": f"{wave.survey.title}, {wave.label}: {question.text}",
            "value": row.council_shown,
            "raw_value": None if row.council_percent is None else float(row.council_percent),
            "detail": "; ".join(part for part in detail if part),
            "as_at": wave.held_on.isoformat(),
            "source": {"survey": wave.survey_id, "wave": wave.pk, "upload": upload},
        }

    return current


def _event_choices(council) -> list[tuple[str, str]]:
    from trajectory.voice.models import EngagementEvent

    return [
        (str(event.pk), f"{govuk_date(event.held_on)}: {event.title} ({event.get_kind_display()})")
        for event in EngagementEvent.objects.filter(council=council)
    ]


def _event_current(council, ref: str, as_at: date) -> dict:
    from trajectory.voice.models import EngagementEvent

    event = EngagementEvent.objects.filter(
        council=council, pk=int(ref) if ref.isdigit() else 0
    ).first()
    if event is None:
        raise LookupError("That engagement event is no longer recorded.")
    if event.held_on > as_at:
        raise LookupError(f"The event was not held by {govuk_date(as_at)}.")
    attendance = (
        f"{event.attendance:,} attended"
        if event.attendance is not None
        else "attendance not counted"
    )
    themes = ", ".join(theme.name for theme in event.themes.all())
    return {
        "label": f"{event.title} ({event.get_kind_display()}, "
        f"{event.get_format_display().lower()})",
        "value": attendance,
        "detail": "; ".join(
            part
            for part in (govuk_date(event.held_on), f"themes: {themes}" if themes else "")
            if part
        ),
        "as_at": event.held_on.isoformat(),
        "source": {"event": event.pk, "edit_version": event.edit_version},
    }


def register_kinds() -> None:
    register(
        EvidenceKind(
            CHILDREN_RESULT,
            "Children's survey result",
            _result_choices("children"),
            _result_current("children"),
        )
    )
    register(
        EvidenceKind(
            STAFF_RESULT, "Staff survey result", _result_choices("staff"), _result_current("staff")
        )
    )
    register(EvidenceKind(ENGAGEMENT, "Engagement event", _event_choices, _event_current))
