"""Reading case audits, scoped by council (DESIGN.md "Roles").

Programmes' counts, the results and the figures are aggregates: anyone with a role in the
council reads them. Anything naming a child (a programme's sample, an audit, the moderation
queue, the audits behind a figure) needs `view_child_level` and writes a `child.view` audit
entry, as the indicators' child lists do; board members and region or DfE officials never
reach them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.http import Http404

from trajectory.assurance import figures, grades, sampling
from trajectory.assurance.models import (
    Answer,
    Audit,
    AuditTemplate,
    LearningAction,
    ModerationAnswer,
    Programme,
)
from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.history.selectors import history_of, history_of_all
from trajectory.plans import clock, rag
from trajectory.returns.models import ReturnKind
from trajectory.returns.selectors import latest_version, version_tables

NO_TEAM = "No team recorded"

# Sampling -----------------------------------------------------------------------------------


@dataclass
class Sample:
    as_at: date
    picked: list[sampling.Picked]
    notes: list[str]
    ssda903_version: object = None
    cin_version: object = None
    team_file: object = None
    pool: list[sampling.Candidate] = field(default_factory=list)


def returns_for(council) -> dict:
    """The latest SSDA903 and CIN versions, their tables and the worker-to-team file."""
    from trajectory.councils.team_files import latest_team_file

    ssda903 = latest_version(council, ReturnKind.SSDA903)
    cin = latest_version(council, ReturnKind.CIN)
    team_file = latest_team_file(council)
    teams = dict(team_file.assignments.values_list("worker_id", "team__name")) if team_file else {}
    return {
        "ssda903": ssda903,
        "cin": cin,
        "team_file": team_file,
        "tables": version_tables(ssda903) if ssda903 else {},
        "cin_tables": version_tables(cin) if cin else None,
        "teams": {str(k).strip().upper(): v for k, v in teams.items()},
    }


def sampling_date(month: date, ssda903) -> date:
    """A programme samples the children open on its month's first day, or at the return's
    latest date when the return ends before that."""
    data_to = getattr(ssda903, "data_to", None)
    return min(month, data_to) if data_to else month


def sample_for(
    council, *, rules, seed: int, as_at: date | None = None, month=None, held=None
) -> Sample:
    held = held or returns_for(council)
    as_at = as_at or sampling_date(month or clock.today().replace(day=1), held["ssda903"])
    notes = []
    if held["ssda903"] is None:
        notes.append("No SSDA903 return is held, so no looked-after child could be drawn.")
    pool = sampling.candidates(held["tables"], held["cin_tables"], held["teams"], as_at)
    notes += sampling.shortfalls(pool, rules, has_cin=held["cin"] is not None)
    return Sample(
        as_at=as_at,
        picked=sampling.draw(pool, rules, seed),
        notes=notes,
        ssda903_version=held["ssda903"],
        cin_version=held["cin"],
        team_file=held["team_file"],
        pool=pool,
    )


# Aggregates ---------------------------------------------------------------------------------


def templates_for(user, council):
    require(user, "view_council", council)
    return AuditTemplate.objects.filter(Q(council=council) | Q(council=None))


def template_for(user, council, template_id) -> AuditTemplate:
    try:
        return templates_for(user, council).get(pk=template_id)
    except (AuditTemplate.DoesNotExist, ValueError, TypeError):
        raise Http404("No such audit template.") from None


def programme_rows(user, council) -> list[dict]:
    """Each month's programme with how many audits it sampled, were done and moderated."""
    require(user, "view_council", council)
    rows = (
        Programme.objects.filter(council=council)
        .select_related("template")
        .annotate(
            sampled=Count("audits"),
            done=Count(
                "audits",
                filter=Q(audits__status__in=[Audit.Status.SUBMITTED, Audit.Status.MODERATED]),
            ),
            moderated=Count("audits", filter=Q(audits__status=Audit.Status.MODERATED)),
            allocated=Count("audits", filter=Q(audits__auditor__isnull=False)),
        )
    )
    return [
        {
            "programme": row,
            "sampled": row.sampled,
            "done": row.done,
            "moderated": row.moderated,
            "allocated": row.allocated,
            "completed_pct": figures.percentage(row.done, row.sampled),
        }
        for row in rows
    ]


