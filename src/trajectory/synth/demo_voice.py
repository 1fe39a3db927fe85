"""Westshire's voice of children, staff and partners for the demo (issue 11.7), on the
journey's dates (synth/journey.py).

Made-up figures in the spirit of the Commissioner's final report on West Sussex: its Bright
Spots survey of February 2021 (24 months after the inadequate judgement; Westshire's is
November 2025) found 81% of children saying life was getting better, 96% settled where they
live, 95% of 11 to 18 year olds trusting their social worker and 93% liking school against 78%
elsewhere. Westshire's three waves (before the plan, a year on, and then) climb to about those
figures; the 4 to 7 year olds' question is answered by so few that board members see it as "c".
The staff engagement exercise is West Sussex's of July to September 2020 ("15 face-to-face
events and two virtual sessions ... over 450 staff"), 17 months after the judgement; the
round tables follow as the Cabinet Member's did. Every answer and quotation is generic and
invented: no real child or worker.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from trajectory.councils.models import Role
from trajectory.plans import clock
from trajectory.synth import journey
from trajectory.voice import services
from trajectory.voice.models import Answer, EngagementEvent, Question, Survey, Theme

SEED = 11

BRIGHT_SPOTS_WAVES = (  # label, fieldwork closed, all respondents, 11 to 18s, 4 to 7s
    ("March 2024", dt.date(2024, 3, 22), 176, 104, 8),
    ("February 2025", dt.date(2025, 2, 28), 198, 117, 9),
    ("November 2025", dt.date(2025, 11, 28), 221, 131, 12),
)
# code, question, who answers ("all", "older", "younger"), Westshire by wave, comparator by wave
BRIGHT_SPOTS_QUESTIONS = (
    ("life_better", "My life is getting better", "all", (67, 74, 81), (73, 73, 74)),
    ("settled", "I feel settled where I live", "all", (88, 92, 96), (89, 89, 90)),
    ("happy_yesterday", "I felt happy yesterday", "all", (70, 75, 80), (77, 77, 78)),
    (
        "trust_social_worker",
        "I trust my social worker (11 to 18)",
        "older",
        (81, 88, 95),
        (85, 86, 86),
    ),
    ("like_school", "I like school (11 to 18)", "older", (79, 86, 93), (78, 78, 78)),
    (
        "know_why_in_care",
        "I know why I am in care (4 to 7)",
        "younger",
        (62.5, 66.7, 91.7),
        (65, 66, 66),
    ),
)

STAFF_WAVES = (
    ("Spring 2024", dt.date(2024, 4, 30), 312),
    ("Spring 2025", dt.date(2025, 4, 30), 344),
    ("Spring 2026", dt.date(2026, 4, 30), 367),
)
STAFF_QUESTIONS = (
    ("manager_support", "I feel supported by my manager", (58, 69, 78), (71, 72, 72)),
    (
        "regular_supervision",
        "I receive regular, good quality supervision",
        (52, 71, 86),
        (74, 74, 75),
    ),
    (
        "understand_plan",
        "I understand the improvement plan and my part in it",
        (41, 66, 82),
        (None, None, None),
    ),
    ("caseload_manageable", "My caseload is manageable", (38, 47, 58), (55, 55, 56)),
    ("recommend", "I would recommend working here to a friend", (45, 55, 63), (61, 61, 62)),
)

OWN_WAVES = (  # the council's own survey of children in care and care leavers
    ("Autumn 2024", dt.date(2024, 10, 31), 38, (0.68, 0.58)),
    ("Autumn 2025", dt.date(2025, 10, 31), 46, (0.85, 0.78)),
)
OWN_QUESTIONS = (
    ("contact_worker", "Do you know how to contact your social worker?", "yes_no"),
    ("views_before_review", "Were you asked your views before your last review?", "yes_no"),
    ("make_better", "What would make things better for you?", "free_text"),
)
THEMES = (
    ("Seeing my social worker", "How often children see their worker, and changes of worker"),
    ("Being listened to", "Views asked for and acted on"),
    ("Family and friends", "Contact with family, friends and brothers and sisters"),
    ("School and learning", "School, college, training and help with work"),
    ("Where I live", "Home, carers, moves and feeling settled"),
    ("Money and independence", "Allowances, budgeting and getting ready to live alone"),
    ("Supervision and support", "Staff: supervision, managers' support"),
    ("Workload", "Staff: caseloads and time with families"),
    ("Leadership and communication", "Staff: hearing from leaders, understanding the plan"),
)
# Generic, invented answers, each with the themes a worker would tag it with.
FREE_TEXT = (
    ("Seeing my social worker more and not having it changed again", ("Seeing my social worker",)),
    ("Having the same social worker for longer", ("Seeing my social worker",)),
    ("More time to see my brother and sister", ("Family and friends",)),
    ("Being asked what I think before things are decided", ("Being listened to",)),
    ("People listening when I say I am not happy", ("Being listened to",)),
    ("Help with college and getting a job", ("School and learning", "Money and independence")),
    ("Help learning to cook and manage money", ("Money and independence",)),
    ("Staying where I am now, I like it here", ("Where I live",)),
    ("Knowing who to call at the weekend", ("Seeing my social worker",)),
    ("More activities in the holidays", ()),
    ("My carers listen to me and help me say things", ("Being listened to", "Where I live")),
    ("Seeing my friends from my old school", ("Family and friends", "School and learning")),
    ("Nothing, things are good at the moment", ()),
    ("Being told about my review before it happens", ("Being listened to",)),
)


def _held(rows) -> list:
    """The rows of waves closed by the plan's today (column 2 is the closing date)."""
    today = clock.today().isoformat()
    return [row for row in rows if row[1] <= today]


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _bright_spots(council, user) -> None:
    survey = services.survey_create(
        council=council,
        user=user,
        title="Bright Spots: Your Life, Your Care",
        audience="children",
        kind="aggregated",
        run_by="Coram Voice and the Rees Centre (made-up demo figures)",
        asked_of="Children in care aged 4 to 18",
        comparator="Children in care in other councils",
    )
    rows = []
    for index, (label, closed, everyone, older, younger) in enumerate(BRIGHT_SPOTS_WAVES):
        answered = {"all": everyone, "older": older, "younger": younger}
        for code, text, who, ours, theirs in BRIGHT_SPOTS_QUESTIONS:
            rows.append(
                [label, closed.isoformat(), code, text, ours[index], theirs[index], answered[who]]
            )
    header = (
        "wave",
        "wave_date",
        "question_code",
        "question",
        "council_percent",
        "comparator_percent",
        "respondents",
    )
    # Two uploads, as a council gets its report wave by wave: each is kept as it came.
    rows = _held(rows)
    earlier = [row for row in rows if row[0] != "November 2025"]
    latest = [row for row in rows if row[0] == "November 2025"]
    for name, part in (
        ("bright-spots-2024-2025.csv", earlier),
        ("bright-spots-november-2025.csv", latest),
    ):
        _upload(survey, user, name, header, part)


