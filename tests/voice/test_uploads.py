"""Uploading results: all or nothing, every problem naming file, row, field and value,
formulas refused, and every upload kept whole (a later one of a wave used in its place)."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from tests.voice.conftest import ANSWER_HEADER, HEADER
from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role
from trajectory.voice import selectors, services
from trajectory.voice.models import QuestionResult, ResultsUpload

GOOD = (
    HEADER
    + "March 2024,2024-03-22,life_better,My life is getting better,67,73,176\n"
    + "March 2024,2024-03-22,settled,I feel settled where I live,88%,89,176\n"
    + "November 2025,28/11/2025,life_better,My life is getting better,81,74,221\n"
    + "November 2025,28/11/2025,settled,I feel settled where I live,96,,221\n"
)


def _upload(survey, user, text, name="results.csv"):
    return services.results_upload(survey=survey, user=user, file_name=name, content=text.encode())


def test_a_good_file_is_kept_with_its_provenance(survey, analyst):
    outcome = _upload(survey, analyst, GOOD)
    assert outcome.problems == []
    upload = outcome.upload
    assert (upload.file_name, upload.rows, upload.size) == ("results.csv", 4, len(GOOD.encode()))
    assert len(upload.sha256) == 64 and bytes(upload.content) == GOOD.encode()
    assert outcome.waves == ["March 2024", "November 2025"] or set(outcome.waves) == {
        "March 2024",
        "November 2025",
    }
    trends = {t.question.code: t for t in selectors.survey_trends(analyst, survey.council, survey)}
    life = trends["life_better"].rows
    assert [(r.wave, r.council_percent, r.comparator_percent, r.change) for r in life] == [
        ("March 2024", D("67.0"), D("73.0"), None),
        ("November 2025", D("81.0"), D("74.0"), D("14.0")),
    ]
    assert trends["settled"].rows[1].comparator_percent is None
    entry = AuditEntry.objects.get(action="voice.results.upload")
    assert entry.detail["rows"] == 4 and entry.detail["sha256"] == upload.sha256


def test_every_problem_is_named_and_nothing_is_kept(survey, analyst):
    bad = (
        HEADER
        + "March 2024,2024-03-22,life_better,My life is getting better,67,73,176\n"  # row 2 fine
        + "March 2024,2024-03-22,settled,I feel settled,101,89,176\n"  # row 3: over 100
        + "March 2024,2024-03-23,happy,I felt happy,70,77,abc\n"  # row 4: date, respondents
        + "March 2024,2024-03-22,life_better,My life is getting better,68,73,176\n"  # 5: repeat
        + 'March 2024,2024-03-22,school,=HYPERLINK("http://x"),70,77,100\n'  # 6: formula
        + ",2024-03-22,x,Blank wave,70,77,100\n"  # 7: blank wave
        + "March 2024,2024-03-22,y,Too precise,70.25,77,100\n"  # 8: two decimals
    )
    outcome = _upload(survey, analyst, bad, name="bad.csv")
    assert outcome.upload is None
    found = {(p.row, p.field, p.value) for p in outcome.problems}
    assert found == {
        (3, "council_percent", "101"),
        (4, "respondents", "abc"),
        (5, "question_code", "life_better"),
        (6, "question", '=HYPERLINK("http://x")'),
        (7, "wave", ""),
        (8, "council_percent", "70.25"),
    }
    assert all(p.file == "bad.csv" for p in outcome.problems)
    assert "row 3" in str(outcome.problems[0]) and "bad.csv" in str(outcome.problems[0])
    assert ResultsUpload.objects.count() == 0 and QuestionResult.objects.count() == 0
    assert survey.waves.count() == 0 and survey.questions.count() == 0


def test_a_wave_given_two_dates_in_one_file(survey, analyst):
    text = (
        HEADER + "March 2024,2024-03-22,a,A,67,73,176\n" + "March 2024,2024-03-23,b,B,67,73,176\n"
    )
    [problem] = _upload(survey, analyst, text).problems
    assert (problem.row, problem.field, problem.value) == (3, "wave_date", "2024-03-23")


def test_missing_columns_and_wrong_files(survey, analyst):
    [problem] = _upload(survey, analyst, "wave,question\nx,y\n").problems
    assert problem.row == 1 and "Missing columns: wave_date" in problem.message
    [problem] = _upload(survey, analyst, "x", name="results.pdf").problems
    assert "Upload a .csv or .xlsx file" in problem.message
    [problem] = _upload(survey, analyst, "", name="empty.csv").problems
    assert "empty" in problem.message


def test_a_later_upload_of_a_wave_is_used_and_the_earlier_kept(survey, analyst):
    first = _upload(survey, analyst, GOOD, name="first.csv").upload
    corrected = (
        HEADER + "November 2025,2025-11-28,life_better,My life is getting better,82,74,222\n"
    )
    second = _upload(survey, analyst, corrected, name="second.csv").upload
    assert ResultsUpload.objects.count() == 2
    assert QuestionResult.objects.filter(upload=first).count() == 4  # nothing overwritten
    current = selectors.current_uploads(survey)
    waves = {wave.label: wave.pk for wave in survey.waves.all()}
    assert current == {waves["March 2024"]: first.pk, waves["November 2025"]: second.pk}
    trend = {t.question.code: t for t in selectors.survey_trends(analyst, survey.council, survey)}
    assert [r.council_percent for r in trend["life_better"].rows] == [D("67.0"), D("82.0")]
    # settled was only in the first upload's November rows, which the second replaces
    assert [r.wave for r in trend["settled"].rows] == ["March 2024"]


def test_a_wave_already_recorded_on_another_date_is_refused(survey, analyst):
    _upload(survey, analyst, GOOD)
    [problem] = _upload(
        survey, analyst, HEADER + "March 2024,2024-03-29,life_better,My life,67,73,176\n"
    ).problems
    assert (problem.row, problem.field) == (2, "wave_date")
    assert "recorded as held on 2024-03-22" in problem.message


def test_an_xlsx_with_a_formula_cell_is_refused(survey, analyst):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["March 2024", "2024-03-22", "a", "A question", 67, 73, 176])
    sheet.append(["March 2024", "2024-03-22", "b", "B question", "=60+7", 73, 176])
    out = io.BytesIO()
    book.save(out)
    outcome = services.results_upload(
        survey=survey, user=analyst, file_name="results.xlsx", content=out.getvalue()
    )
    assert [(p.row, p.field, p.value) for p in outcome.problems] == [
        (3, "council_percent", "=60+7")
    ]
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    outcome = services.results_upload(
        survey=survey, user=analyst, file_name="results.xlsx", content=out.getvalue()
    )
    assert outcome.problems == [] and outcome.upload.rows == 1


def test_answers_count_into_yes_shares_and_free_text(own_survey, analyst):
    text = ANSWER_HEADER + "".join(
        f"Autumn 2025,2025-10-31,r{n},contact,Do you know how to contact your worker?,yes_no,"
        f"{'yes' if n <= 17 else 'no'}\n"
        f"Autumn 2025,2025-10-31,r{n},better,What would make things better?,free_text,"
        f"{'More time with my worker' if n % 2 else ''}\n"
        for n in range(1, 22)
    )
    outcome = services.results_upload(
        survey=own_survey, user=analyst, file_name="answers.csv", content=text.encode()
    )
    assert outcome.problems == []
    [trend] = selectors.survey_trends(analyst, own_survey.council, own_survey)
    assert trend.rows[0].council_percent == D("81.0") and trend.rows[0].respondents == 21
    free = own_survey.questions.get(code="better")
    [(wave, answers, hidden)] = selectors.free_text_counts(analyst, own_survey.council, free)
    assert (answers, hidden) == (11, False)


def test_a_yes_no_answer_must_be_yes_or_no(own_survey, analyst):
    text = ANSWER_HEADER + "A,2025-10-31,r1,contact,Contact?,yes_no,maybe\n"
    [problem] = services.results_upload(
        survey=own_survey, user=analyst, file_name="a.csv", content=text.encode()
    ).problems
    assert (problem.row, problem.field, problem.value) == (2, "answer", "maybe")


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.REGION, Role.COMMISSIONER, Role.ADMIN])
def test_only_those_recording_voice_upload(survey, people, role):
    with pytest.raises(PermissionDenied):
        _upload(survey, people[role], GOOD)
    assert ResultsUpload.objects.count() == 0


def test_an_xlsx_percentage_cell_is_read_as_excel_shows_it(survey, analyst):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["March 2024", "2024-03-22", "a", "A question", 0.815, 0.73, 176])
    sheet["E2"].number_format = "0.0%"
    sheet["F2"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    outcome = services.results_upload(
        survey=survey, user=analyst, file_name="results.xlsx", content=out.getvalue()
    )
    assert outcome.problems == []
    result = QuestionResult.objects.get()
    assert (result.council_percent, result.comparator_percent) == (D("81.5"), D("73.0"))
