"""Change records refuse bulk UPDATE and DELETE in the database, not only per row (issue 6.9)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from trajectory.plans.models import ChangeRecord

pytestmark = pytest.mark.django_db


def _refused(statement) -> str:
    with pytest.raises((IntegrityError, DatabaseError)) as refusal, transaction.atomic():
        statement()
    return str(refusal.value)


def test_bulk_changes_to_change_records_are_refused(plan):
    records = ChangeRecord.objects.filter(plan=plan)
    count = records.count()
    assert count > 0
    first = records.order_by("id").first()
    assert "append-only" in _refused(lambda: records.update(after="tampered"))
    assert "append-only" in _refused(lambda: records.delete())

    def raw_update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE plans_changerecord SET username = 'x' WHERE id = %s", [first.pk])

    assert "append-only" in _refused(raw_update)
    assert ChangeRecord.objects.filter(plan=plan).count() == count
    unchanged = ChangeRecord.objects.get(pk=first.pk)
    assert (unchanged.after, unchanged.username) == (first.after, first.username)