def _upload(survey, user, name: str, header, rows) -> None:
    if not rows:
        return
    outcome = services.results_upload(
        survey=survey, user=user, file_name=name, content=_csv(header, rows)
    )
    if outcome.upload is None:
        raise ValueError(f"The demo's {name} was refused: {outcome.problems[:3]}")


def _staff_survey(council, user) -> None:
    survey = services.survey_create(
        council=council,
        user=user,
        title="Staff survey: children's social care",
        audience="staff",
        kind="aggregated",
        run_by="Westshire's organisational development team",
        asked_of="Social workers, managers and support staff in children's services",
        comparator="Other councils' children's social care staff",
    )
    rows = []
    for index, (label, closed, answered) in enumerate(STAFF_WAVES):
        for code, text, ours, theirs in STAFF_QUESTIONS:
            theirs_now = "" if theirs[index] is None else theirs[index]
            rows.append([label, closed.isoformat(), code, text, ours[index], theirs_now, answered])
    header = (
        "wave",
        "wave_date",
        "question_code",
        "question",
        "council_percent",
        "comparator_percent",
        "respondents",
    )
    _upload(survey, user, "staff-survey.csv", header, _held(rows))


def _own_survey(council, user, themes, chooser: random.Random) -> None:
    survey = services.survey_create(
        council=council,
        user=user,
        title="Westshire Voices: children in care and care leavers",
        audience="children",
        kind="own",
        run_by="Westshire's participation team and the Children in Care Council",
        asked_of="Children in care aged 8 and over and care leavers",
    )
    rows = []
    for label, closed, count, (contact, views) in OWN_WAVES:
        # Exactly the share saying yes (26 of 38 is 68.4%), the yeses spread at random.
        yes = {
            code: set(chooser.sample(range(1, count + 1), round(share * count)))
            for code, share in (("contact_worker", contact), ("views_before_review", views))
        }
        for number in range(1, count + 1):
            respondent = f"{label[-4:]}-{number:03d}"
            for code, text, kind in OWN_QUESTIONS:
                if kind == "yes_no":
                    answer = "yes" if number in yes[code] else "no"
                elif chooser.random() < 0.6:
                    answer = FREE_TEXT[chooser.randrange(len(FREE_TEXT))][0]
                else:
                    answer = ""
                rows.append([label, closed.isoformat(), respondent, code, text, kind, answer])
    header = ("wave", "wave_date", "respondent", "question_code", "question", "kind", "answer")
    _upload(survey, user, "westshire-voices.csv", header, _held(rows))
    tags = dict(FREE_TEXT)
    answers = Answer.objects.filter(
        question__survey=survey, question__kind=Question.Kind.FREE_TEXT
    ).select_related("question", "response__wave__survey")
    tagging = [
        (answer, [themes[name] for name in tags[answer.text]])
        for answer in answers.prefetch_related("themes")
        if tags.get(answer.text)
    ]
    services.answers_tag_many(council=council, user=user, tagging=tagging)


