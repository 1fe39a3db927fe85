"""Forms for rebasing control limits. They only parse input; the services decide."""

from __future__ import annotations

from django import forms

from trajectory.web.forms import DateField, GovukForm


class RebaseForm(GovukForm):
    from_date = DateField(
        label="Rebase the limits from",
        subject="the date the limits are rebased from",
        help_text="The first month of the changed process. For example, 1 4 2025",
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What changed in the service or the counting, so the board can judge it.",
        error_messages={"required": "Enter the reason for rebasing the limits"},
    )


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Reason for withdrawing it",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for withdrawing the rebase"},
    )