def programme_for(user, council, programme_id) -> Programme:
    require(user, "view_council", council)
    try:
        return Programme.objects.select_related("template").get(council=council, pk=programme_id)
    except (Programme.DoesNotExist, ValueError, TypeError):
        raise Http404("No such programme.") from None


def auditors_for(user, council):
    """The people an audit can be allocated to: those holding `run_audits` in the council."""
    from django.contrib.auth import get_user_model

    from trajectory.councils.permissions import CAPABILITIES

    require(user, "view_council", council)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__council=council,
            memberships__role__in=CAPABILITIES["run_audits"],
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def allocation_by_auditor(user, council, programme: Programme, *, today: date | None = None):
    """Per auditor, the programme's audits allocated, done (submitted or moderated) and overdue
    (not done, past the due date), and a last row for those not yet allocated. Names no child."""
    require(user, "view_council", council)
    today = today or clock.today()
    rows: dict = {}
    for audit in programme.audits.select_related("auditor"):
        key = audit.auditor_id
        row = rows.setdefault(
            key,
            {
                "auditor": _name(audit.auditor) if audit.auditor else "",
                "allocated": 0,
                "done": 0,
                "overdue": 0,
            },
        )
        row["allocated"] += 1
        row["done"] += audit.is_done
        row["overdue"] += bool(not audit.is_done and audit.due_on and audit.due_on < today)
    found = sorted((r for k, r in rows.items() if k is not None), key=lambda r: r["auditor"])
    for row in found:
        row["completed_pct"] = figures.percentage(row["done"], row["allocated"])
    unallocated = rows.get(None)
    return {"auditors": found, "unallocated": unallocated["allocated"] if unallocated else 0}


def audit_rows(council) -> list[dict]:
    """Every audit of the council as the figure functions read them (no child named)."""
    rows = []
    for audit in Audit.objects.filter(council=council).select_related("programme", "moderation"):
        moderation = getattr(audit, "moderation", None)
        moderated = audit.status == Audit.Status.MODERATED and moderation is not None
        rows.append(
            {
                "month": audit.programme.month,
                "team": audit.team,
                "done": audit.is_done,
                "moderated": moderated,
                "overall_grade": audit.overall_grade,
                "moderator_grade": moderation.overall_grade if moderated else "",
                "final_grade": audit.final_grade,
            }
        )
    return rows


def monthly_figures(council) -> list[dict]:
    """The three audit figures month by month, for the indicator run to store: one dict per
    indicator and month, `{"indicator", "as_at", "numerator", "denominator", "value"}`."""
    rows = audit_rows(council)
    found = []
    for indicator_id, compute in figures.FIGURES.items():
        for as_at, numerator, denominator, value in compute(rows):
            found.append(
                {
                    "indicator": indicator_id,
                    "as_at": as_at,
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": value,
                }
            )
    return found


def _distribution_rows(groups: dict) -> list[dict]:
    rows = []
    for key, given in groups.items():
        counts = figures.distribution(given)
        good, total, pct = figures.good_or_better(counts)
        rows.append({"key": key, "counts": counts, "total": total, "good_pct": pct})
    return rows