def _events(council, user, themes, chooser: random.Random) -> None:
    today = clock.today()

    made = []

    def add(kind, format_, day, title, attendance, notes="", tagged=(), led_by=""):
        if day > today:
            return
        made.append(
            dict(
                kind=kind,
                format=format_,
                held_on=day,
                title=title,
                led_by=led_by,
                attendance=attendance,
                notes=notes,
                themes=[themes[name] for name in tagged],
            )
        )

    # The engagement exercise: 15 face to face and 2 virtual, 455 staff, April to June 2025.
    places = ("Northgate", "Eastbridge", "Southmere", "Westfield", "Kingsford")
    face_to_face = [31, 28, 25, 33, 27, 30, 24, 29, 26, 32, 27, 25, 30, 28, 26]
    start = dt.date(2025, 4, 7)
    for index, attendance in enumerate(face_to_face):
        add(
            EngagementEvent.Kind.EVENT,
            EngagementEvent.Format.FACE_TO_FACE,
            start + dt.timedelta(days=5 * index),
            f"Improvement journey staff event, {places[index % len(places)]} ({index + 1} of 15)",
            attendance,
            "Leaders set out the plan's priorities; staff asked about caseloads, "
            "supervision and the service redesign.",
            ("Leadership and communication", "Workload"),
            "Director of Children's Services",
        )
    for index, attendance in enumerate((20, 14)):
        add(
            EngagementEvent.Kind.EVENT,
            EngagementEvent.Format.VIRTUAL,
            dt.date(2025, 6, 16) + dt.timedelta(days=7 * index),
            f"Improvement journey staff session online ({index + 1} of 2)",
            attendance,
            "For staff who could not attend in person; questions on the redesign timetable.",
            ("Leadership and communication",),
            "Director of Children's Services",
        )
    for day in (dt.date(2025, 7, 21), dt.date(2025, 7, 24)):
        add(
            EngagementEvent.Kind.ROUND_TABLE,
            EngagementEvent.Format.FACE_TO_FACE,
            day,
            "Round table with the Cabinet Member",
            12,
            "Representatives from across the service; professionalism noted, and the task "
            "still ahead recognised.",
            ("Leadership and communication",),
            "Cabinet Member for Children and Young People",
        )
    # The Commissioner's focus groups through the intervention.
    groups = (
        (
            dt.date(2024, 3, 5),
            "Front door and assessment social workers",
            ("Workload", "Supervision and support"),
        ),
        (dt.date(2024, 9, 24), "Team managers", ("Supervision and support",)),
        (
            dt.date(2025, 3, 18),
            "Children in care social workers",
            ("Workload", "Supervision and support"),
        ),
        (dt.date(2025, 10, 14), "Newly qualified social workers", ("Supervision and support",)),
        (
            dt.date(2026, 5, 12),
            "Care leavers' personal advisers",
            ("Leadership and communication",),
        ),
    )
    for day, who, tagged in groups:
        add(
            EngagementEvent.Kind.FOCUS_GROUP,
            EngagementEvent.Format.FACE_TO_FACE,
            day,
            f"Commissioner's focus group: {who}",
            chooser.randint(7, 12),
            "Progress seen in how staff describe their roles and the improvement journey, "
            "with pace and consistency still varying between teams.",
            tagged,
            "The Commissioner",
        )
    # The DCS's monthly drop-ins from the month the board first met.
    day = journey.IMPROVEMENT_BOARD_FIRST.replace(day=20)
    while day <= journey.FINAL_REVIEW:
        add(
            EngagementEvent.Kind.DROP_IN,
            EngagementEvent.Format.VIRTUAL
            if day.month % 3 == 0
            else EngagementEvent.Format.FACE_TO_FACE,
            day,
            f"DCS drop-in, {day:%B %Y}",
            chooser.randint(8, 24),
            led_by="Director of Children's Services",
        )
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=20)
    services.events_record_many(council=council, user=user, events=made)


def voice_demo(council, users) -> bool:
    """The surveys, waves, answers, themes and engagement of the demo's council, up to the
    plan's today. Once only: a council that already has surveys or themes is left as it is
    (returns False)."""
    if (
        Survey.objects.filter(council=council).exists()
        or Theme.objects.filter(council=council).exists()
    ):
        return False
    user = users.get(Role.ANALYST) or users.get(Role.LEADER) or next(iter(users.values()), None)
    chooser = random.Random(SEED)
    themes = {
        name: services.theme_create(council=council, user=user, name=name, description=description)
        for name, description in THEMES
    }
    _bright_spots(council, user)
    _staff_survey(council, user)
    _own_survey(council, user, themes, chooser)
    _events(council, user, themes, chooser)
    return True
