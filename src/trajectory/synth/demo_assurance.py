"""Westshire's case audits month by month (issue 11.7), on the journey's dates.

From the month the Improvement Board approved the plan (journey.PLAN_APPROVED_BOARD, February
2024) to the month before the demo's today (at most November 2026), each month's programme
samples children from the latest returns by the default rules with a seed of its own, the
service manager allocates its audits between the two practice leads (the manager and the
analyst, due by the month's end) the day after, and they audit them. The story the Commissioner
told of West Sussex: a QA framework "embedding rather than embedded". Good or better rises from
about a third of audits to about three quarters; moderation (about two in five audits, by a
leader, never the auditor) agrees more often as auditors calibrate, from about three in five to
nine in ten; every month is completed except the latest, still in hand, whose submitted audits
wait in the moderation queue. Learning actions follow from audits graded below good in the last
months: most done, some open, one overdue.

Written straight to the tables in bulk (no history or audit-log rows: nobody made these
changes), so the demo stays fast. Nothing is random but the seeded stream: the same every time.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from trajectory.assurance import grades, sampling, selectors, services
from trajectory.assurance.models import (
    Answer,
    Audit,
    LearningAction,
    Moderation,
    ModerationAnswer,
    Programme,
)
from trajectory.councils.models import Role
from trajectory.plans import clock
from trajectory.synth import journey

SEED = 2026
FIRST_MONTH = date(journey.PLAN_APPROVED_BOARD.year, journey.PLAN_APPROVED_BOARD.month, 1)
LAST_MONTH = date(2026, 11, 1)
RULES = (
    {"rule": "team", "count": 1},
    {"rule": "neglect", "count": 1},
    {"rule": "permanence", "count": 1},
    {"rule": "care_leaver", "count": 1},
    {"rule": "child_protection", "count": 1},
)
OFSTED = [key for key, _ in grades.OFSTED_CHOICES]  # best first


def _months(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _between(start: float, end: float, k: int, steps: int) -> float:
    return start + (end - start) * min(max(k, 0), steps) / max(steps, 1)


def _overall_grades(chooser: random.Random, count: int, good_share: float) -> list[str]:
    """`count` overall grades, round(good_share x count) of them good or better (about one in
    seven of those outstanding), the rest requires improvement or, about one in three,
    inadequate; in a shuffled order. Quotas rather than draws, so the trend reads smoothly."""
    good = round(good_share * count)
    outstanding = round(good / 7)
    inadequate = round((count - good) / 3)
    found = (
        [grades.OUTSTANDING] * outstanding
        + [grades.GOOD] * (good - outstanding)
        + [grades.INADEQUATE] * inadequate
        + [grades.REQUIRES_IMPROVEMENT] * (count - good - inadequate)
    )
    chooser.shuffle(found)
    return found


def _near(chooser: random.Random, grade: str, spread: float) -> str:
    """A grade at or beside the given one."""
    place = OFSTED.index(grade)
    if chooser.random() < spread:
        place = min(max(place + chooser.choice((-1, 1)), 0), len(OFSTED) - 1)
    return OFSTED[place]


def _yes_no(chooser: random.Random, grade: str) -> str:
    good = grades.is_good_or_better(grade)
    roll = chooser.random()
    if roll < (0.8 if good else 0.35):
        return "yes"
    return "partly" if roll < 0.9 else "no"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def assurance_demo(council, users) -> list[Programme]:
    """Record Westshire's programmes, audits, moderations and learning actions. Months already
    recorded are left as they are."""
    today = clock.today()
    previous = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    last = min(LAST_MONTH, previous)
    months = [m for m in _months(FIRST_MONTH, last)]
    if not months:
        return []
    recorded = set(Programme.objects.filter(council=council).values_list("month", flat=True))
    template = services.current_template(council)
    questions = list(template.questions())
    held = selectors.returns_for(council)
    auditors = [users[Role.MANAGER], users[Role.ANALYST]]
    moderator = users[Role.LEADER]
    chooser = random.Random(SEED)
    pools: dict[date, list] = {}
    made = []
    steps = len(months) - 1
    for k, month in enumerate(months):
        if month in recorded:
            continue
        as_at = selectors.sampling_date(month, held["ssda903"])
        if as_at not in pools:
            pools[as_at] = sampling.candidates(
                held["tables"], held["cin_tables"], held["teams"], as_at
            )
        seed = SEED * 100 + k
        picked = sampling.draw(pools[as_at], RULES, seed)
        programme = Programme.objects.create(
            council=council,
            month=month,
            template=template,
            seed=seed,
            rules=[dict(rule) for rule in RULES],
            sampled_at=as_at,
            ssda903_version=held["ssda903"],
            cin_version=held["cin"],
            team_file=held["team_file"],
            notes="\n".join(sampling.shortfalls(pools[as_at], RULES, held["cin"] is not None)),
            created_by=users[Role.MANAGER],
        )
        made.append(programme)
        latest = k == steps
        good_share = _between(0.33, 0.76, k, steps)
        agreement = _between(0.6, 0.9, k, steps)
        audits = []
        done_flags = [not latest or n % 3 != 2 for n in range(len(picked))]  # latest: 2/3 done
        given = iter(_overall_grades(chooser, sum(done_flags), good_share))
        for n, pick in enumerate(picked):
            done = done_flags[n]
            overall = next(given) if done else ""
            audits.append(
                Audit(
                    council=council,
                    programme=programme,
                    child_id=pick.candidate.child,
                    worker=pick.candidate.worker,
                    team=pick.candidate.team,
                    sample_rule=pick.rule,
                    sample_reason=pick.reason[:300],
                    status=Audit.Status.SUBMITTED if done else Audit.Status.NOT_STARTED,
                    auditor=auditors[n % 2],
                    due_on=services.month_end(month),
                    allocated_by=users[Role.MANAGER],
                    allocated_at=_at(month + timedelta(days=1)),
                    overall_grade=overall,
                    narrative="Summary of the case audit written for the child's record."
                    if done
                    else "",
                    submitted_at=_at(month + timedelta(days=10 + n % 12)) if done else None,
                    edit_version=2 if done else 1,
                    changed_by=auditors[n % 2] if done else None,
                    changed_at=_at(month + timedelta(days=10 + n % 12)) if done else None,
                )
            )
        Audit.objects.bulk_create(audits)
        audits = list(Audit.objects.filter(programme=programme).order_by("pk"))
        answers, moderated = [], []
        for n, audit in enumerate(audits):
            if not audit.is_done:
                continue
            for question in questions:
                grade = (
                    _near(chooser, audit.overall_grade, 0.35)
                    if question.scale == grades.Scale.OFSTED
                    else _yes_no(chooser, audit.overall_grade)
                )
                answers.append(Answer(audit=audit, question=question, grade=grade))
            if n % 5 in (0, 3) and not (latest and n % 2):
                moderated.append(audit)
        Answer.objects.bulk_create(answers)
        mine = {(a.audit_id, a.question_id): a.grade for a in answers}
        moderations, second = [], []
        agreeing = set(chooser.sample(range(len(moderated)), round(agreement * len(moderated))))
        for m, audit in enumerate(moderated):
            agrees = m in agreeing
            grade = audit.overall_grade if agrees else _near(chooser, audit.overall_grade, 1.0)
            moderation = Moderation(
                audit=audit,
                moderator=moderator,
                overall_grade=grade,
                final_grade=grade,
                narrative="" if agrees else "Moderation moved the grade: see the questions.",
                completed_at=_at(month + timedelta(days=24)),
                changed_by=moderator,
                changed_at=_at(month + timedelta(days=24)),
            )
            moderations.append(moderation)
        Moderation.objects.bulk_create(moderations)
        for moderation in Moderation.objects.filter(audit__programme=programme):
            for question in questions:
                grade = mine[(moderation.audit_id, question.pk)]
                if moderation.overall_grade != moderation.audit.overall_grade and (
                    question.scale == grades.Scale.OFSTED and chooser.random() < 0.5
                ):
                    grade = _near(chooser, grade, 1.0)
                second.append(
                    ModerationAnswer(moderation=moderation, question=question, grade=grade)
                )
        ModerationAnswer.objects.bulk_create(second)
        Audit.objects.filter(pk__in=[a.pk for a in moderated]).update(
            status=Audit.Status.MODERATED, edit_version=3
        )
        if k >= steps - 4:
            _learning_actions(council, users, audits, month, today, latest=k == steps)
    return made


def _learning_actions(council, users, audits, month, today, *, latest) -> None:
    """One action for each of the month's first three audits graded below good: due six weeks
    on; done when due before today, except the first of the month before the latest, left
    in progress past its date (overdue)."""
    below = [a for a in audits if a.overall_grade and not grades.is_good_or_better(a.overall_grade)]
    actions = []
    for n, audit in enumerate(below[:3]):
        due = month + timedelta(days=42 + 7 * n)
        status = (
            LearningAction.Status.COMPLETE if due < today else LearningAction.Status.IN_PROGRESS
        )
        if n == 0 and not latest and due < today and not _has_overdue(council):
            status = LearningAction.Status.IN_PROGRESS
            due = min(due, today - timedelta(days=3))
        actions.append(
            LearningAction(
                council=council,
                audit=audit,
                title=(
                    "Bring the chronology up to date and record management oversight",
                    "Agree the permanence plan at the next review",
                    "Record the child's own words in the plan",
                )[n],
                owner=users[Role.MANAGER],
                due_on=due,
                status=status,
                completed_on=due - timedelta(days=5) if status == "complete" else None,
                changed_by=users[Role.MANAGER],
                changed_at=timezone.now(),
            )
        )
    LearningAction.objects.bulk_create(actions)


def _has_overdue(council) -> bool:
    return LearningAction.objects.filter(
        council=council, status=LearningAction.Status.IN_PROGRESS, due_on__lt=clock.today()
    ).exists()
