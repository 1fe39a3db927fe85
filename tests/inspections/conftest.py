"""Ofsted reference data, loaded once per test module (it is read-only for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

REFERENCE = Path(settings.TRAJECTORY_REFERENCE_DIR)
ODS_2025 = REFERENCE / "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
ODS_2024 = REFERENCE / "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_March_2024.ods"


@pytest.fixture(scope="module")
def ofsted_loaded(django_db_setup, django_db_blocker):
    """All 153 councils, their neighbours and their Ofsted history, rolled back after the module.

    The module's tests run inside this transaction (each test in a savepoint of its own), so the
    loads' audit entries, which are append-only, are never deleted: they are never committed.
    """
    if not ODS_2025.exists():
        pytest.skip(f"reference data not found in {REFERENCE}")
    from django.db import transaction

    from trajectory.councils.reference import councils_load_reference
    from trajectory.inspections.services import ofsted_load

    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        try:
            councils_load_reference()
            result = ofsted_load()
        except Exception:
            transaction.set_rollback(True)
            loaded.__exit__(None, None, None)
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loaded.__exit__(None, None, None)
