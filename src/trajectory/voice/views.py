"""Voice pages: surveys with their waves, trends and charts, a question's detail, uploads with
their error report, free-text tagging, themes with counts, the engagement log, and the forms.
Everyone with a role in the council reads the aggregates (small numbers withheld from board
members and region and DfE officials); children's and staff's own words only the council's
staff and the Commissioner. Analysts, managers and leaders (`record_voice`) write; everyone
else gets a 403 on the forms, by page or by POST."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.voice import charts, forms, parsing, selectors, services, suppression
from trajectory.voice.models import Question, Survey
from trajectory.web.dates import govuk_date
from trajectory.web.forms import add_service_errors


def _context(request, council, **extra) -> dict:
    return {
        "council": council,
        "can_record": has_capability(request.user, services.CAPABILITY, council),
        "refusal": refusal(services.CAPABILITY),
        "inside": suppression.is_inside(request.user, council),
        "rule": suppression.rule_for(council),
        "marker_text": suppression.MARKER_TEXT,
        **extra,
    }


def _survey_chart(council, survey, trends) -> dict | None:
    rows = charts.survey_rows(trends)
    if not rows:
        return None
    waves = [wave.label for wave in survey.waves.all()]
    return charts.trend_chart(
        rows,
        waves,
        f"Chart of {council.name}'s results in {survey.title}, each question's percentage by "
        "wave. The same figures are in the table below.",
        "Question",
    )


@login_required
def survey_list(request, council_code: str):
    council = council_for_user(request.user, council_code)
    items = []
    for survey in selectors.surveys(request.user, council).prefetch_related("waves"):
        trends = selectors.survey_trends(request.user, council, survey)
        items.append({"survey": survey, "waves": list(survey.waves.all()), "trends": trends})
    return render(
        request,
        "voice/survey_list.html",
        _context(
            request,
            council,
            children=[
                item for item in items if item["survey"].audience == Survey.Audience.CHILDREN
            ],
            staff=[item for item in items if item["survey"].audience == Survey.Audience.STAFF],
            summary=selectors.engagement_summary(selectors.events(request.user, council)),
        ),
    )


@login_required
def survey_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    form = forms.SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                council=council, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{survey.title} added.")
            return redirect("voice_survey", council.code, survey.pk)
    return render(
        request, "voice/survey_form.html", _context(request, council, form=form, survey=None)
    )


@login_required
def survey_edit(request, council_code: str, survey: int):
    council = council_for_user(request.user, council_code)
    item = selectors.survey_for(request.user, council, survey)
    require(request.user, services.CAPABILITY, council)
    form = forms.SurveyEditForm(
        request.POST or None, initial=forms.SurveyEditForm.initial_for(item)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened = data.pop("opened_version")
        try:
            services.survey_update(
                survey=item, user=request.user, opened_version=opened, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{item.title} saved.")
            return redirect("voice_survey", council.code, item.pk)
    return render(
        request,
        "voice/survey_form.html",
        _context(
            request,
            council,
            form=form,
            survey=item,
            changes=selectors.history(request.user, council, item)[:200],
        ),
    )


@login_required
def survey_detail(request, council_code: str, survey: int):
    council = council_for_user(request.user, council_code)
    item = selectors.survey_for(request.user, council, survey)
    trends = selectors.survey_trends(request.user, council, item)
    waves = list(item.waves.all())
    free_text = list(item.questions.filter(kind=Question.Kind.FREE_TEXT))
    return render(
        request,
        "voice/survey_detail.html",
        _context(
            request,
            council,
            survey=item,
            waves=waves,
            trends=trends,
            free_text=[
                (question, selectors.free_text_counts(request.user, council, question))
                for question in free_text
            ],
            chart_spec=_survey_chart(council, item, trends),
            uploads=selectors.uploads(request.user, council, item),
            current=set(selectors.current_uploads(item).values()),
        ),
    )


@login_required
def question_detail(request, council_code: str, survey: int, question: int):
    council = council_for_user(request.user, council_code)
    item = selectors.survey_for(request.user, council, survey)
    asked = selectors.question_for(request.user, council, item, question)
    context = _context(request, council, survey=item, question=asked)
    if asked.kind == Question.Kind.FREE_TEXT:
        return _free_text(request, council, item, asked, context)
    found = selectors.question_trend(request.user, council, asked)
    rows = charts.question_rows(found, council.name, item.comparator or "Comparator")
    context["trend"] = found
    context["chart_spec"] = (
        charts.trend_chart(
            rows,
            [wave.label for wave in item.waves.all()],
            f"Chart of {council.name}'s answers to “{asked.text}” by wave"
            + (f", beside {item.comparator}" if item.comparator else "")
            + ". The same figures are in the table below.",
            "Whose",
        )
        if rows
        else None
    )
    return render(request, "voice/question_detail.html", context)


def _free_text(request, council, survey, question, context):
    """A free-text question: counts and theme counts for everyone; the answers, and tagging
    many at once, inside the council only."""
    from trajectory.voice.models import Answer

    context["counts"] = selectors.free_text_counts(request.user, council, question)
    context["theme_counts"] = selectors.question_theme_counts(request.user, council, question)
    context["free_text_refusal"] = selectors.FREE_TEXT_REFUSAL
    if request.method == "POST":
        require(request.user, services.CAPABILITY, council)
    if context["inside"]:
        answers = selectors.free_text_answers(request.user, council, question, request=request)
        context["answers"] = answers
        if context["can_record"]:
            form = forms.TagManyForm(
                request.POST or None,
                themes=selectors.themes(request.user, council),
                answers=Answer.objects.filter(pk__in=[answer.pk for answer in answers]),
            )
            if request.method == "POST" and form.is_valid():
                theme = form.cleaned_data["theme"]
                chosen = list(
                    form.cleaned_data["answers"].select_related(
                        "question", "response__wave__survey"
                    )
                )
                try:
                    added = services.answers_tag_many(
                        council=council,
                        user=request.user,
                        tagging=[(answer, [theme]) for answer in chosen],
                        request=request,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        f"{theme.name} added to {added} answer{'s' if added != 1 else ''}.",
                    )
                    return redirect("voice_question", council.code, survey.pk, question.pk)
            context["form"] = form
            context["chosen"] = {str(pk) for pk in request.POST.getlist("answers")}
    return render(request, "voice/question_free_text.html", context)


@login_required
def upload(request, council_code: str, survey: int):
    council = council_for_user(request.user, council_code)
    item = selectors.survey_for(request.user, council, survey)
    require(request.user, services.CAPABILITY, council)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        sent = form.cleaned_data["file"]
        outcome = services.upload_check(
            survey=item,
            user=request.user,
            file_name=sent.name,
            content=sent.read(),
            request=request,
        )
        if outcome.pending is not None:
            return redirect("voice_upload_preview", council.code, item.pk, outcome.pending.pk)
        problems = outcome.problems
        form.add_error(
            "file",
            f"Nothing was kept: {len(problems):,} problem{'s' if len(problems) != 1 else ''} "
            "in the file, listed below. Correct them and upload the whole file again.",
        )
    layout = parsing.ANSWERS if item.kind == Survey.Kind.OWN else parsing.RESULTS
    return render(
        request,
        "voice/upload.html",
        _context(
            request,
            council,
            survey=item,
            form=form,
            problems=problems[:500],
            more_problems=max(0, len(problems) - 500),
            columns=parsing.COLUMNS[layout],
            layout=layout,
        ),
    )


@login_required
def upload_preview(request, council_code: str, survey: int, pending: int):
    council = council_for_user(request.user, council_code)
    item = selectors.survey_for(request.user, council, survey)
    require(request.user, services.CAPABILITY, council)
    waiting = selectors.pending_for(request.user, council, item, pending)
    problems = []
    if request.method == "POST":
        if request.POST.get("action") == "drop":
            services.upload_drop(pending=waiting, user=request.user)
            messages.success(request, f"{waiting.file_name} was not kept.")
            return redirect("voice_upload", council.code, item.pk)
        outcome = services.upload_keep(pending=waiting, user=request.user, request=request)
        if outcome.upload is not None:
            messages.success(
                request,
                f"{outcome.upload.file_name} kept: {outcome.upload.rows:,} "
                f"row{'s' if outcome.upload.rows != 1 else ''} for {', '.join(outcome.waves)}.",
            )
            return redirect("voice_survey", council.code, item.pk)
        problems = outcome.problems
    return render(
        request,
        "voice/upload_preview.html",
        _context(
            request,
            council,
            survey=item,
            pending=waiting,
            preview=selectors.upload_preview(request.user, council, waiting),
            problems=problems,
        ),
    )


@login_required
def answer_tag(request, council_code: str, survey: int, question: int, answer: int):
    council = council_for_user(request.user, council_code)
    item = selectors.survey_for(request.user, council, survey)
    asked = selectors.question_for(request.user, council, item, question)
    require(request.user, services.CAPABILITY, council)
    found = selectors.answer_for(request.user, council, asked, answer)
    themes = selectors.themes(request.user, council)
    form = forms.TagForm(
        request.POST or None,
        themes=themes,
        initial=forms.TagForm.initial_for(found),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_tag(
                answer=found,
                user=request.user,
                themes=form.cleaned_data["themes"],
                opened_version=form.cleaned_data["opened_version"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Themes saved.")
            return redirect("voice_question", council.code, item.pk, asked.pk)
    return render(
        request,
        "voice/answer_tag.html",
        _context(
            request,
            council,
            survey=item,
            question=asked,
            answer=found,
            form=form,
            changes=selectors.history(request.user, council, found)[:200],
        ),
    )


@login_required
def theme_list(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return render(
        request,
        "voice/theme_list.html",
        _context(request, council, counts=selectors.theme_counts(request.user, council)),
    )


@login_required
def theme_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    form = forms.ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(
                council=council, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{theme.name} added.")
            return redirect("voice_themes", council.code)
    return render(
        request, "voice/theme_form.html", _context(request, council, form=form, theme=None)
    )


@login_required
def theme_edit(request, council_code: str, theme: int):
    council = council_for_user(request.user, council_code)
    item = selectors.theme_for(request.user, council, theme)
    require(request.user, services.CAPABILITY, council)
    form = forms.ThemeEditForm(request.POST or None, initial=forms.ThemeEditForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened = data.pop("opened_version")
        try:
            services.theme_update(
                theme=item, user=request.user, opened_version=opened, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{item.name} saved.")
            return redirect("voice_themes", council.code)
    return render(
        request,
        "voice/theme_form.html",
        _context(
            request,
            council,
            form=form,
            theme=item,
            changes=selectors.history(request.user, council, item)[:200],
        ),
    )


@login_required
def engagement(request, council_code: str):
    council = council_for_user(request.user, council_code)
    items = selectors.events(request.user, council)
    period = forms.EngagementFilterForm(request.GET or None)
    if period.is_bound and period.is_valid():
        if period.cleaned_data["since"]:
            items = items.filter(held_on__gte=period.cleaned_data["since"])
        if period.cleaned_data["until"]:
            items = items.filter(held_on__lte=period.cleaned_data["until"])
    items = list(items)
    return render(
        request,
        "voice/engagement.html",
        _context(
            request,
            council,
            events=items,
            summary=selectors.engagement_summary(items),
            period=period,
            filtered=period.is_bound and period.is_valid() and any(period.cleaned_data.values()),
        ),
    )


@login_required
def event_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    form = forms.EventForm(request.POST or None, themes=selectors.themes(request.user, council))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        try:
            event = services.event_create(
                council=council, user=request.user, themes=themes, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{event.title} on {govuk_date(event.held_on)} recorded.")
            return redirect("voice_engagement", council.code)
    return render(
        request, "voice/event_form.html", _context(request, council, form=form, event=None)
    )


@login_required
def event_edit(request, council_code: str, event: int):
    council = council_for_user(request.user, council_code)
    item = selectors.event_for(request.user, council, event)
    require(request.user, services.CAPABILITY, council)
    form = forms.EventEditForm(
        request.POST or None,
        themes=selectors.themes(request.user, council),
        initial=forms.EventEditForm.initial_for(item),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened = data.pop("opened_version")
        themes = data.pop("themes")
        try:
            services.event_update(
                event=item,
                user=request.user,
                opened_version=opened,
                themes=themes,
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{item.title} saved.")
            return redirect("voice_engagement", council.code)
    return render(
        request,
        "voice/event_form.html",
        _context(
            request,
            council,
            form=form,
            event=item,
            changes=selectors.history(request.user, council, item)[:200],
        ),
    )


@login_required
def settings_edit(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    stored = services.settings_for(council)
    form = forms.SettingsForm(request.POST or None, initial=forms.SettingsForm.initial_for(stored))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened = data.pop("opened_version")
        try:
            services.settings_update(
                council=council, user=request.user, opened_version=opened, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The small-number rule is saved.")
            return redirect("voice_surveys", council.code)
    return render(
        request,
        "voice/settings_form.html",
        _context(
            request,
            council,
            form=form,
            changes=selectors.history(request.user, council, stored)[:200],
        ),
    )
