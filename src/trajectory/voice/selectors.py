"""Reading a council's voice records, scoped and checked like every read (DESIGN.md).

A wave's results are those of the latest upload holding the wave (earlier uploads are kept and
listed, not used). People outside the council (board members, region and DfE officials) get
every figure through the small-number rule, and never children's own words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.history.selectors import history_of
from trajectory.voice import suppression
from trajectory.voice.models import (
    Answer,
    EngagementEvent,
    Question,
    QuestionResult,
    ResultsUpload,
    Survey,
    Theme,
    Wave,
)
from trajectory.voice.trends import TrendRow, WaveFigure, trend, yes_percent

FREE_TEXT_REFUSAL = (
    "Children's and staff's own words are shown only to the council's analysts, managers and "
    "leaders and to the Commissioner."
)


def rule_for_reader(user, council) -> suppression.Rule | None:
    """None (every figure) inside the council, the council's rule outside it."""
    return None if suppression.is_inside(user, council) else suppression.rule_for(council)


def surveys(user, council):
    require(user, "view_council", council)
    return Survey.objects.filter(council=council)


def survey_for(user, council, pk: int) -> Survey:
    try:
        return surveys(user, council).get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404("No such survey") from None


def question_for(user, council, survey: Survey, pk: int) -> Question:
    require(user, "view_council", council)
    try:
        return survey.questions.get(pk=pk)
    except Question.DoesNotExist:
        raise Http404("No such question") from None


def current_uploads(survey: Survey) -> dict[int, int]:
    """wave id -> the latest upload holding it."""
    if survey.kind == Survey.Kind.OWN:
        rows = ResultsUpload.objects.filter(survey=survey).values("responses__wave")
        key = "responses__wave"
    else:
        rows = ResultsUpload.objects.filter(survey=survey).values("results__wave")
        key = "results__wave"
    latest = rows.annotate(latest=Max("id")).values_list(key, "latest")
    return {wave: upload for wave, upload in latest if wave is not None}


@dataclass(frozen=True)
class Figure:
    council_percent: object
    comparator_percent: object
    respondents: int | None
    answers: int | None = None  # free text: how many answered


def figures(survey: Survey) -> dict[tuple[int, int], Figure]:
    """(wave id, question id) -> the wave's current figure for the question."""
    uploads = current_uploads(survey)
    out: dict[tuple[int, int], Figure] = {}
    if survey.kind != Survey.Kind.OWN:
        results = QuestionResult.objects.filter(
            upload_id__in=set(uploads.values()), wave__survey=survey
        )
        for result in results:
            if uploads.get(result.wave_id) != result.upload_id:
                continue
            out[(result.wave_id, result.question_id)] = Figure(
                result.council_percent, result.comparator_percent, result.respondents
            )
        return out
    answers = Answer.objects.filter(response__upload_id__in=set(uploads.values())).values_list(
        "response__wave_id", "response__upload_id", "question_id", "question__kind", "yes"
    )
    yes: Counter = Counter()
    answered: Counter = Counter()
    kinds = {}
    for wave, upload, question, kind, is_yes in answers:
        if uploads.get(wave) != upload:
            continue
        kinds[(wave, question)] = kind
        answered[(wave, question)] += 1
        if is_yes:
            yes[(wave, question)] += 1
    for key, count in answered.items():
        if kinds[key] == Question.Kind.FREE_TEXT:
            out[key] = Figure(None, None, count, answers=count)
        else:
            out[key] = Figure(yes_percent(yes[key], count), None, count)
    return out


def _wave_figures(waves, question, found) -> list[WaveFigure]:
    return [
        WaveFigure(
            wave=wave.label,
            held_on=wave.held_on,
            council_percent=found[(wave.pk, question.pk)].council_percent,
            comparator_percent=found[(wave.pk, question.pk)].comparator_percent,
            respondents=found[(wave.pk, question.pk)].respondents,
        )
        for wave in waves
        if (wave.pk, question.pk) in found
    ]


@dataclass(frozen=True)
class QuestionTrend:
    question: Question
    rows: list[TrendRow]

    @property
    def latest(self) -> TrendRow | None:
        return self.rows[-1] if self.rows else None


def survey_trends(user, council, survey: Survey) -> list[QuestionTrend]:
    """Each question (percentage and yes/no) with its rows across waves, oldest first."""
    require(user, "view_council", council)
    rule = rule_for_reader(user, council)
    found = figures(survey)
    waves = list(survey.waves.all())
    return [
        QuestionTrend(question, trend(_wave_figures(waves, question, found), rule))
        for question in survey.questions.exclude(kind=Question.Kind.FREE_TEXT)
    ]


