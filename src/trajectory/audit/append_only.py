"""Base models for records that are evidence: once written they are never changed in place."""

from __future__ import annotations

from django.db import models


class ImmutableModel(models.Model):
    """A row is saved once; a correction is a new row. `changed_message` says what to do."""

    changed_message = "This record cannot be changed."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(self.changed_message)
        super().save(*args, **kwargs)


class AppendOnlyModel(ImmutableModel):
    """An immutable row that is never deleted either, so a log keeps its whole history."""

    deleted_message = "This record cannot be deleted."

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionError(self.deleted_message)
