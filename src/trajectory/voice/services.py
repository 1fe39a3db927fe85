"""Writes to the voice records. Each checks `record_voice` (analysts, managers and leaders;
everyone else reads), runs in one transaction, keeps every changed field in the history
(`trajectory.history`) and writes an audit entry. A save from a form opened at an older
version is refused (`web.edit_conflicts`). Uploads are kept whole and never changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.history.models import Change
from trajectory.history.services import changes_record, snapshot, subject_type
from trajectory.voice import parsing
from trajectory.voice.models import (
    Answer,
    EngagementEvent,
    PendingUpload,
    Question,
    QuestionResult,
    Response,
    ResultsUpload,
    Survey,
    Theme,
    VoiceSettings,
    Wave,
)
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

CAPABILITY = "record_voice"
SURVEY_FIELDS = ("title", "audience", "kind", "run_by", "asked_of", "comparator")
THEME_FIELDS = ("name", "description")
EVENT_FIELDS = ("kind", "format", "held_on", "title", "led_by", "attendance", "notes")
SETTINGS_FIELDS = ("minimum_respondents", "minimum_count")
MAX_UPLOAD = 10 * 1024 * 1024


def _real(user):
    return user if getattr(user, "is_authenticated", False) else None


def _unknown(values: dict, allowed) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _create(model_item, *, council, user, fields, action, request, extra_after=None):
    mark_changed(model_item, user)
    model_item.edit_version = 1
    model_item.full_clean()
    model_item.save()
    after = snapshot(model_item, fields) | (extra_after or {})
    changes_record(
        council=council,
        subject=model_item,
        user=user,
        operation="created",
        before=None,
        after=after,
    )
    record(user=user, action=action, council=council, obj=model_item, request=request)
    return model_item


def _update(item, *, council, user, opened_version, fields, changes, action, request):
    lock_for_edit(item, opened_version)
    before = snapshot(item, fields)
    for name, value in changes.items():
        setattr(item, name, value)
    mark_changed(item, user)
    item.full_clean()
    item.save()
    logged = changes_record(
        council=council,
        subject=item,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(item, fields),
    )
    record(
        user=user,
        action=action,
        council=council,
        obj=item,
        request=request,
        detail={"fields": [change.field for change in logged]},
    )
    return item


# Surveys -------------------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, council, user, request=None, **values: Any) -> Survey:
    require(user, CAPABILITY, council)
    _unknown(values, SURVEY_FIELDS)
    if Survey.objects.filter(council=council, title=values.get("title", "")).exists():
        raise ValidationError({"title": "A survey with this title is already recorded."})
    survey = Survey(council=council, created_by=_real(user), **values)
    return _create(
        survey,
        council=council,
        user=user,
        fields=SURVEY_FIELDS,
        action="voice.survey.create",
        request=request,
    )


@transaction.atomic
def survey_update(*, survey: Survey, user, opened_version=None, request=None, **changes) -> Survey:
    require(user, CAPABILITY, survey.council)
    _unknown(changes, SURVEY_FIELDS)
    if "kind" in changes and changes["kind"] != survey.kind and survey.uploads.exists():
        raise ValidationError({"kind": "The kind cannot change once results are uploaded."})
    return _update(
        survey,
        council=survey.council,
        user=user,
        opened_version=opened_version,
        fields=SURVEY_FIELDS,
        changes=changes,
        action="voice.survey.update",
        request=request,
    )


# Uploads -------------------------------------------------------------------------------------


@dataclass
class UploadOutcome:
    upload: ResultsUpload | None
    problems: list[parsing.Problem] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)
    pending: PendingUpload | None = None


def _layout(survey: Survey) -> str:
    return parsing.ANSWERS if survey.kind == Survey.Kind.OWN else parsing.RESULTS


def _check_against_record(survey: Survey, name: str, rows: list[dict]) -> list[parsing.Problem]:
    """What the stored survey contradicts: a wave's date, a question's kind."""
    problems = []
    dates = dict(survey.waves.values_list("label", "held_on"))
    kinds = dict(survey.questions.values_list("code", "kind"))
    first_kind: dict[str, str] = {}
    for row in rows:
        held = dates.get(row["wave"])
        if held is not None and held != row["wave_date"]:
            problems.append(
                parsing.Problem(
                    name,
                    row["row"],
                    "wave_date",
                    row["wave_date"].isoformat(),
                    f"the wave {row['wave']!r} is recorded as held on {held.isoformat()}",
                )
            )
        kind = row.get("kind", Question.Kind.PERCENT)
        stored = kinds.get(row["question_code"]) or first_kind.setdefault(
            row["question_code"], kind
        )
        if stored != kind:
            problems.append(
                parsing.Problem(
                    name,
                    row["row"],
                    "kind",
                    kind,
                    f"the question {row['question_code']!r} is {stored}",
                )
            )
    return problems


@transaction.atomic
def results_upload(
    *, survey: Survey, user, file_name: str, content: bytes, request=None
) -> UploadOutcome:
    """Check the whole file; keep it and its rows only if nothing is wrong with any row."""
    council = survey.council
    require(user, CAPABILITY, council)
    parsed, problems = _checked(survey, file_name, content)
    if problems:
        return UploadOutcome(None, problems)
    layout = parsed.layout
    upload = ResultsUpload.objects.create(
        survey=survey,
        format=layout,
        file_name=file_name[:255],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        rows=len(parsed.rows),
        uploaded_by=_real(user),
    )
    waves = {wave.label: wave for wave in survey.waves.all()}
    questions = {question.code: question for question in survey.questions.all()}
    next_order = max((q.order for q in questions.values()), default=0)
    results: list[QuestionResult] = []
    responses: dict[tuple, Response] = {}
    answers: list[tuple[tuple, Answer]] = []
    for row in parsed.rows:
        wave = waves.get(row["wave"])
        if wave is None:
            wave = waves[row["wave"]] = Wave.objects.create(
                survey=survey, label=row["wave"], held_on=row["wave_date"]
            )
        question = questions.get(row["question_code"])
        if question is None:
            next_order += 1
            question = questions[row["question_code"]] = Question.objects.create(
                survey=survey,
                code=row["question_code"],
                text=row["question"],
                kind=row.get("kind", Question.Kind.PERCENT),
                order=next_order,
            )
        if layout == parsing.RESULTS:
            results.append(
                QuestionResult(
                    upload=upload,
                    wave=wave,
                    question=question,
                    council_percent=row["council_percent"],
                    comparator_percent=row["comparator_percent"],
                    respondents=row["respondents"],
                )
            )
            continue
        key = (wave.pk, row["respondent"])
        responses.setdefault(key, Response(upload=upload, wave=wave, respondent=row["respondent"]))
        if row["answer"] is None:
            continue
        answer = Answer(
            question=question,
            yes=row.get("yes"),
            text=row["answer"] if question.kind == Question.Kind.FREE_TEXT else "",
        )
        mark_changed(answer, user)
        answer.edit_version = 1
        answers.append((key, answer))
    QuestionResult.objects.bulk_create(results, batch_size=500)
    Response.objects.bulk_create(responses.values(), batch_size=500)
    for key, answer in answers:
        answer.response = responses[key]
    Answer.objects.bulk_create([answer for _, answer in answers], batch_size=500)
    wave_labels = sorted({row["wave"] for row in parsed.rows})
    record(
        user=user,
        action="voice.results.upload",
        council=council,
        obj=upload,
        request=request,
        detail={
            "survey": survey.pk,
            "file": upload.file_name,
            "sha256": upload.sha256,
            "rows": upload.rows,
            "waves": wave_labels,
        },
    )
    return UploadOutcome(upload, [], wave_labels)


def _checked(survey: Survey, file_name: str, content: bytes):
    """(the parsed rows, every problem with them)."""
    if len(content) > MAX_UPLOAD:
        too_large = "The file is larger than 10 MB"
        return None, [parsing.Problem(file_name, None, "", f"{len(content)} bytes", too_large)]
    parsed = parsing.parse(file_name, content, _layout(survey))
    return parsed, parsed.problems or _check_against_record(survey, file_name, parsed.rows)


@transaction.atomic
def upload_check(*, survey: Survey, user, file_name: str, content: bytes, request=None):
    """The upload page's first step: check the whole file and, if nothing is wrong, hold it
    for its sender to see what it adds before keeping it (`upload_keep`)."""
    require(user, CAPABILITY, survey.council)
    _, problems = _checked(survey, file_name, content)
    if problems:
        return UploadOutcome(None, problems)
    pending = PendingUpload.objects.create(
        survey=survey,
        file_name=file_name[:255],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=_real(user),
    )
    return UploadOutcome(None, [], pending=pending)


def _own_pending(pending: PendingUpload, user) -> None:
    require(user, CAPABILITY, pending.survey.council)
    if user is not None and pending.uploaded_by_id != getattr(user, "pk", None):
        raise PermissionDenied("Only the person who uploaded a file can keep or drop it.")


@transaction.atomic
def upload_keep(*, pending: PendingUpload, user, request=None) -> UploadOutcome:
    """Keep a checked file (checked again: another upload may have come in meanwhile)."""
    _own_pending(pending, user)
    outcome = results_upload(
        survey=pending.survey,
        user=user,
        file_name=pending.file_name,
        content=bytes(pending.content),
        request=request,
    )
    if outcome.upload is not None:
        pending.delete()
    return outcome


@transaction.atomic
def upload_drop(*, pending: PendingUpload, user) -> None:
    _own_pending(pending, user)
    pending.delete()


# Themes and tagging --------------------------------------------------------------------------


@transaction.atomic
def theme_create(*, council, user, request=None, **values) -> Theme:
    require(user, CAPABILITY, council)
    _unknown(values, THEME_FIELDS)
    if Theme.objects.filter(council=council, name__iexact=values.get("name", "")).exists():
        raise ValidationError({"name": "A theme with this name is already recorded."})
    return _create(
        Theme(council=council, **values),
        council=council,
        user=user,
        fields=THEME_FIELDS,
        action="voice.theme.create",
        request=request,
    )


@transaction.atomic
def theme_update(*, theme: Theme, user, opened_version=None, request=None, **changes) -> Theme:
    require(user, CAPABILITY, theme.council)
    _unknown(changes, THEME_FIELDS)
    name = changes.get("name")
    if (
        name
        and Theme.objects.filter(council=theme.council, name__iexact=name)
        .exclude(pk=theme.pk)
        .exists()
    ):
        raise ValidationError({"name": "A theme with this name is already recorded."})
    return _update(
        theme,
        council=theme.council,
        user=user,
        opened_version=opened_version,
        fields=THEME_FIELDS,
        changes=changes,
        action="voice.theme.update",
        request=request,
    )


def _theme_names(themes) -> str:
    return ", ".join(sorted(theme.name for theme in themes))


def _council_themes(council, themes) -> list[Theme]:
    themes = list(themes)
    if any(theme.council_id != council.pk for theme in themes):
        raise ValidationError({"themes": "Choose themes of this council."})
    return themes


@transaction.atomic
def answer_tag(*, answer: Answer, user, themes, opened_version=None, request=None) -> Answer:
    """Set the themes a free-text answer is tagged with."""
    council = answer.response.wave.survey.council
    require(user, CAPABILITY, council)
    if answer.question.kind != Question.Kind.FREE_TEXT:
        raise ValidationError("Only free-text answers are tagged with themes.")
    themes = _council_themes(council, themes)
    lock_for_edit(answer, opened_version)
    before = {"themes": _theme_names(answer.themes.all())}
    answer.themes.set(themes)
    mark_changed(answer, user)
    answer.save()
    after = {"themes": _theme_names(themes)}
    changes_record(
        council=council, subject=answer, user=user, operation="changed", before=before, after=after
    )
    record(
        user=user,
        action="voice.answer.tag",
        council=council,
        obj=answer,
        request=request,
        detail={"themes": [theme.pk for theme in themes]},
    )
    return answer


def _history_rows(*, council, user, operation: str, entries) -> None:
    """What `changes_record` writes, for many records at once (a file's worth of events, a
    batch of tagging): one Change per field whose value changed, inserted together."""
    real = _real(user)
    rows = []
    for subject, before, after in entries:
        before = before or {}
        for name, value in after.items():
            if before.get(name, "") == value:
                continue
            try:
                label = str(subject._meta.get_field(name).verbose_name).capitalize()
            except Exception:  # a field the caller names itself ("themes")
                label = name.replace("_", " ").capitalize()
            rows.append(
                Change(
                    council=council,
                    user=real,
                    username=getattr(real, "username", "") or "",
                    operation=operation,
                    subject_type=subject_type(subject),
                    subject_id=subject.pk,
                    subject_label=str(subject)[:300],
                    field=name,
                    field_label=label[:120],
                    before=before.get(name, ""),
                    after=value,
                )
            )
    Change.objects.bulk_create(rows, batch_size=500)


@transaction.atomic
def answers_tag_many(*, council, user, tagging, request=None) -> int:
    """Add themes to many free-text answers at once ([(answer, themes)]), as staff working
    through a wave do: one audit entry, each answer's change in its history."""
    require(user, CAPABILITY, council)
    through = Answer.themes.through
    links, entries = [], []
    for answer, themes in tagging:
        if answer.question.kind != Question.Kind.FREE_TEXT:
            raise ValidationError("Only free-text answers are tagged with themes.")
        if answer.response.wave.survey.council_id != council.pk:
            raise ValidationError("Choose answers of this council.")
        themes = _council_themes(council, themes)
        before = {"themes": _theme_names(answer.themes.all())}
        known = {theme.pk for theme in answer.themes.all()}
        added = [theme for theme in themes if theme.pk not in known]
        links += [through(answer_id=answer.pk, theme_id=theme.pk) for theme in added]
        names = sorted({*before["themes"].split(", "), *(t.name for t in added)} - {""})
        entries.append((answer, before, {"themes": ", ".join(names)}))
    through.objects.bulk_create(links, batch_size=500)
    Answer.objects.filter(pk__in=[answer.pk for answer, _ in tagging]).update(
        edit_version=models.F("edit_version") + 1, changed_by=_real(user), changed_at=timezone.now()
    )
    _history_rows(council=council, user=user, operation="changed", entries=entries)
    record(
        user=user,
        action="voice.answer.tag_many",
        council=council,
        request=request,
        detail={"answers": len(tagging), "links": len(links)},
    )
    return len(links)


