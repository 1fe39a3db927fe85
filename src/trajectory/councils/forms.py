"""Forms for the people and audit log pages. They parse input; the services decide what is
allowed (one council only, never staff or superuser, always one admin left)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.functional import lazy

from trajectory.audit.labels import action_label
from trajectory.councils.models import Role
from trajectory.web.forms import DateField, GovukForm


def _team_choices(teams) -> list[tuple[str, str]]:
    return [("", "No team"), *((str(team.pk), team.name) for team in teams)]


class MembershipForm(GovukForm):
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose a role"), *Role.choices],
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose a role."},
    )
    team = forms.TypedChoiceField(
        label="Team (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="For managers: the team whose children they may see.",
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {team.pk: team for team in teams}
        self.fields["team"].choices = _team_choices(teams)

    def chosen_team(self):
        return self.teams.get(self.cleaned_data.get("team"))


class PersonAddForm(MembershipForm):
    username = forms.CharField(
        label="User name",
        max_length=150,
        error_messages={"required": "Enter a user name."},
        help_text="If this user name already has an account, they are given the role here.",
    )
    full_name = forms.CharField(
        label="Full name", max_length=150, required=False, help_text="Needed for a new account."
    )
    email = forms.EmailField(
        label="Email address", required=False, help_text="Needed for a new account."
    )
    field_order = ["username", "full_name", "email", "role", "team"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "govuk-input govuk-!-width-one-half",
            }
        )
        self.fields["full_name"].widget.attrs.update({"autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class AuditFilterForm(GovukForm):
    action = forms.ChoiceField(label="Action", required=False)
    username = forms.CharField(label="User name", required=False, max_length=150)
    since = DateField(label="From", subject="the start date", required=False)
    until = DateField(label="To", subject="the end date", required=False)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", "All actions"),
            *sorted(((a, action_label(a)) for a in actions), key=lambda choice: choice[1]),
        ]
        self.fields["username"].widget.attrs.update({"spellcheck": "false"})

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date must be the same as or after the start date.")
        return cleaned


def _new_password_hint() -> str:
    """The rules the settings' validators apply, in plain words, with their own length."""
    lengths = [
        getattr(validator, "min_length", 0)
        for validator in password_validation.get_default_password_validators()
    ]
    return (
        f"Use at least {max(lengths, default=8)} characters. A few unrelated words work well. "
        "It cannot be a common password, only numbers, or close to your name or email address."
    )


def _password_field(label: str, required: str, autocomplete: str, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        error_messages={"required": required},
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class PasswordChangeForm(GovukForm, auth_forms.PasswordChangeForm):
    """Django's password change, in GOV.UK wording. The settings' validators judge the new
    password, and their messages sit on the "New password" field where it was typed."""

    error_messages = {
        "password_mismatch": "The new passwords do not match. Enter the same password twice.",
        "password_incorrect": "Your current password is wrong. Enter the password you signed "
        "in with.",
        "password_unchanged": "Your new password must be different from your current one.",
    }
    old_password = _password_field(
        "Current password", "Enter your current password.", "current-password"
    )
    new_password1 = _password_field(
        "New password",
        "Enter a new password.",
        "new-password",
        help_text=lazy(_new_password_hint, str)(),
    )
    new_password2 = _password_field(
        "Confirm new password", "Enter your new password again.", "new-password"
    )

    def clean(self):
        """As Django's, but the validators' verdict goes on the first new password box."""
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        new = self.cleaned_data.get("new_password1")
        if new and "new_password1" not in self.errors and self.user.check_password(new):
            self.add_error("new_password1", self.error_messages["password_unchanged"])
        return self.cleaned_data
