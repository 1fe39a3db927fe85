"""Board pages: thin views that find the council, check the capability, call one selector or
service and render. Every role in the council reads; the Commissioner and the council's
leaders (`write_board_records`) write. Another council's record is a 404, a form for a reader
a 403 (GET and crafted POST alike)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.governance import catalogue, forms, selectors, services
from trajectory.plans import clock
from trajectory.plans import selectors as plan_selectors
from trajectory.plans.documents import DocumentRefused
from trajectory.web.dates import govuk_date
from trajectory.web.forms import add_service_errors
from trajectory.web.navigation import Link, council_home_url

CAPABILITY = services.CAPABILITY


def _trail(request, council, *pairs) -> list[Link]:
    """Breadcrumbs from the council through the bodies list and the given (label, url) pairs,
    never linking the page itself."""
    links = [
        Link(council.name, council_home_url(council)),
        Link("Boards and meetings", reverse("governance_bodies", args=[council.code])),
    ]
    links += [Link(label, url) for label, url in pairs]
    return [link for link in links if link.url != request.path]


def _context(request, council, **extra) -> dict:
    return {
        "council": council,
        "can_write": has_capability(request.user, CAPABILITY, council),
        "write_refusal": refusal(CAPABILITY),
        "today": clock.today(),
        **extra,
    }


def _body_url(council, body) -> str:
    return reverse("governance_body", args=[council.code, body.pk])


def _meeting_url(council, meeting) -> str:
    return reverse("governance_meeting", args=[council.code, meeting.pk])


def _meeting_pairs(council, meeting) -> tuple:
    return (
        (meeting.body.name, _body_url(council, meeting.body)),
        (govuk_date(meeting.held_on), _meeting_url(council, meeting)),
    )


def form_page(
    request,
    council,
    form,
    *,
    save: Callable[[dict], object],
    done: Callable[[object], str],
    success: str,
    heading: str,
    caption: str,
    trail: list[Link],
    cancel: str,
    submit: str = "Save",
    intro: str = "",
):
    """Show a form; on a valid POST call the service, then go to `done(result)`; a refusal
    (a stale form, a broken rule, a file that is not PDF or Word) is shown on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except DocumentRefused as refused:
            form.add_error("file" if "file" in form.fields else None, str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(done(result))
    return render(
        request,
        "governance/form.html",
        _context(
            request,
            council,
            form=form,
            heading=heading,
            caption=caption,
            trail=trail,
            cancel=cancel,
            submit=submit,
            intro=intro,
        ),
    )


# Bodies --------------------------------------------------------------------------------------


@login_required
def bodies(request, council_code: str):
    council = council_for_user(request.user, council_code)
    rows = selectors.bodies_for(request.user, council)
    return render(
        request,
        "governance/bodies.html",
        _context(
            request, council, rows=rows, kinds=catalogue.BODY_KINDS, trail=_trail(request, council)
        ),
    )


@login_required
def body_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, CAPABILITY, council)
    form = forms.BodyForm(request.POST or None)
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.body_create(
            council=council, user=request.user, request=request, **data
        ),
        done=lambda body: _body_url(council, body),
        success="Body added.",
        heading="Add a board or committee",
        caption=council.name,
        trail=_trail(request, council),
        cancel=reverse("governance_bodies", args=[council.code]),
    )


@login_required
def body_detail(request, council_code: str, body_id: int):
    council = council_for_user(request.user, council_code)
    body = selectors.body_for(request.user, council, body_id)
    rows = selectors.meeting_rows(request.user, body)
    return render(
        request,
        "governance/body.html",
        _context(
            request,
            council,
            body=body,
            members=body.members.all(),
            meetings=rows,
            internal=sum(1 for row in rows if row.meeting.kind == catalogue.INTERNAL),
            external=sum(1 for row in rows if row.meeting.kind == catalogue.EXTERNAL),
            broken=[row for row in rows if row.alternates is False],
            next_kind=catalogue.MEETING_KINDS[selectors.next_meeting_kind(request.user, body)],
            changes=selectors.body_history(request.user, body)[:50],
            trail=_trail(request, council),
        ),
    )


@login_required
def body_edit(request, council_code: str, body_id: int):
    council = council_for_user(request.user, council_code)
    body = selectors.body_for(request.user, council, body_id)
    require(request.user, CAPABILITY, council)
    form = forms.BodyEditForm(request.POST or None, initial=forms.BodyEditForm.initial_for(body))
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.body_update(
            body=body, user=request.user, request=request, **data
        ),
        done=lambda _: _body_url(council, body),
        success=f"{body.name} saved.",
        heading=f"Change {body.name}",
        caption=council.name,
        trail=_trail(request, council, (body.name, _body_url(council, body))),
        cancel=_body_url(council, body),
    )


