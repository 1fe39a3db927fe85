"""The voice pages by role: everyone in the council reads the aggregates (board members and
region officials with small numbers as c, and no children's words); analysts, managers and
leaders write, everyone else gets 403 on the forms, by page and by crafted POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.voice.conftest import ANSWER_HEADER, HEADER
from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role
from trajectory.voice import services
from trajectory.voice.models import Answer, EngagementEvent, Survey, Theme

WRITERS = [Role.ANALYST, Role.MANAGER, Role.LEADER]
READERS = [Role.COMMISSIONER, Role.BOARD_MEMBER, Role.REGION, Role.ADMIN]
OUTSIDE = [Role.BOARD_MEMBER, Role.REGION]

RESULTS = (
    HEADER
    + "March 2024,2024-03-22,life_better,My life is getting better,67,73,176\n"
    + "March 2024,2024-03-22,know_why,I know why I am in care,62.5,65,8\n"
    + "November 2025,2025-11-28,life_better,My life is getting better,81,74,221\n"
    + "November 2025,2025-11-28,know_why,I know why I am in care,91.7,66,12\n"
)


@pytest.fixture
def recorded(survey, own_survey, analyst):
    services.results_upload(
        survey=survey, user=analyst, file_name="r.csv", content=RESULTS.encode()
    )
    text = ANSWER_HEADER + "".join(
        f"Autumn 2025,2025-10-31,r{n},better,What would make things better?,free_text,"
        f"Seeing my worker more {n}\n"
        for n in range(1, 7)
    )
    services.results_upload(
        survey=own_survey, user=analyst, file_name="a.csv", content=text.encode()
    )
    theme = services.theme_create(council=survey.council, user=analyst, name="Seeing my worker")
    event = services.event_create(
        council=survey.council,
        user=analyst,
        kind="event",
        format="face_to_face",
        held_on=__import__("datetime").date(2025, 4, 7),
        title="Staff event",
        attendance=31,
        themes=[theme],
    )
    return {"theme": theme, "event": event, "answer": Answer.objects.first()}


def _urls(council, survey, own_survey, recorded):
    code = council.code
    question = survey.questions.get(code="life_better")
    free = own_survey.questions.get()
    reads = [
        reverse("voice_surveys", args=[code]),
        reverse("voice_survey", args=[code, survey.pk]),
        reverse("voice_survey", args=[code, own_survey.pk]),
        reverse("voice_question", args=[code, survey.pk, question.pk]),
        reverse("voice_question", args=[code, own_survey.pk, free.pk]),
        reverse("voice_themes", args=[code]),
        reverse("voice_engagement", args=[code]),
    ]
    writes = [
        reverse("voice_survey_add", args=[code]),
        reverse("voice_survey_edit", args=[code, survey.pk]),
        reverse("voice_upload", args=[code, survey.pk]),
        reverse("voice_theme_add", args=[code]),
        reverse("voice_theme_edit", args=[code, recorded["theme"].pk]),
        reverse("voice_event_add", args=[code]),
        reverse("voice_event_edit", args=[code, recorded["event"].pk]),
        reverse("voice_settings", args=[code]),
        reverse("voice_answer_tag", args=[code, own_survey.pk, free.pk, recorded["answer"].pk]),
    ]
    return reads, writes


@pytest.mark.parametrize("role", WRITERS + READERS)
def test_every_role_reads_and_only_writers_write(
    client, council, people, survey, own_survey, recorded, role
):
    reads, writes = _urls(council, survey, own_survey, recorded)
    client.force_login(people[role])
    for url in reads:
        assert client.get(url).status_code == 200, url
    for url in writes:
        expected = 200 if role in WRITERS else 403
        assert client.get(url).status_code == expected, url
        if role not in WRITERS:
            assert client.post(url, {"title": "x", "name": "x"}).status_code == 403, url
    assert Survey.objects.count() == 2 and Theme.objects.count() == 1


def test_an_outsider_sees_c_and_no_childrens_words(
    client, council, people, survey, own_survey, recorded
):
    question = survey.questions.get(code="know_why")
    free = own_survey.questions.get()
    inside, outside = people[Role.ANALYST], people[Role.BOARD_MEMBER]

    client.force_login(inside)
    page = client.get(reverse("voice_question", args=[council.code, survey.pk, question.pk]))
    assert "62.5%" in page.text and "91.7%" in page.text
    page = client.get(reverse("voice_question", args=[council.code, own_survey.pk, free.pk]))
    assert "Seeing my worker more 3" in page.text
    assert AuditEntry.objects.filter(action="voice.free_text.view", user=inside).count() == 1

    client.force_login(outside)
    page = client.get(reverse("voice_question", args=[council.code, survey.pk, question.pk]))
    # 8 answered (fewer than 10); 91.7% of 12 is 11 and 1: both withheld
    assert "62.5%" not in page.text and "91.7%" not in page.text
    assert page.text.count(">c</abbr>") == 2 and 'id="suppression-note"' in page.text
    page = client.get(reverse("voice_question", args=[council.code, own_survey.pk, free.pk]))
    assert "Seeing my worker more" not in page.text
    assert "shown only to the council" in page.text
    assert not AuditEntry.objects.filter(action="voice.free_text.view", user=outside).exists()
    listing = client.get(reverse("voice_surveys", args=[council.code]))
    assert "81%" in listing.text and "91.7%" not in listing.text


def test_the_upload_page_lists_every_problem(client, council, people, survey):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people[Role.ANALYST])
    url = reverse("voice_upload", args=[council.code, survey.pk])
    bad = HEADER + "March 2024,2024-03-22,a,A,67,73,0\n"
    page = client.post(url, {"file": SimpleUploadedFile("bad.csv", bad.encode())})
    assert page.status_code == 200
    assert "Nothing was kept: 1 problem" in page.text
    assert 'id="upload-problems"' in page.text and "must be a whole number of people" in page.text
    good = HEADER + "March 2024,2024-03-22,a,A,67,73,10\n"
    page = client.post(url, {"file": SimpleUploadedFile("good.csv", good.encode())})
    assert page.status_code == 302 and survey.uploads.count() == 0  # not kept until looked at
    preview = page.url
    page = client.get(preview)
    assert "Check what good.csv will add" in page.text and "A new wave" in page.text
    assert "<code>a</code>: A" in page.text
    # Nobody else sees or keeps someone's waiting upload; outsiders are refused outright
    client.force_login(people[Role.LEADER])
    assert client.get(preview).status_code == 404
    assert client.post(preview, {"action": "keep"}).status_code == 404
    client.force_login(people[Role.BOARD_MEMBER])
    assert client.post(preview, {"action": "keep"}).status_code == 403
    client.force_login(people[Role.ANALYST])
    page = client.post(preview, {"action": "keep"})
    assert page.status_code == 302 and survey.uploads.count() == 1
    assert client.get(preview).status_code == 404  # kept: no longer waiting
    again = HEADER + "March 2024,2024-03-22,a,A reworded,70,73,10\n"
    page = client.post(url, {"file": SimpleUploadedFile("again.csv", again.encode())})
    page = client.get(page.url)
    assert "Used in place of good.csv" in page.text
    assert "“A” is kept; the file says “A reworded”" in page.text
    page = client.post(page.request["PATH_INFO"], {"action": "drop"})
    assert page.status_code == 302 and survey.uploads.count() == 1


def test_tagging_an_answer_keeps_history_and_refuses_a_stale_form(
    client, council, people, own_survey, recorded
):
    free = own_survey.questions.get()
    answer, theme = recorded["answer"], recorded["theme"]
    url = reverse("voice_answer_tag", args=[council.code, own_survey.pk, free.pk, answer.pk])
    client.force_login(people[Role.MANAGER])
    page = client.post(url, {"themes": [theme.pk], "opened_version": answer.edit_version})
    assert page.status_code == 302
    answer.refresh_from_db()
    assert list(answer.themes.all()) == [theme] and answer.edit_version == 2
    page = client.get(url)
    assert "History of this answer" in page.text and "Seeing my worker" in page.text
    stale = client.post(url, {"themes": [], "opened_version": 1})
    assert stale.status_code == 200 and "since you opened it" in stale.text
    assert list(answer.themes.all()) == [theme]
    counts = client.get(reverse("voice_themes", args=[council.code]))
    assert 'data-theme="Seeing my worker"' in counts.text


def test_an_outsider_sees_a_small_theme_count_as_c(client, council, people, own_survey, recorded):
    services.answer_tag(
        answer=recorded["answer"], user=people[Role.ANALYST], themes=[recorded["theme"]]
    )
    client.force_login(people[Role.REGION])
    page = client.get(reverse("voice_themes", args=[council.code]))
    assert ">c</abbr>" in page.text  # 1 answer tagged: fewer than 5
    client.force_login(people[Role.LEADER])
    page = client.get(reverse("voice_themes", args=[council.code]))
    assert ">c</abbr>" not in page.text


def test_recording_an_event_by_the_form(client, council, people, recorded):
    client.force_login(people[Role.LEADER])
    url = reverse("voice_event_add", args=[council.code])
    page = client.post(url, {"kind": "drop_in"})
    assert "Enter the title" in page.text and "Choose face to face or virtual" in page.text
    page = client.post(
        url,
        {
            "kind": "drop_in",
            "format": "virtual",
            "held_on-day": "20",
            "held_on-month": "3",
            "held_on-year": "2025",
            "title": "DCS drop-in, March 2025",
            "attendance": "14",
            "themes": [recorded["theme"].pk],
        },
    )
    assert page.status_code == 302
    event = EngagementEvent.objects.get(title="DCS drop-in, March 2025")
    assert event.attendance == 14 and list(event.themes.all()) == [recorded["theme"]]
    edit = reverse("voice_event_edit", args=[council.code, event.pk])
    page = client.get(edit)
    assert "History of this event" in page.text
    log = client.get(reverse("voice_engagement", args=[council.code]))
    assert "DCS drop-in, March 2025" in log.text


def test_the_small_number_rule_is_the_councils(client, council, people, survey, recorded):
    client.force_login(people[Role.LEADER])
    url = reverse("voice_settings", args=[council.code])
    page = client.post(
        url, {"minimum_respondents": "5", "minimum_count": "1", "opened_version": "1"}
    )
    assert page.status_code == 302
    client.force_login(people[Role.BOARD_MEMBER])
    question = survey.questions.get(code="know_why")
    page = client.get(reverse("voice_question", args=[council.code, survey.pk, question.pk]))
    assert "62.5%" in page.text and "91.7%" in page.text  # 8 and 12 answered, 5 or more


def test_the_engagement_log_for_a_period(client, council, people, recorded):
    client.force_login(people[Role.BOARD_MEMBER])
    url = reverse("voice_engagement", args=[council.code])
    page = client.get(url, {"since": "2025-04-01", "until": "2025-06-30"})
    assert "from 1 April 2025 to 30 June 2025" in page.text and "Staff event" in page.text
    page = client.get(url, {"since": "2025-05-01"})
    assert "No events in this period." in page.text
    page = client.get(url, {"since": "2025-05-01", "until": "2025-04-01"})
    assert "The last date must be on or after the first date" in page.text


def test_tagging_many_answers_and_the_theme_counts_by_wave(
    client, council, people, own_survey, recorded
):
    free = own_survey.questions.get()
    url = reverse("voice_question", args=[council.code, own_survey.pk, free.pk])
    answers = list(Answer.objects.order_by("pk"))
    theme = recorded["theme"]
    client.force_login(people[Role.BOARD_MEMBER])
    assert client.post(url, {"theme": theme.pk, "answers": [answers[0].pk]}).status_code == 403
    client.force_login(people[Role.COMMISSIONER])  # reads the words, does not tag them
    assert client.post(url, {"theme": theme.pk, "answers": [answers[0].pk]}).status_code == 403
    client.force_login(people[Role.MANAGER])
    page = client.post(url, {"answers": [answers[0].pk]})
    assert "Choose a theme" in page.text
    page = client.post(url, {"theme": theme.pk})
    assert "Tick the answers to tag" in page.text
    page = client.post(url, {"theme": theme.pk, "answers": [a.pk for a in answers[:5]]})
    assert page.status_code == 302
    assert theme.answers.count() == 5
    page = client.get(url)
    assert 'id="question-themes"' in page.text
    # 5 tagged: shown to a board member (not fewer than 5); then 4 after untagging one
    client.force_login(people[Role.BOARD_MEMBER])
    row = client.get(url).text.split('data-theme="Seeing my worker"')[1].split("</tr>")[0]
    assert ">5<" in row
    services.answer_tag(answer=answers[0], user=people[Role.ANALYST], themes=[])
    row = client.get(url).text.split('data-theme="Seeing my worker"')[1].split("</tr>")[0]
    assert ">c</abbr>" in row and ">4<" not in row