def results(user, council) -> dict:
    """Grade distributions by month, team, theme and question; agreement and completion."""
    require(user, "view_council", council)
    rows = audit_rows(council)
    done = [row for row in rows if row["done"]]
    by_month: dict = defaultdict(list)
    by_team: dict = defaultdict(list)
    for row in done:
        by_month[row["month"]].append(row["final_grade"])
        by_team[row["team"] or NO_TEAM].append(row["final_grade"])
    answers = (
        Answer.objects.filter(audit__council=council)
        .filter(audit__status__in=[Audit.Status.SUBMITTED, Audit.Status.MODERATED])
        .select_related("question__theme")
    )
    by_question: dict = {}
    by_theme: dict = defaultdict(list)
    for answer in answers:
        question = answer.question
        key = (question.theme.number, question.number, question.text, question.scale)
        by_question.setdefault(key, []).append(answer.grade)
        if question.scale == grades.Scale.OFSTED:
            by_theme[(question.theme.number, question.theme.name)].append(answer.grade)
    questions = []
    for (theme_no, number, text, scale), given in sorted(by_question.items()):
        counts = figures.answer_distribution(given, scale)
        questions.append(
            {
                "reference": f"{theme_no}.{number}",
                "text": text,
                "scale": scale,
                "counts": [(grades.label(k), v) for k, v in counts.items()],
                "total": sum(counts.values()),
            }
        )
    series = {key: compute(rows) for key, compute in figures.FIGURES.items()}
    return {
        "by_month": sorted(_distribution_rows(by_month), key=lambda r: r["key"]),
        "by_team": sorted(_distribution_rows(by_team), key=lambda r: r["key"]),
        "by_theme": [
            {**row, "key": row["key"][1]}
            for row in sorted(_distribution_rows(by_theme), key=lambda r: r["key"])
        ],
        "by_question": questions,
        "series": series,
        "grade_labels": [label for _, label in grades.OFSTED_CHOICES],
        "grade_keys": [key for key, _ in grades.OFSTED_CHOICES],
        "overall": _distribution_rows({"all": [row["final_grade"] for row in done]})[0],
    }


# Child level --------------------------------------------------------------------------------


def _child_view(user, council, request, **detail) -> None:
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"page": "assurance", **detail},
    )


def programme_audits(user, council, programme: Programme, *, request=None):
    """The children a programme sampled, their workers and teams: child level, audited."""
    require(user, "view_child_level", council)
    audits = list(
        programme.audits.select_related("auditor", "moderation").order_by("team", "child_id")
    )
    _child_view(user, council, request, programme=programme.pk, rows=len(audits))
    return audits


def audit_for(user, council, audit_id, *, request=None) -> Audit:
    """One audit, naming its child: child level, audited."""
    require(user, "view_child_level", council)
    try:
        audit = Audit.objects.select_related("programme__template", "auditor").get(
            council=council, pk=audit_id
        )
    except (Audit.DoesNotExist, ValueError, TypeError):
        raise Http404("No such audit.") from None
    _child_view(user, council, request, audit=audit.pk, child=audit.child_id)
    return audit


def allocated_to(user, council, *, request=None) -> list[Audit]:
    """The audits allocated to the user and not yet submitted, soonest due first: child level,
    audited."""
    require(user, "view_child_level", council)
    audits = list(
        Audit.objects.filter(
            council=council,
            auditor=user,
            status__in=[Audit.Status.NOT_STARTED, Audit.Status.IN_PROGRESS],
        )
        .select_related("programme", "auditor")
        .order_by("due_on", "programme__month", "child_id")
    )
    _child_view(user, council, request, queue="allocated to me", rows=len(audits))
    return audits


def audit_answers(audit: Audit) -> dict[int, Answer]:
    return {answer.question_id: answer for answer in audit.answers.all()}


def moderation_comparison(audit: Audit) -> list[dict]:
    """Question by question: the auditor's and the moderator's grades and whether they agree."""
    moderation = getattr(audit, "moderation", None)
    theirs = (
        {a.question_id: a for a in ModerationAnswer.objects.filter(moderation=moderation)}
        if moderation
        else {}
    )
    mine = audit_answers(audit)
    rows = []
    for question in audit.programme.template.questions():
        first = mine.get(question.pk)
        second = theirs.get(question.pk)
        rows.append(
            {
                "question": question,
                "auditor": grades.label(first.grade if first else ""),
                "moderator": grades.label(second.grade if second else "") if second else "",
                "agrees": bool(second)
                and grades.agrees(first.grade if first else "", second.grade),
                "comment": second.comment if second else "",
            }
        )
    return rows