@login_required
def member_add(request, council_code: str, body_id: int):
    council = council_for_user(request.user, council_code)
    body = selectors.body_for(request.user, council, body_id)
    require(request.user, CAPABILITY, council)
    form = forms.MemberForm(request.POST or None)
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.member_add(
            body=body, user=request.user, request=request, **data
        ),
        done=lambda _: _body_url(council, body),
        success="Member added.",
        heading="Add a member",
        caption=body.name,
        trail=_trail(request, council, (body.name, _body_url(council, body))),
        cancel=_body_url(council, body),
    )


@login_required
def member_edit(request, council_code: str, member_id: int):
    council = council_for_user(request.user, council_code)
    member = selectors.member_for(request.user, council, member_id)
    require(request.user, CAPABILITY, council)
    body = member.body
    form = forms.MemberEditForm(
        request.POST or None, initial=forms.MemberEditForm.initial_for(member)
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.member_update(
            member=member, user=request.user, request=request, **data
        ),
        done=lambda _: _body_url(council, body),
        success=f"{member.name} saved.",
        heading=f"Change {member.name}",
        caption=body.name,
        trail=_trail(request, council, (body.name, _body_url(council, body))),
        cancel=_body_url(council, body),
    )


# Meetings ------------------------------------------------------------------------------------


@login_required
def meeting_add(request, council_code: str, body_id: int):
    council = council_for_user(request.user, council_code)
    body = selectors.body_for(request.user, council, body_id)
    require(request.user, CAPABILITY, council)
    # The form starts at the opposite of the last meeting's kind where the body alternates:
    # a starting value only, the person recording the meeting chooses.
    form = forms.MeetingForm(
        request.POST or None, initial={"kind": selectors.next_meeting_kind(request.user, body)}
    )
    intro = (
        "This body's meetings alternate between internal and external, so the form starts at "
        "the opposite of its last meeting's."
        if body.kind_info.alternates
        else ""
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.meeting_create(
            body=body, user=request.user, request=request, **data
        ),
        done=lambda meeting: _meeting_url(council, meeting),
        success="Meeting added.",
        heading="Add a meeting",
        caption=body.name,
        trail=_trail(request, council, (body.name, _body_url(council, body))),
        cancel=_body_url(council, body),
        intro=intro,
    )


