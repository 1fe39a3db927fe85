"""People and audit log pages for one council: thin views over the councils and audit layers.

Only the council's user administrators reach the people pages; admins, leaders and
commissioners read the audit log. Anyone else, and every other council, gets a 404 from
`council_for_user`, so the pages do not confirm who administers what. Every signed-in user can
change their own password; someone given a one-time password must, before anything else.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache

from trajectory.audit import exports as audit_exports
from trajectory.audit import selectors as audit_selectors
from trajectory.councils import forms, selectors, services
from trajectory.councils.permissions import has_capability
from trajectory.web.forms import add_service_errors

AUDIT_PAGE_SIZE = 50


# People --------------------------------------------------------------------------------------


@login_required
def people_list(request, council_code: str):
    council = selectors.council_for_user(request.user, council_code, "manage_users")
    people = selectors.council_people(request.user, council)
    return render(
        request,
        "councils/people_list.html",
        {"council": council, "people": people},
    )


@never_cache
@login_required
def person_add(request, council_code: str):
    """Add a person. A new account's one-time password is in this response only: it is not
    put in the session, a message or a URL, and the page is not cached."""
    council = selectors.council_for_user(request.user, council_code, "manage_users")
    teams = list(selectors.council_teams(request.user, council))
    form = forms.PersonAddForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.person_add(
                council=council,
                username=form.cleaned_data["username"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                team=form.chosen_team(),
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not added.created:
                messages.success(
                    request,
                    f"{added.user.username} already had an account and is now "
                    f"{added.membership.get_role_display()} here.",
                )
                return redirect("people_list", council.code)
            return render(
                request, "councils/person_added.html", {"council": council, "added": added}
            )
    return render(request, "councils/person_add.html", {"council": council, "form": form})


@never_cache
@login_required
def person_password_reset(request, council_code: str, user_id: int):
    """Confirm, then give a person a new one-time password (issue 7.13). Like a new account's,
    it is in this response only, and the page is not cached."""
    council = selectors.council_for_user(request.user, council_code, "manage_users")
    person = selectors.council_person(request.user, council, user_id)
    problem = None
    if request.method == "POST":
        try:
            password = services.password_reset(
                user=person.user, council=council, actor=request.user, request=request
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            return render(
                request,
                "councils/password_reset_done.html",
                {"council": council, "person": person, "one_time_password": password},
            )
    return render(
        request,
        "councils/password_reset.html",
        {"council": council, "person": person, "problem": problem},
    )


@login_required
def membership_edit(request, council_code: str, membership_id: int):
    council = selectors.council_for_user(request.user, council_code, "manage_users")
    membership = selectors.council_membership(request.user, council, membership_id)
    teams = list(selectors.council_teams(request.user, council))
    initial = {"role": membership.role, "team": membership.team_id}
    form = forms.MembershipForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership,
                role=form.cleaned_data["role"],
                team=form.chosen_team(),
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{membership.user.username} is now {membership.get_role_display()} here.",
            )
            return _after_change(request, council)
    return render(
        request,
        "councils/membership_edit.html",
        {"council": council, "membership": membership, "form": form},
    )


@login_required
def membership_remove(request, council_code: str, membership_id: int):
    council = selectors.council_for_user(request.user, council_code, "manage_users")
    membership = selectors.council_membership(request.user, council, membership_id)
    problem = None
    if request.method == "POST":
        try:
            services.membership_revoke(membership=membership, actor=request.user, request=request)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                f"{membership.user.username} no longer has the role "
                f"{membership.get_role_display()} here.",
            )
            return _after_change(request, council)
    return render(
        request,
        "councils/membership_remove.html",
        {"council": council, "membership": membership, "problem": problem},
    )


def _after_change(request, council):
    """Back to the people list, unless the admin has just given up their own admin role."""
    request.user.__dict__.pop("_trajectory_roles", None)
    if has_capability(request.user, "manage_users", council):
        return redirect("people_list", council.code)
    if has_capability(request.user, "view_council", council):
        return redirect("council_home", council.code)
    return redirect("home")


# Audit log -----------------------------------------------------------------------------------


def _filtered_entries(request, council):
    form = forms.AuditFilterForm(
        request.GET or None, actions=audit_selectors.actions_for(request.user, council)
    )
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    return form, filters, audit_selectors.entries_for(request.user, council, **filters)


@login_required
def audit_log(request, council_code: str):
    council = selectors.council_for_user(request.user, council_code, "view_audit_log")
    form, filters, entries = _filtered_entries(request, council)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "councils/audit_log.html",
        {
            "council": council,
            "form": form,
            "page": page,
            "filtered": bool(filters),
            "query": query.urlencode(),
        },
    )


@login_required
def audit_log_csv(request, council_code: str):
    """Every entry the filters match, not just one page. The download is itself audited."""
    council = selectors.council_for_user(request.user, council_code, "view_audit_log")
    _, filters, _ = _filtered_entries(request, council)
    content = audit_exports.entries_csv(request.user, council, request=request, **filters)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{council.code}-{stamp}.csv"'
    return response


# Own account ---------------------------------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (signed-in only, CSRF, sensitive POST data hidden from error
    reports) writing through `services.password_change`, then home with a success banner."""

    form_class = forms.PasswordChangeForm
    # Not Django's default name: the admin app ships a template by that name and comes first.
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["must_change"] = selectors.account_must_change_password(self.request.user)
        return context

    def form_valid(self, form):
        services.password_change(
            user=form.user, password=form.cleaned_data["new_password1"], request=self.request
        )
        # Other sessions of this account end; this one stays signed in.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "Your password has been changed.")
        return HttpResponseRedirect(self.get_success_url())
