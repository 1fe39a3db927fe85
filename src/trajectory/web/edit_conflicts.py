"""No lost writes (DESIGN.md): a record people edit through forms carries an edit version, an
edit form carries the version it was opened at, and a save from a form opened at an older
version is refused, naming who changed the record and when, with the saved values shown beside
the ones submitted so nothing typed is lost.

One vocabulary for every app:

- `EditVersioned`, the abstract model: `edit_version`, `changed_by`, `changed_at`.
- `OpenedVersionForm`, the form mixin: the hidden `opened_version` and `initial_for(record)`.
- `lock_for_edit(record, opened_version)`, first thing in a service's transaction: lock the row,
  reload it, and raise `StaleEdit` if its version has moved on since the form was opened.
- `mark_changed(record, user)`, just before the service saves: the next version, who and when.
- `show_conflict(form, stale)`, reached through `web.forms.add_service_errors`: the message at
  the top of the form, the record's current version in the hidden field (so saving again is a
  deliberate choice) and the saved-against-submitted rows `web/_edit_conflict.html` shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from trajectory.web.dates import govuk_date, govuk_date_time

OPENED_VERSION = "opened_version"
OUT_OF_DATE = "This page is out of date. Open it again to make your change."


class EditVersioned(models.Model):
    """A record several people may edit. Services bump the version on every save."""

    edit_version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one on every save"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def changed_by_name(record: EditVersioned) -> str:
    user = record.changed_by
    if user is None:
        return "an automatic update"
    return user.get_full_name() or user.get_username()


class StaleEdit(ValidationError):
    """A save from a form opened at an older version than the record now has."""

    def __init__(self, current: EditVersioned):
        self.current = current
        self.changed_by_name = changed_by_name(current)
        self.changed_at = current.changed_at
        when = f" at {govuk_date_time(current.changed_at)}" if current.changed_at else ""
        noun = current._meta.verbose_name
        super().__init__(
            f"This {noun} was changed by {self.changed_by_name}{when} since you opened it.",
            code="stale_edit",
        )


def lock_for_edit(record: EditVersioned, opened_version: int | None) -> None:
    """Lock the record's row for the rest of the transaction and reload it, so the save starts
    from what is stored now; refuse if it has changed since the form was opened.

    `opened_version=None` is for callers that show no form (commands, other services)."""
    record.refresh_from_db(from_queryset=type(record)._base_manager.select_for_update())
    if opened_version is not None and record.edit_version != opened_version:
        raise StaleEdit(record)


def mark_changed(record: EditVersioned, user) -> None:
    record.edit_version += 1
    record.changed_by = user if getattr(user, "is_authenticated", False) else None
    record.changed_at = timezone.now()


def record_values(record, names) -> dict:
    """The record's stored values under the form's field names, as form initial data:
    ids for foreign keys, lists of ids for many-to-many fields."""
    values = {}
    for name in names:
        try:
            model_field = record._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.many_to_many:
            values[name] = list(getattr(record, name).values_list("pk", flat=True))
        elif model_field.is_relation:
            values[name] = getattr(record, model_field.attname)
        else:
            values[name] = getattr(record, name)
    return values


class OpenedVersionForm(forms.Form):
    """Mixed into an edit form: carries the version the record had when the page was opened."""

    opened_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
    )

    @classmethod
    def initial_for(cls, record: EditVersioned) -> dict:
        """The form's fields as the record stores them, and its version. Forms whose fields
        are not the record's own attributes override this."""
        return record_values(record, cls.base_fields) | {OPENED_VERSION: record.edit_version}


@dataclass(frozen=True)
class ConflictRow:
    label: str
    saved: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    message: str
    changed_by_name: str
    changed_at: str
    rows: list[ConflictRow]


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            yield from _flat_choices(label)
        else:
            yield str(key), label


def shown_value(field: forms.Field, value) -> str:
    """A form value as the page shows it: choice labels, GOV.UK dates, '' for empty."""
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, forms.DateField):
        try:
            parsed = field.to_python(value)
        except ValidationError:
            return str(value)
        return govuk_date(parsed) if parsed else ""
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = dict(_flat_choices(choices))
        if isinstance(value, (list, tuple)):
            return ", ".join(str(labels.get(str(item), item)) for item in value)
        return str(labels.get(str(value), value))
    return str(value)


def show_conflict(form: OpenedVersionForm, stale: StaleEdit) -> Conflict:
    """Refuse the save on the form: the message at the top, the saved version beside what was
    submitted for each field that differs, and the current version in the hidden field."""
    stored = form.initial_for(stale.current)
    rows = []
    for bound in form.visible_fields():
        if bound.name not in stored:
            continue
        saved = shown_value(bound.field, stored[bound.name])
        yours = shown_value(bound.field, bound.value())
        if saved != yours:
            rows.append(ConflictRow(label=str(bound.label), saved=saved, yours=yours))
    data = form.data.copy()
    data[form.add_prefix(OPENED_VERSION)] = str(stale.current.edit_version)
    form.data = data
    form.add_error(None, stale.messages)
    form.edit_conflict = Conflict(
        message=stale.messages[0],
        changed_by_name=stale.changed_by_name,
        changed_at=govuk_date_time(stale.changed_at) if stale.changed_at else "",
        rows=rows,
    )
    return form.edit_conflict