def moderation_queue(user, council, *, request=None) -> list[Audit]:
    """Submitted audits waiting for a second auditor, oldest first: child level, audited."""
    require(user, "view_child_level", council)
    audits = list(
        Audit.objects.filter(council=council, status=Audit.Status.SUBMITTED)
        .select_related("programme", "auditor")
        .order_by("submitted_at", "id")
    )
    _child_view(user, council, request, queue="moderation", rows=len(audits))
    return audits


def audits_behind(
    user,
    council,
    *,
    month: date | None = None,
    team: str | None = None,
    grade: str | None = None,
    request=None,
) -> list[Audit]:
    """The done audits behind a results figure (a month, a team, a final grade): child level,
    audited."""
    require(user, "view_child_level", council)
    found = Audit.objects.filter(
        council=council, status__in=[Audit.Status.SUBMITTED, Audit.Status.MODERATED]
    ).select_related("programme", "auditor", "moderation")
    if month is not None:
        found = found.filter(programme__month=month)
    if team is not None:
        found = found.filter(team=team)
    audits = [a for a in found.order_by("programme__month", "team", "child_id")]
    if grade:
        audits = [a for a in audits if a.final_grade == grade]
    detail = {"rows": len(audits)}
    if month:
        detail["month"] = month.isoformat()
    if team is not None:
        detail["team"] = team
    if grade:
        detail["grade"] = grade
    _child_view(user, council, request, **detail)
    return audits


# Learning actions ---------------------------------------------------------------------------


def learning_action_rag(action: LearningAction, *, today: date) -> rag.Rag:
    """The plan's RAG rules (plans/rag.py) for a learning action, its last save standing for
    the latest update: cancelled, complete, overdue, blocked, then slipping when due within 14
    days and unchanged for a month, otherwise on track."""
    status = action.status
    if status == LearningAction.Status.CANCELLED:
        return rag.CANCELLED
    if status == LearningAction.Status.COMPLETE:
        return rag.COMPLETE
    if action.due_on < today:
        return rag.OVERDUE
    if status == LearningAction.Status.BLOCKED:
        return rag.BLOCKED
    changed = action.changed_at.date() if action.changed_at else None
    fresh = changed is not None and changed >= today - rag.UPDATE_FRESHNESS
    if action.due_on - today <= rag.SLIPPING_WINDOW and not fresh:
        return rag.SLIPPING
    return rag.ON_TRACK


def learning_actions(user, council) -> list[dict]:
    """Every learning action with its RAG rating, most pressing first. Names no child."""
    require(user, "view_council", council)
    today = clock.today()
    rows = [
        {"action": action, "rag": learning_action_rag(action, today=today)}
        for action in LearningAction.objects.filter(council=council).select_related(
            "owner", "audit__programme"
        )
    ]
    rows.sort(key=lambda r: (rag.SEVERITY[r["rag"].key], r["action"].due_on))
    return rows


def learning_action_counts(user, council) -> Counter:
    return Counter(row["rag"].key for row in learning_actions(user, council))


def learning_action_for(user, council, action_id) -> LearningAction:
    require(user, "view_council", council)
    try:
        return LearningAction.objects.select_related("audit__programme", "owner").get(
            council=council, pk=action_id
        )
    except (LearningAction.DoesNotExist, ValueError, TypeError):
        raise Http404("No such learning action.") from None


def audit_history(user, council, audit: Audit):
    subjects = [audit, *audit.learning_actions.all()]
    moderation = getattr(audit, "moderation", None)
    if moderation is not None:
        subjects.append(moderation)
    return history_of_all(user, council, subjects)


def action_history(user, council, action: LearningAction):
    return history_of(user, council, action)


def template_history(user, council, template: AuditTemplate):
    """The changes made in a template version: its themes and questions added, removed and
    moved (on the version), and each theme's and question's wording (on each)."""
    from trajectory.assurance.models import TemplateQuestion, TemplateTheme

    return history_of_all(
        user,
        council,
        [
            template,
            *TemplateTheme.objects.filter(template=template),
            *TemplateQuestion.objects.filter(theme__template=template),
        ],
    )