def question_trend(user, council, question: Question) -> QuestionTrend:
    require(user, "view_council", council)
    rule = rule_for_reader(user, council)
    found = figures(question.survey)
    waves = list(question.survey.waves.all())
    return QuestionTrend(question, trend(_wave_figures(waves, question, found), rule))


def free_text_counts(user, council, question: Question) -> list[tuple[Wave, int, bool]]:
    """(wave, answers, withheld) for a free-text question."""
    require(user, "view_council", council)
    rule = rule_for_reader(user, council)
    found = figures(question.survey)
    out = []
    for wave in question.survey.waves.all():
        figure = found.get((wave.pk, question.pk))
        if figure is not None:
            hidden = rule is not None and suppression.count_withheld(figure.answers, rule)
            out.append((wave, figure.answers, hidden))
    return out


def free_text_answers(user, council, question: Question, *, request=None):
    """The answers to a free-text question in the current uploads: the council's staff only,
    audited as a child-level view is."""
    require(user, "view_council", council)
    if not suppression.is_inside(user, council):
        raise PermissionDenied(FREE_TEXT_REFUSAL)
    uploads = current_uploads(question.survey)
    answers = (
        Answer.objects.filter(question=question, response__upload_id__in=set(uploads.values()))
        .select_related("response__wave")
        .prefetch_related("themes")
        .order_by("-response__wave__held_on", "response__respondent")
    )
    answers = [a for a in answers if uploads.get(a.response.wave_id) == a.response.upload_id]
    record(
        user=user,
        action="voice.free_text.view",
        council=council,
        obj=question,
        request=request,
        detail={"question": question.pk, "answers": len(answers)},
    )
    return answers


@dataclass(frozen=True)
class ThemeByWave:
    theme: Theme
    counts: list[tuple[Wave, int, bool]]  # (wave, answers tagged, withheld)


def question_theme_counts(user, council, question: Question) -> list[ThemeByWave]:
    """For a free-text question: each theme's tagged answers in each wave's current upload,
    small counts withheld outside the council. Themes never used for it are left out."""
    require(user, "view_council", council)
    rule = rule_for_reader(user, council)
    uploads = current_uploads(question.survey)
    tagged = Answer.themes.through.objects.filter(
        answer__question=question, answer__response__upload_id__in=set(uploads.values())
    ).values_list("theme_id", "answer__response__wave_id", "answer__response__upload_id")
    counted: Counter = Counter(
        (theme, wave) for theme, wave, upload in tagged if uploads.get(wave) == upload
    )
    waves = list(question.survey.waves.filter(pk__in=uploads))
    used = {theme for theme, _ in counted}
    return [
        ThemeByWave(
            theme,
            [
                (
                    wave,
                    counted[(theme.pk, wave.pk)],
                    rule is not None
                    and suppression.count_withheld(counted[(theme.pk, wave.pk)], rule),
                )
                for wave in waves
            ],
        )
        for theme in themes(user, council)
        if theme.pk in used
    ]


def answer_for(user, council, question: Question, pk: int) -> Answer:
    require(user, "view_council", council)
    if not suppression.is_inside(user, council):
        raise PermissionDenied(FREE_TEXT_REFUSAL)
    try:
        return Answer.objects.select_related("response__wave__survey").get(
            pk=pk, question=question, response__wave__survey__council=council
        )
    except Answer.DoesNotExist:
        raise Http404("No such answer") from None


def uploads(user, council, survey: Survey):
    require(user, "view_council", council)
    return survey.uploads.select_related("uploaded_by").order_by("-uploaded_at", "-id")


def pending_for(user, council, survey: Survey, pk: int):
    """A checked upload waiting to be kept, by its sender only."""
    require(user, "view_council", council)
    from trajectory.voice.models import PendingUpload

    found = PendingUpload.objects.filter(pk=pk, survey=survey).first()
    if found is None or found.uploaded_by_id != getattr(user, "pk", None):
        raise Http404("No such upload waiting")
    return found


@dataclass(frozen=True)
class WavePreview:
    label: str
    held_on: date
    rows: int
    respondents: int
    new: bool
    replaces: ResultsUpload | None  # the upload whose results for the wave this one replaces


@dataclass(frozen=True)
class UploadPreview:
    waves: list[WavePreview]
    new_questions: list[tuple[str, str]]
    reworded: list[tuple[str, str, str]]  # (code, wording kept, the file's wording)
    rows: list[dict]  # the first rows, as they will be kept
    total_rows: int


PREVIEW_ROWS = 200