# Engagement ----------------------------------------------------------------------------------


def _check_event(values: dict) -> None:
    attendance = values.get("attendance")
    if attendance is not None and attendance > 100_000:
        raise ValidationError({"attendance": "Attendance is too large."})


@transaction.atomic
def event_create(*, council, user, themes=(), request=None, **values) -> EngagementEvent:
    require(user, CAPABILITY, council)
    _unknown(values, EVENT_FIELDS)
    _check_event(values)
    themes = _council_themes(council, themes)
    event = EngagementEvent(council=council, created_by=_real(user), **values)
    mark_changed(event, user)
    event.edit_version = 1
    event.full_clean()
    event.save()
    event.themes.set(themes)
    changes_record(
        council=council,
        subject=event,
        user=user,
        operation="created",
        before=None,
        after=snapshot(event, EVENT_FIELDS) | {"themes": _theme_names(themes)},
    )
    record(user=user, action="voice.event.create", council=council, obj=event, request=request)
    return event


@transaction.atomic
def event_update(
    *, event: EngagementEvent, user, opened_version=None, themes=None, request=None, **changes
) -> EngagementEvent:
    council = event.council
    require(user, CAPABILITY, council)
    _unknown(changes, EVENT_FIELDS)
    _check_event(changes)
    lock_for_edit(event, opened_version)
    before = snapshot(event, EVENT_FIELDS) | {"themes": _theme_names(event.themes.all())}
    for name, value in changes.items():
        setattr(event, name, value)
    mark_changed(event, user)
    event.full_clean()
    event.save()
    if themes is not None:
        event.themes.set(_council_themes(council, themes))
    logged = changes_record(
        council=council,
        subject=event,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(event, EVENT_FIELDS) | {"themes": _theme_names(event.themes.all())},
    )
    record(
        user=user,
        action="voice.event.update",
        council=council,
        obj=event,
        request=request,
        detail={"fields": [change.field for change in logged]},
    )
    return event