@login_required
def meeting_detail(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    detail = selectors.meeting_detail(request.user, meeting, today=clock.today())
    return render(
        request,
        "governance/meeting.html",
        _context(
            request,
            council,
            meeting=meeting,
            body=meeting.body,
            detail=detail,
            approval_steps=meeting.approval_steps.select_related("plan"),
            changes=selectors.meeting_history(request.user, meeting)[:100],
            trail=_trail(request, council, (meeting.body.name, _body_url(council, meeting.body))),
        ),
    )


@login_required
def meeting_edit(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    form = forms.MeetingEditForm(
        request.POST or None, initial=forms.MeetingEditForm.initial_for(meeting)
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.meeting_update(
            meeting=meeting, user=request.user, request=request, **data
        ),
        done=lambda _: _meeting_url(council, meeting),
        success="Meeting saved.",
        heading="Change the meeting",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
    )


@login_required
def attendance(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    rows = selectors.meeting_detail(request.user, meeting, today=clock.today()).attendance
    form = forms.AttendanceForm(
        request.POST or None, rows=rows, initial=forms.AttendanceForm.initial_for(meeting)
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.attendance_record(
            meeting=meeting,
            user=request.user,
            statuses=form.statuses(),
            opened_version=data["opened_version"],
            request=request,
        ),
        done=lambda _: _meeting_url(council, meeting),
        success="Attendance saved.",
        heading="Attendance",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
        intro="Present, apologies or absent, member by member. Leave a member unanswered if "
        "it is not known.",
    )


# Agenda, papers, decisions -------------------------------------------------------------------


@login_required
def item_add(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    form = forms.ItemForm(request.POST or None, council=council)
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.item_add(
            meeting=meeting, user=request.user, request=request, **data
        ),
        done=lambda _: _meeting_url(council, meeting) + "#agenda",
        success="Agenda item added.",
        heading="Add an agenda item",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
    )


@login_required
def item_edit(request, council_code: str, item_id: int):
    council = council_for_user(request.user, council_code)
    item = selectors.item_for(request.user, council, item_id)
    require(request.user, CAPABILITY, council)
    meeting = item.meeting
    form = forms.ItemEditForm(
        request.POST or None, council=council, initial=forms.ItemEditForm.initial_for(item)
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.item_update(
            item=item, user=request.user, request=request, **data
        ),
        done=lambda _: _meeting_url(council, meeting) + "#agenda",
        success=f"Item {item.number} saved.",
        heading=f"Change item {item.number}",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
    )


@login_required
def paper_add(request, council_code: str, item_id: int):
    council = council_for_user(request.user, council_code)
    item = selectors.item_for(request.user, council, item_id)
    require(request.user, CAPABILITY, council)
    meeting = item.meeting
    held = selectors.documents_for(request.user, council)
    form = forms.PaperForm(request.POST or None, request.FILES or None, documents=held)

    def save(data):
        document = held.get(pk=data["existing"]) if data["existing"] else None
        return services.paper_add(
            item=item,
            user=request.user,
            title=data["title"],
            document=document,
            file=data["file"],
            request=request,
        )

    return form_page(
        request,
        council,
        form,
        save=save,
        done=lambda _: _meeting_url(council, meeting) + "#agenda",
        success="Paper added.",
        heading=f"Add a paper to item {item.number}",
        caption=f"{meeting}: {item.title}",
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
        submit="Add paper",
    )


@login_required
def decision_add(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    items = list(meeting.items.all())
    form = forms.DecisionForm(request.POST or None, items=items)

    def save(data):
        item = next((i for i in items if i.pk == data["item"]), None)
        return services.decision_add(
            meeting=meeting, user=request.user, text=data["text"], item=item, request=request
        )

    return form_page(
        request,
        council,
        form,
        save=save,
        done=lambda _: _meeting_url(council, meeting) + "#decisions",
        success="Decision recorded.",
        heading="Record a decision",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
    )


@login_required
def decision_edit(request, council_code: str, decision_id: int):
    council = council_for_user(request.user, council_code)
    decision = selectors.decision_for(request.user, council, decision_id)
    require(request.user, CAPABILITY, council)
    meeting = decision.meeting
    form = forms.DecisionEditForm(
        request.POST or None, initial=forms.DecisionEditForm.initial_for(decision)
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.decision_update(
            decision=decision, user=request.user, request=request, **data
        ),
        done=lambda _: _meeting_url(council, meeting) + "#decisions",
        success="Decision saved.",
        heading="Change the decision",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
    )


# Actions -------------------------------------------------------------------------------------


@login_required
def board_action_add(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    decisions = list(meeting.decisions.all())
    form = forms.BoardActionForm(
        request.POST or None,
        people=plan_selectors.council_people(request.user, council),
        decisions=decisions,
    )

    def save(data):
        data = dict(data)
        chosen = data.pop("decision", None)
        decision = next((d for d in decisions if d.pk == chosen), None)
        return services.board_action_add(
            meeting=meeting, user=request.user, decision=decision, request=request, **data
        )

    return form_page(
        request,
        council,
        form,
        save=save,
        done=lambda _: _meeting_url(council, meeting) + "#actions",
        success="Action added to the log.",
        heading="Add an action",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
    )


@login_required
def board_action_edit(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.board_action_for(request.user, council, action_id)
    require(request.user, CAPABILITY, council)
    form = forms.BoardActionEditForm(
        request.POST or None,
        people=plan_selectors.council_people(request.user, council),
        initial=forms.BoardActionEditForm.initial_for(action),
    )
    log = reverse("governance_actions", args=[council.code])
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.board_action_update(
            action=action, user=request.user, request=request, **data
        ),
        done=lambda _: log,
        success="Action saved.",
        heading="Change the action",
        caption=f"Raised at {action.meeting}",
        trail=_trail(request, council, ("Action log", log)),
        cancel=log,
    )


# Minutes -------------------------------------------------------------------------------------


@login_required
def minutes_edit(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    form = forms.MinutesForm(
        request.POST or None, request.FILES or None, initial=forms.MinutesForm.initial_for(meeting)
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.minutes_draft(
            meeting=meeting,
            user=request.user,
            minutes=data["minutes"],
            file=data["file"],
            opened_version=data["opened_version"],
            request=request,
        ),
        done=lambda _: _meeting_url(council, meeting) + "#minutes",
        success="Draft minutes saved.",
        heading="Draft the minutes",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
        intro="The minutes stay a draft until they are approved at a later meeting of "
        f"{meeting.body.name}, normally the next.",
    )


@login_required
def minutes_approve(request, council_code: str, meeting_id: int):
    council = council_for_user(request.user, council_code)
    meeting = selectors.meeting_for(request.user, council, meeting_id)
    require(request.user, CAPABILITY, council)
    today = clock.today()
    later = selectors.meeting_detail(request.user, meeting, today=today).later_meetings
    later = [held for held in later if held.held_on <= today]
    form = forms.MinutesApproveForm(
        request.POST or None,
        later_meetings=later,
        initial=forms.MinutesApproveForm.initial_for(meeting, later),
    )

    def save(data):
        approved_at = selectors.meeting_for(request.user, council, data["approved_at"])
        return services.minutes_approve(
            meeting=meeting,
            user=request.user,
            approved_at=approved_at,
            opened_version=data["opened_version"],
            request=request,
        )

    intro = (
        "The minutes can be approved once a later meeting of the body has been held."
        if not later
        else ""
    )
    return form_page(
        request,
        council,
        form,
        save=save,
        done=lambda _: _meeting_url(council, meeting) + "#minutes",
        success="Minutes approved.",
        heading="Record the minutes' approval",
        caption=str(meeting),
        trail=_trail(request, council, *_meeting_pairs(council, meeting)),
        cancel=_meeting_url(council, meeting),
        submit="Approve minutes",
        intro=intro,
    )