def upload_preview(user, council, pending) -> UploadPreview:
    """What keeping a checked file will add: its waves (new, or replacing which upload's
    results), the questions it adds, and its first rows."""
    from trajectory.voice import parsing

    require(user, "view_council", council)
    survey = pending.survey
    layout = parsing.ANSWERS if survey.kind == Survey.Kind.OWN else parsing.RESULTS
    parsed = parsing.parse(pending.file_name, bytes(pending.content), layout)
    stored = {wave.label: wave for wave in survey.waves.all()}
    current = current_uploads(survey)
    uploads_by_id = {upload.pk: upload for upload in survey.uploads.all()}
    wording = dict(survey.questions.values_list("code", "text"))
    known = set(wording)
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in parsed.rows:
        grouped[row["wave"]].append(row)
    waves = []
    for label, rows in grouped.items():
        wave = stored.get(label)
        respondents = (
            len({row["respondent"] for row in rows})
            if layout == parsing.ANSWERS
            else max(row["respondents"] for row in rows)
        )
        waves.append(
            WavePreview(
                label=label,
                held_on=rows[0]["wave_date"],
                rows=len(rows),
                respondents=respondents,
                new=wave is None,
                replaces=uploads_by_id.get(current.get(wave.pk)) if wave else None,
            )
        )
    new_questions: dict[str, str] = {}
    reworded: dict[str, tuple[str, str, str]] = {}
    for row in parsed.rows:
        code = row["question_code"]
        if code not in known:
            new_questions.setdefault(code, row["question"])
        elif row["question"] != wording[code]:
            reworded.setdefault(code, (code, wording[code], row["question"]))
    return UploadPreview(
        waves=sorted(waves, key=lambda w: w.held_on),
        new_questions=list(new_questions.items()),
        reworded=list(reworded.values()),
        rows=parsed.rows[:PREVIEW_ROWS],
        total_rows=len(parsed.rows),
    )


# Themes --------------------------------------------------------------------------------------


def themes(user, council):
    require(user, "view_council", council)
    return Theme.objects.filter(council=council)


def theme_for(user, council, pk: int) -> Theme:
    try:
        return themes(user, council).get(pk=pk)
    except Theme.DoesNotExist:
        raise Http404("No such theme") from None


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    answers: int  # free-text answers tagged, in the current uploads
    events: int  # engagement events and focus groups tagged
    answers_withheld: bool

    @property
    def answers_shown(self) -> str:
        return suppression.MARKER if self.answers_withheld else f"{self.answers:,}"


def theme_counts(user, council) -> list[ThemeCount]:
    """Each theme with the answers and events tagged with it; small answer counts withheld
    outside the council."""
    rule = rule_for_reader(user, council)
    current = set()
    for survey in surveys(user, council).filter(kind=Survey.Kind.OWN):
        current |= set(current_uploads(survey).values())
    tagged: Counter = Counter(
        Answer.themes.through.objects.filter(
            answer__response__upload_id__in=current, theme__council=council
        ).values_list("theme_id", flat=True)
    )
    events: Counter = Counter(
        EngagementEvent.themes.through.objects.filter(theme__council=council).values_list(
            "theme_id", flat=True
        )
    )
    return [
        ThemeCount(
            theme,
            tagged[theme.pk],
            events[theme.pk],
            rule is not None and suppression.count_withheld(tagged[theme.pk], rule),
        )
        for theme in themes(user, council)
    ]


# Engagement ----------------------------------------------------------------------------------


def events(user, council):
    require(user, "view_council", council)
    return EngagementEvent.objects.filter(council=council).prefetch_related("themes")


def event_for(user, council, pk: int) -> EngagementEvent:
    try:
        return events(user, council).get(pk=pk)
    except EngagementEvent.DoesNotExist:
        raise Http404("No such event") from None


@dataclass(frozen=True)
class EngagementSummary:
    """A period's engagement: "15 face-to-face events and 2 virtual sessions, 450 staff"."""

    kind_label: str
    face_to_face: int
    virtual: int
    attendance: int
    unrecorded: int  # events whose attendance was not counted
    first: date | None
    last: date | None


def engagement_summary(items) -> list[EngagementSummary]:
    """By kind of event, in the kinds' order: how many of each format and who came."""
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[item.kind].append(item)
    out = []
    for kind, label in EngagementEvent.Kind.choices:
        rows = grouped.get(kind)
        if not rows:
            continue
        out.append(
            EngagementSummary(
                kind_label=label,
                face_to_face=sum(r.format == EngagementEvent.Format.FACE_TO_FACE for r in rows),
                virtual=sum(r.format == EngagementEvent.Format.VIRTUAL for r in rows),
                attendance=sum(r.attendance or 0 for r in rows),
                unrecorded=sum(r.attendance is None for r in rows),
                first=min(r.held_on for r in rows),
                last=max(r.held_on for r in rows),
            )
        )
    return out


def history(user, council, subject):
    return history_of(user, council, subject)