@transaction.atomic
def events_record_many(*, council, user, events, request=None) -> list[EngagementEvent]:
    """Record many events at once (a log kept in a spreadsheet, the demo): each checked as
    one recorded by the form, one audit entry, each event's fields in its history."""
    require(user, CAPABILITY, council)
    made, themes_of = [], []
    for values in events:
        values = dict(values)
        themes = _council_themes(council, values.pop("themes", ()))
        _unknown(values, EVENT_FIELDS)
        _check_event(values)
        event = EngagementEvent(council=council, created_by=_real(user), **values)
        mark_changed(event, user)
        event.edit_version = 1
        event.full_clean()
        made.append(event)
        themes_of.append(themes)
    EngagementEvent.objects.bulk_create(made, batch_size=500)
    through = EngagementEvent.themes.through
    through.objects.bulk_create(
        [
            through(engagementevent_id=event.pk, theme_id=theme.pk)
            for event, themes in zip(made, themes_of, strict=True)
            for theme in themes
        ],
        batch_size=500,
    )
    _history_rows(
        council=council,
        user=user,
        operation="created",
        entries=[
            (event, None, snapshot(event, EVENT_FIELDS) | {"themes": _theme_names(themes)})
            for event, themes in zip(made, themes_of, strict=True)
        ],
    )
    record(
        user=user,
        action="voice.event.create_many",
        council=council,
        request=request,
        detail={"events": [event.pk for event in made]},
    )
    return made


# The small-number rule -----------------------------------------------------------------------


def settings_for(council) -> VoiceSettings:
    """The council's stored rule, made with the defaults the first time it is asked for."""
    stored, _ = VoiceSettings.objects.get_or_create(council=council)
    return stored


@transaction.atomic
def settings_update(
    *, council, user, opened_version=None, request=None, **changes
) -> VoiceSettings:
    require(user, CAPABILITY, council)
    _unknown(changes, SETTINGS_FIELDS)
    stored = settings_for(council)
    return _update(
        stored,
        council=council,
        user=user,
        opened_version=opened_version,
        fields=SETTINGS_FIELDS,
        changes=changes,
        action="voice.settings.update",
        request=request,
    )
